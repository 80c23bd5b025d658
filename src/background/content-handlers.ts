// Messages from content scripts. A content script speaks only for its own tab
// and frame: nothing here can read another tab or change a setting beyond
// the sender's own site.
import { ContentMessageSchema, type ContentConfig } from '../core/messages';
import browser, { type Runtime } from '../shared/browser';
import { currentDirectory } from './rules-store';
import { readSettings, updateSettings } from './settings';
import { siteIsOff } from './sites';
import { choosePayer, forgetPushed, hostnameOf, refreshTab } from './tab-refresh';
import { dropFrame, putFrame } from './tab-store';

export async function onContentMessage(raw: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId ?? 0;
  if (tabId === undefined) return undefined;
  const parsed = ContentMessageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  const host = hostnameOf(sender.tab?.url ?? sender.url);
  switch (message.type) {
    case 'content:hello': {
      // A new document in the top frame: its overlay has been sent no notes yet.
      if (frameId === 0) forgetPushed(tabId);
      // A built-in portal the user turned off: no config, so the script stays idle there.
      if (await siteIsOff(host)) return null;
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
    case 'content:load-overlay':
      // Only into the sender's own top frame, which is where the overlay lives.
      if (frameId !== 0) return false;
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['overlay.js'] });
        return true;
      } catch {
        // The page moved on, or access to it was withdrawn: the next report's notes are pushed again.
        forgetPushed(tabId);
        return false;
      }
    case 'content:dismiss-site':
      await updateSettings((s) => ({ ...s, hiddenSites: [...new Set([...s.hiddenSites, host])] }));
      return true;
  }
}

