// What the popup needs before it can show anything useful: the tab it
// describes, that tab's notes, the rules and the call in progress. Started
// the moment the popup's script runs, not from an effect: Preact runs effects
// after the browser's first paint, which in a freshly opened popup comes tens
// of milliseconds later, and the popup has 100 ms to open.
import type { Notes } from '../core/engine';
import type { RulesView, TabState } from '../core/messages';
import { ext as browser } from '../shared/native-api';
import { openSessionStore, type SessionStore } from './session-store';

export interface PopupData {
  state: TabState;
  notes: Notes;
  summary: string;
}

export interface InitialLoad {
  tabId: number | undefined;
  tabData: PopupData | null;
  rules: RulesView;
  store: SessionStore;
}

async function activeTabId(): Promise<number | undefined> {
  // Opened as a tab (tests, keyboard users), ?tab= names the tab it describes.
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export const notesOf = (tabId: number) => browser.runtime.sendMessage({ type: 'page:notes', tabId }) as Promise<PopupData>;

export async function startInitialLoad(): Promise<InitialLoad> {
  // Everything at once: each is a round trip to the browser or the worker.
  const tab = activeTabId();
  const [tabId, tabData, rules, store] = await Promise.all([
    tab,
    tab.then((id) => (id === undefined ? null : notesOf(id))),
    browser.runtime.sendMessage({ type: 'page:rules' }) as Promise<RulesView>,
    openSessionStore(new Date()),
  ]);
  return { tabId, tabData, rules, store };
}
