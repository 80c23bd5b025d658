// Per-tab state: what each frame of each tab reported. Kept in
// storage.session because the worker may be stopped at any time; session
// storage is in memory, never written to disk, and gone with the browser.
import type { FrameReport } from '../core/messages';
import type { FrameReports } from '../core/tab-state';
import browser from '../shared/browser';

const key = (tabId: number) => `tab:${tabId}`;

export interface StoredTab {
  frames: FrameReports;
}

// Reports from several frames arrive together; chaining writes per tab keeps
// one frame's update from overwriting another's.
const queues = new Map<number, Promise<unknown>>();

function serial<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  queues.set(tabId, next.catch(() => undefined));
  return next;
}

export async function readTab(tabId: number): Promise<StoredTab> {
  const got = await browser.storage.session.get(key(tabId));
  const value = got[key(tabId)] as StoredTab | undefined;
  return value && typeof value === 'object' && value.frames ? value : { frames: {} };
}

export function putFrame(tabId: number, frameId: number, report: FrameReport): Promise<StoredTab> {
  return serial(tabId, async () => {
    const tab = await readTab(tabId);
    tab.frames[String(frameId)] = report;
    await browser.storage.session.set({ [key(tabId)]: tab });
    return tab;
  });
}

export function dropFrame(tabId: number, frameId: number): Promise<StoredTab> {
  return serial(tabId, async () => {
    const tab = await readTab(tabId);
    delete tab.frames[String(frameId)];
    await browser.storage.session.set({ [key(tabId)]: tab });
    return tab;
  });
}

export function clearTab(tabId: number): Promise<void> {
  return serial(tabId, () => browser.storage.session.remove(key(tabId)));
}
