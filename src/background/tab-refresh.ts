// Computes a tab's state and notes from what its frames reported, and pushes
// the result to the badge and the top frame's overlay.
import { evaluate, summaryLine, type EngineInput } from '../core/engine';
import type { TabState } from '../core/messages';
import { aggregateTab, badgeText } from '../core/tab-state';
import browser from '../shared/browser';
import { currentDirectory, currentRules } from './rules-store';
import { updateSettings } from './settings';
import { payerSetFor } from './sites';
import { readTab } from './tab-store';

export function hostnameOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

export async function tabState(tabId: number): Promise<TabState> {
  const tab = await readTab(tabId);
  const host = hostnameOf(tab.frames['0']?.url);
  // The organization's site payer, the user's choice on the page, then the user's site payer (sites.ts).
  const chosen = await payerSetFor(host);
  const entry = chosen ? currentDirectory().find((d) => d.id === chosen.id) : undefined;
  const who = chosen?.by === 'organization' ? 'set by your organization' : 'chosen by you';
  const override = entry ? { id: entry.id, name: entry.name, evidence: `${who} for ${host}`, source: 'user' as const } : null;
  return aggregateTab(tab.frames, override);
}

export function notesFor(state: TabState, call: Pick<EngineInput, 'nextVisit'> = {}) {
  return evaluate(
    { codes: state.findings, diagnoses: state.diagnoses, payer: state.payer, today: new Date().toISOString().slice(0, 10), ...call },
    currentRules(),
  );
}

/**
 * The notes each tab's top frame was last sent. A page that re-renders or
 * appends rows without changing what the notes say would otherwise have its
 * main thread take the same notes again on every report.
 */
const lastPushed = new Map<number, string>();

/** The tab's top frame holds a new document (or the tab is gone): it has been sent nothing yet. */
export function forgetPushed(tabId: number): void {
  lastPushed.delete(tabId);
}

export async function refreshTab(tabId: number): Promise<void> {
  const state = await tabState(tabId);
  await browser.action.setBadgeText({ tabId, text: badgeText(state) }).catch(() => undefined);
  const notes = notesFor(state);
  const message = { type: 'bg:notes', notes, summary: summaryLine(notes) };
  const key = JSON.stringify(message);
  if (lastPushed.get(tabId) === key) return;
  lastPushed.set(tabId, key);
  await browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => {
    // No content script in the top frame (an iframe-only portal page): nothing was delivered.
    if (lastPushed.get(tabId) === key) lastPushed.delete(tabId);
  });
}

/** The user's payer for a site (null: detect again). */
export async function choosePayer(host: string, payerId: string | null): Promise<void> {
  if (!host) return;
  await updateSettings((s) => {
    const sitePayer = { ...s.sitePayer };
    if (payerId && currentDirectory().some((d) => d.id === payerId)) sitePayer[host] = payerId;
    else delete sitePayer[host];
    return { ...s, sitePayer };
  });
}

