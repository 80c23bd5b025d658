// Where the call in progress is kept. storage.session by default: in memory,
// it outlives the popup closing and the worker stopping, and is gone when the
// browser closes. With the `keepAnswers` setting, storage.local instead.
// Switching the setting moves the call to the other area on the next open,
// so turning it off also takes the answers off the disk.
import { CALL_SESSION_KEY, newCallSession, parseCallSession, type CallSession } from '../core/call-session';
import { lockedSetting, MANAGED_MIRROR_KEY } from '../core/locked-setting';
import { ext as browser } from '../shared/native-api';

const KEY = CALL_SESSION_KEY;
/** The section open when the popup last closed: mid-call, the popup reopens on the checklist. */
const SECTION_KEY = 'popupSection';

/** The popup's own keys in session storage; every other key there is a tab's state. */
export const OWN_KEYS: ReadonlySet<string> = new Set([KEY, SECTION_KEY]);

type Area = typeof browser.storage.local;

/** The user's choice, unless the organization locked it (the policy's mirror in storage.local). */
function keepAnswers(settings: unknown, managedMirror: unknown): boolean {
  const locked = lockedSetting(managedMirror, 'keepAnswers');
  if (locked !== undefined) return locked;
  return typeof settings === 'object' && settings !== null && (settings as { keepAnswers?: unknown }).keepAnswers === true;
}

export interface SessionStore {
  session: CallSession;
  /** The section to open with, if the popup was closed on one. */
  section: string | undefined;
  save(session: CallSession): Promise<void>;
  persistent: boolean;
}

export async function openSessionStore(now: Date): Promise<SessionStore> {
  // Two reads, one per area: every round trip counts against the popup's 100 ms.
  const [inSession, inLocal] = await Promise.all([browser.storage.session.get([KEY, SECTION_KEY]), browser.storage.local.get(['settings', KEY, MANAGED_MIRROR_KEY])]);
  const keep = keepAnswers(inLocal.settings, inLocal[MANAGED_MIRROR_KEY]);
  const here: Area = keep ? browser.storage.local : browser.storage.session;
  const there: Area = keep ? browser.storage.session : browser.storage.local;
  const [mine, other] = keep ? [inLocal, inSession] : [inSession, inLocal];
  let raw = mine[KEY];
  if (other[KEY] !== undefined) {
    raw ??= other[KEY];
    await here.set({ [KEY]: raw });
    await there.remove(KEY);
  }
  const session = raw === undefined ? newCallSession(now) : parseCallSession(raw, now);
  const section = typeof inSession[SECTION_KEY] === 'string' ? (inSession[SECTION_KEY] as string) : undefined;
  return { session, section, persistent: keep, save: (s) => here.set({ [KEY]: s }) };
}

export function rememberSection(id: string): Promise<void> {
  return browser.storage.session.set({ [SECTION_KEY]: id });
}
