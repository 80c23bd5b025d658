// Where the call in progress is kept. storage.session by default: in memory,
// it outlives the popup closing and the worker stopping, and is gone when the
// browser closes. With the `keepAnswers` setting, storage.local instead.
// Switching the setting moves the call to the other area on the next open,
// so turning it off also takes the answers off the disk.
import { newCallSession, parseCallSession, type CallSession } from '../core/call-session';
import browser from '../shared/browser';

const KEY = 'callSession';

type Area = typeof browser.storage.local;

async function keepAnswers(): Promise<boolean> {
  const { settings } = await browser.storage.local.get('settings');
  return typeof settings === 'object' && settings !== null && (settings as { keepAnswers?: unknown }).keepAnswers === true;
}

export interface SessionStore {
  session: CallSession;
  save(session: CallSession): Promise<void>;
  persistent: boolean;
}

export async function openSessionStore(now: Date): Promise<SessionStore> {
  const keep = await keepAnswers();
  const here: Area = keep ? browser.storage.local : browser.storage.session;
  const there: Area = keep ? browser.storage.session : browser.storage.local;
  const [mine, other] = await Promise.all([here.get(KEY), there.get(KEY)]);
  let raw = mine[KEY];
  if (other[KEY] !== undefined) {
    raw ??= other[KEY];
    await here.set({ [KEY]: raw });
    await there.remove(KEY);
  }
  const session = raw === undefined ? newCallSession(now) : parseCallSession(raw, now);
  return { session, persistent: keep, save: (s) => here.set({ [KEY]: s }) };
}

const SECTION_KEY = 'popupSection';

/** The section open when the popup last closed: mid-call, the popup reopens on the checklist. */
export async function lastSection(): Promise<string | undefined> {
  const got = await browser.storage.session.get(SECTION_KEY);
  return typeof got[SECTION_KEY] === 'string' ? (got[SECTION_KEY] as string) : undefined;
}

export function rememberSection(id: string): Promise<void> {
  return browser.storage.session.set({ [SECTION_KEY]: id });
}
