// Background service worker (Chrome) / event page (Firefox): wiring only.
// Every message is parsed before use, and its sender decides what it may ask.
import browser, { type Runtime } from '../shared/browser';
import { portMessageFromText } from '../core/messages';
import { onCommand } from './commands';
import { watchConfiguration } from './config-watch';
import { onContentMessage } from './content-handlers';
import { installContextMenu, onMenuClick } from './context-menu';
import { openOptionsIfPortalsWithheld } from './first-run';
import { readManaged } from './managed';
import { onPageMessage } from './page-handlers';
import { loadRules } from './rules-store';
import { syncContentScripts } from './sites';
import { restrictStorageToExtension } from './storage-access';
import { forgetPushed } from './tab-refresh';
import { clearTab } from './tab-store';

const extensionOrigin = browser.runtime.getURL('');

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  // Extension pages (popup, options) have our own origin; anything with a tab and a web URL is a content script.
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  // The worker may have just started: the effective rules come from storage first.
  return loadRules().then(() => (fromExtensionPage ? onPageMessage(raw) : onContentMessage(raw, sender)));
});

watchConfiguration();
// Start the slow first policy read (1.5-3 s in Chrome) now, not at the first page's hello.
void readManaged();
browser.runtime.onInstalled.addListener(() => {
  installContextMenu();
  void syncContentScripts();
  void openOptionsIfPortalsWithheld();
});
browser.runtime.onStartup.addListener(() => void syncContentScripts());
browser.contextMenus.onClicked.addListener((info) => void onMenuClick(info));
browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));

// A port held by each content script lets it notice when the extension goes away; its reports come over it, as JSON text.
browser.runtime.onConnect.addListener((port) => {
  const { sender } = port;
  if (port.name !== 'content-alive' || sender?.id !== browser.runtime.id) return;
  port.onMessage.addListener((raw: unknown) => {
    const message = portMessageFromText(raw);
    if (message !== undefined) void loadRules().then(() => onContentMessage(message, sender));
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  forgetPushed(tabId);
  void clearTab(tabId);
});
browser.tabs.onUpdated.addListener((tabId, change) => {
  // A new document in the tab: the old frames' reports no longer describe it.
  if (change.status === 'loading' && change.url) {
    forgetPushed(tabId);
    void clearTab(tabId).then(() => browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined));
  }
});

restrictStorageToExtension();
void browser.action.setBadgeBackgroundColor({ color: '#0b5cad' }).catch(() => undefined);
