// The popup: the verification-call workspace over the current tab's state.
// Four sections (coverage, call checklist, Medicare visits, appeals); the call
// in progress is saved on every change, since the popup closes whenever focus
// leaves it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { localDateTime, newCallSession, prefillAnswers, type CallSession } from '../core/call-session';
import type { RulesView } from '../core/messages';
import { CALL_SESSION_KEY } from '../core/call-session';
import { ext as browser } from '../shared/native-api';
import { AppealsSection } from './AppealsSection';
import { ChecklistSection } from './ChecklistSection';
import { CoverageSection } from './CoverageSection';
import { notesOf, type InitialLoad, type PopupData } from './initial-load';
import { OWN_KEYS, rememberSection, type SessionStore } from './session-store';
import { handleShortcut } from './shortcuts';
import { Tabs, type TabDef } from './Tabs';
import { VisitsSection } from './VisitsSection';

const SECTIONS: readonly TabDef[] = [
  { id: 'coverage', label: 'Coverage', shortcut: 'Alt+1' },
  { id: 'checklist', label: 'Call checklist', shortcut: 'Alt+2' },
  { id: 'visits', label: 'Medicare visits', shortcut: 'Alt+3' },
  { id: 'appeals', label: 'Denied?', shortcut: 'Alt+4' },
];

function withPrefill(session: CallSession, data: PopupData): CallSession {
  const answers = prefillAnswers(data.notes.checklist, session.answers, {
    codes: data.state.codes,
    diagnoses: data.state.diagnoses,
    payerName: data.state.payer?.name ?? null,
    now: localDateTime(new Date()),
  });
  return { ...session, answers };
}

interface Opened {
  tabId: number | undefined;
  data: PopupData | null;
  rules: RulesView;
  store: SessionStore;
  session: CallSession;
  section: string;
}

/** The popup's first state from what was loaded; the prefilled call is saved. */
function opened(load: InitialLoad): Opened {
  const { tabId, tabData, rules, store } = load;
  const last = store.section;
  const section = last && SECTIONS.some((s) => s.id === last) ? last : 'coverage';
  const session = tabData ? withPrefill(store.session, tabData) : store.session;
  if (session !== store.session) void store.save(session);
  return { tabId, data: tabData, rules, store, session, section };
}

/**
 * `initial` is the load started when the script ran; `loaded` is its result when
 * it came before the first render, which then already shows the tab's state.
 */
export function App({ initial, loaded }: { initial: Promise<InitialLoad>; loaded?: InitialLoad }) {
  const [first] = useState(() => (loaded ? opened(loaded) : null));
  const [tabId, setTabId] = useState<number | undefined>(first?.tabId);
  const [data, setData] = useState<PopupData | null>(first?.data ?? null);
  const [rules, setRules] = useState<RulesView | null>(first?.rules ?? null);
  const [store, setStore] = useState<SessionStore | null>(first?.store ?? null);
  const [session, setSession] = useState<CallSession | null>(first?.session ?? null);
  const [section, setSection] = useState(first?.section ?? 'coverage');
  const [error, setError] = useState<string>();
  const [scanning, setScanning] = useState(false);
  const [scanProblem, setScanProblem] = useState('');
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => undefined);

  useEffect(() => {
    if (first) return;
    initial.then(
      (load) => {
        performance.mark('dnca-popup-data');
        const next = opened(load);
        setTabId(next.tabId);
        setRules(next.rules);
        setStore(next.store);
        setSection(next.section);
        setData(next.data);
        setSession(next.session);
      },
      (e: unknown) => setError(String(e)),
    );
  }, []);

  useEffect(() => {
    // The figure bench/popup.bench.mjs reads: first render with the tab's state.
    if (data && session && rules) performance.mark('dnca-popup-ready');
  }, [data !== null && session !== null && rules !== null]);

  useEffect(() => {
    // On the document: with nothing focused yet, keys go to <body>, outside <main>.
    const listener = (e: KeyboardEvent) => keyHandler.current(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const update = (next: CallSession) => {
    setSession(next);
    void store?.save(next);
  };

  const select = (id: string) => {
    setSection(id);
    void rememberSection(id);
  };

  const latest = useRef({ session, update });
  latest.current = { session, update };

  /** Reads the tab's notes again, and fills what the page now shows into unanswered questions. */
  const reload = async (): Promise<PopupData | null> => {
    if (tabId === undefined) return null;
    const next = await notesOf(tabId);
    setData(next);
    const { session: current, update: save } = latest.current;
    if (current && next.state.frames > 0) {
      const filled = withPrefill(current, next);
      if (JSON.stringify(filled.answers) !== JSON.stringify(current.answers)) save(filled);
    }
    return next;
  };

  useEffect(() => {
    // Follow the tab while the popup is open: the page may still be scanning, or a single-page app may
    // change it. Tab states live in session storage; the popup's own keys there are not the tab's.
    if (tabId === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = (changes: Record<string, unknown>, area: string) => {
      const tabChanged = area === 'session' && Object.keys(changes).some((k) => !OWN_KEYS.has(k));
      // The call's visit dates decide the Medicare visit-limits criterion shown under Coverage.
      const callChanged = CALL_SESSION_KEY in changes;
      if (!tabChanged && !callChanged) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload().catch(() => undefined), 150);
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(listener);
    };
  }, [tabId]);

  const scan = async () => {
    if (tabId === undefined) return;
    setScanning(true);
    setScanProblem('');
    try {
      await browser.runtime.sendMessage({ type: 'page:scan-tab', tabId });
      // The injected scanner reports on its own time: wait for its first report.
      for (let i = 0; i < 30; i++) {
        const next = await reload();
        if (next && next.state.frames > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch (e) {
      setScanProblem(`This page could not be scanned (${String(e).replace(/^Error: /, '')}). Open the popup from the toolbar button while on the page, then scan.`);
    } finally {
      setScanning(false);
    }
  };

  const choosePayer = async (payerId: string | null) => {
    if (tabId === undefined) return;
    await browser.runtime.sendMessage({ type: 'page:choose-payer', tabId, payerId });
    await reload();
  };

  const newCall = () => {
    const fresh = newCallSession(new Date());
    update(data ? withPrefill(fresh, data) : fresh);
  };

  keyHandler.current = (e: KeyboardEvent) =>
    handleShortcut(e, { sections: SECTIONS, select, questions: data?.notes.checklist ?? [], answers: session?.answers ?? {} });

  const payerId = data?.notes.payer?.id ?? null;
  const payerName = data?.state.payer?.name ?? null;
  return (
    <main>
      <h1>Dry needling coverage</h1>
      {error && <p role="alert">Could not read this tab: {error}</p>}
      {!error && !(rules && session) && <p>Loading…</p>}
      {rules && session && (
        <Tabs tabs={SECTIONS} selected={section} onSelect={select}>
          {section === 'coverage' &&
            (data ? (
              <CoverageSection
                state={data.state}
                notes={data.notes}
                summary={data.summary}
                payers={rules.payers}
                scanning={scanning}
                scanProblem={scanProblem}
                onScan={() => void scan()}
                onChoosePayer={(id) => void choosePayer(id)}
              />
            ) : (
              <p>No browser tab to describe.</p>
            ))}
          {section === 'checklist' && (
            <ChecklistSection
              questions={data?.notes.checklist ?? []}
              session={session}
              payerName={payerName}
              persistent={store?.persistent ?? false}
              onChange={update}
              onNewCall={newCall}
            />
          )}
          {section === 'visits' &&
            (rules.medicare ? (
              <VisitsSection program={rules.medicare.program} sources={rules.medicare.sources} visits={session.visits} onChange={(visits) => update({ ...session, visits })} />
            ) : (
              <p>The rules in force have no Medicare visit limits.</p>
            ))}
          {section === 'appeals' && (
            <AppealsSection appeals={rules.appeals} payerId={payerId} payers={rules.payers} checked={session.appealChecks} onCheck={(appealChecks) => update({ ...session, appealChecks })} />
          )}
        </Tabs>
      )}
      <p class="keys muted">
        Keys: Alt+1 to Alt+4 sections · arrows move between tabs · Alt+N next unanswered question · Alt+C copy the call note
      </p>
    </main>
  );
}
