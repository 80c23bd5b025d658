// Background service worker (Chrome) / event page (Firefox): wiring only.
// Every message is parsed before use, and its sender decides what it may ask.
import browser, { type Runtime } from '../shared/browser';
import { onContentMessage } from './content-handlers';
import { onPageMessage } from './page-handlers';
import { restrictStorageToExtension } from './storage-access';
import { clearTab } from './tab-store';

const extensionOrigin = browser.runtime.getURL('');

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

restrictStorageToExtension();
void browser.action.setBadgeBackgroundColor({ color: '#0b5cad' }).catch(() => undefined);
