// Background service worker (Chrome) / event page (Firefox). Owns per-tab
// state, the badge and the notes; every message is parsed before use and
// its sender decides what it may ask for.
import { evaluate, summaryLine } from '../core/engine';
import { ContentMessageSchema, PageMessageSchema, type ContentConfig, type TabState } from '../core/messages';
import { aggregateTab, badgeText } from '../core/tab-state';
import browser, { type Runtime } from '../shared/browser';
import { currentRules, currentDirectory } from './rules-store';
import { readSettings, updateSettings } from './settings';
import { clearTab, dropFrame, putFrame, readTab } from './tab-store';

const extensionOrigin = browser.runtime.getURL('');

function hostnameOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

async function tabState(tabId: number): Promise<TabState> {
  const [tab, settings] = await Promise.all([readTab(tabId), readSettings()]);
  const host = hostnameOf(tab.frames['0']?.url);
  const chosen = settings.sitePayer[host];
  const entry = chosen ? currentDirectory().find((d) => d.id === chosen) : undefined;
  const override = entry ? { id: entry.id, name: entry.name, evidence: `chosen by you for ${host}`, source: 'user' as const } : null;
  return aggregateTab(tab.frames, override);
}

function notesFor(state: TabState) {
  return evaluate(
    { codes: state.findings, diagnoses: state.diagnoses, payer: state.payer, today: new Date().toISOString().slice(0, 10) },
    currentRules(),
  );
}

async function refreshTab(tabId: number): Promise<void> {
  const state = await tabState(tabId);
  await browser.action.setBadgeText({ tabId, text: badgeText(state) }).catch(() => undefined);
  const notes = notesFor(state);
  await browser.tabs
    .sendMessage(tabId, { type: 'bg:notes', notes, summary: summaryLine(notes) }, { frameId: 0 })
    .catch(() => undefined); // no content script in the top frame (an iframe-only portal page)
}

async function onContentMessage(raw: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId ?? 0;
  if (tabId === undefined) return undefined;
  const parsed = ContentMessageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  const host = hostnameOf(sender.tab?.url ?? sender.url);
  switch (message.type) {
    case 'content:hello': {
      const settings = await readSettings();
      const config: ContentConfig = {
        directory: currentDirectory(),
        highlights: settings.highlights,
        overlayExpanded: settings.overlayExpanded,
        dismissed: settings.hiddenSites.includes(host),
      };
      return config;
    }
    case 'content:report':
      await putFrame(tabId, frameId, message.report);
      await refreshTab(tabId);
      return true;
    case 'content:frame-gone':
      await dropFrame(tabId, frameId);
      await refreshTab(tabId);
      return true;
    case 'content:choose-payer':
      await choosePayer(host, message.payerId);
      await refreshTab(tabId);
      return true;
    case 'content:dismiss-site':
      await updateSettings((s) => ({ ...s, hiddenSites: [...new Set([...s.hiddenSites, host])] }));
      return true;
  }
}

async function choosePayer(host: string, payerId: string | null): Promise<void> {
  if (!host) return;
  await updateSettings((s) => {
    const sitePayer = { ...s.sitePayer };
    if (payerId && currentDirectory().some((d) => d.id === payerId)) sitePayer[host] = payerId;
    else delete sitePayer[host];
    return { ...s, sitePayer };
  });
}

async function onPageMessage(raw: unknown): Promise<unknown> {
  const parsed = PageMessageSchema.safeParse(raw);
  if (!parsed.success) return { error: 'invalid message' };
  const message = parsed.data;
  switch (message.type) {
    case 'tab-state':
      return tabState(message.tabId);
    case 'page:notes': {
      const state = await tabState(message.tabId);
      const notes = notesFor(state);
      return { state, notes, summary: summaryLine(notes) };
    }
    case 'page:scan-tab':
      // activeTab (granted by opening the popup) lets us inject once into a page outside the listed portals.
      await browser.scripting.executeScript({ target: { tabId: message.tabId }, files: ['content.js'] });
      return true;
    case 'page:choose-payer': {
      const state = await tabState(message.tabId);
      await choosePayer(hostnameOf(state.url), message.payerId);
      await refreshTab(message.tabId);
      return true;
    }
    case 'page:toggle-overlay':
      await browser.tabs.sendMessage(message.tabId, { type: 'bg:toggle-overlay' }, { frameId: 0 }).catch(() => undefined);
      return true;
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  // Extension pages (popup, options) have our own origin; anything with a tab and a web URL is a content script.
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  return fromExtensionPage ? onPageMessage(raw) : onContentMessage(raw, sender);
});

// A port held by each content script lets it notice when the extension goes away.
browser.runtime.onConnect.addListener(() => undefined);

browser.tabs.onRemoved.addListener((tabId) => void clearTab(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  // A new document in the tab: the old frames' reports no longer describe it.
  if (change.status === 'loading' && change.url) {
    void clearTab(tabId).then(() => browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined));
  }
});

void browser.action.setBadgeBackgroundColor({ color: '#0b5cad' }).catch(() => undefined);
