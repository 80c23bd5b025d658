// The popup: the current tab's coverage notes. Later sections (call
// checklist, visit tracker, appeals) hang off the same tab state.
import { useEffect, useState } from 'preact/hooks';
import type { Notes } from '../core/engine';
import type { TabState } from '../core/messages';
import browser from '../shared/browser';
import { NotesView } from '../ui/NotesView';

interface PopupData {
  state: TabState;
  notes: Notes;
  summary: string;
}

async function activeTabId(): Promise<number | undefined> {
  // Opened as a tab (tests, keyboard users), ?tab= names the tab it describes.
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function App() {
  const [tabId, setTabId] = useState<number>();
  const [data, setData] = useState<PopupData | null>(null);
  const [error, setError] = useState<string>();

  const load = async (id: number) => {
    try {
      setData((await browser.runtime.sendMessage({ type: 'page:notes', tabId: id })) as PopupData);
    } catch (e) {
      setError(String(e));
    }
  };

  useEffect(() => {
    void activeTabId().then((id) => {
      setTabId(id);
      if (id !== undefined) void load(id);
    });
  }, []);

  const scan = async () => {
    if (tabId === undefined) return;
    await browser.runtime.sendMessage({ type: 'page:scan-tab', tabId });
    setTimeout(() => void load(tabId), 400);
  };

  return (
    <main>
      <h1>Dry needling coverage</h1>
      {error && <p role="alert">Could not read this tab: {error}</p>}
      {!data && !error && <p>Loading…</p>}
      {data && (
        <>
          <p class="summary" aria-live="polite">
            {data.state.codes.length > 0 ? data.summary : 'No 20560 or 20561 found on this page.'}
          </p>
          <p class="muted">
            {data.state.payer ? `Payer: ${data.state.payer.name} (${data.state.payer.evidence})` : 'Payer: not identified'}
          </p>
          {data.state.frames === 0 && (
            <button type="button" onClick={() => void scan()}>
              Scan this page
            </button>
          )}
          {data.state.codes.length > 0 && <NotesView notes={data.notes} />}
        </>
      )}
    </main>
  );
}
