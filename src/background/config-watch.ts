// Keeps the effective configuration live: a change to the user's settings or
// rules, or to the organization's policy, reloads the rules, re-registers the
// added sites' content scripts and sends every open tab fresh notes, and
// pages already open are told whether to highlight. Policy changes apply
// without a restart (storage.onChanged, area "managed").
import browser from '../shared/browser';
import { forgetManaged, MANAGED_MIRROR_KEY, refreshManaged } from './managed';
import { invalidateRules, loadRules } from './rules-store';
import { readSettings, SETTINGS_KEY } from './settings';
import { syncContentScripts } from './sites';
import { refreshTab } from './tab-refresh';
import { USER_RULES_KEY } from './user-rules';

/**
 * Highlighting on or off reaches pages already open, in every frame (the
 * other settings apply from the next page). Tabs without our content script
 * refuse the message, which is fine.
 */
async function sendHighlightsToOpenTabs(): Promise<void> {
  const { highlights } = await readSettings();
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, { type: 'bg:highlights', on: highlights }).catch(() => undefined))),
  );
}

async function refreshOpenTabs(): Promise<void> {
  // The notes below read the cache: fill it with the new rules first.
  await loadRules();
  const all = await browser.storage.session.get(null);
  const tabIds = Object.keys(all)
    .map((k) => /^tab:(\d+)$/.exec(k)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);
  await Promise.all(tabIds.map((id) => refreshTab(id).catch(() => undefined)));
}

export function watchConfiguration(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') {
      forgetManaged();
      void refreshManaged(); // writes the mirror, which lands below
      return;
    }
    if (area !== 'local') return;
    const keys = Object.keys(changes);
    if (keys.includes(MANAGED_MIRROR_KEY)) forgetManaged();
    if (keys.some((k) => k === USER_RULES_KEY || k === MANAGED_MIRROR_KEY)) {
      invalidateRules();
      void refreshOpenTabs();
    }
    if (keys.some((k) => k === SETTINGS_KEY || k === MANAGED_MIRROR_KEY)) {
      void syncContentScripts();
      void sendHighlightsToOpenTabs();
    }
  });
  browser.permissions.onAdded.addListener(() => void syncContentScripts());
  browser.permissions.onRemoved.addListener(() => void syncContentScripts());
}
