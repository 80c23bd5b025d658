// The real toolbar popup, opened the way a user opens it: CDP
// Extensions.triggerAction on a tab is Chrome's own "click the toolbar
// button", so it grants activeTab for that tab. Playwright does not attach to
// popup windows, so the popup is driven through a raw CDP target session.
// Needs Chromium started with --enable-unsafe-extension-debugging (and
// Playwright's --remote-debugging-pipe, which it always uses).
import type { CDPSession, Page } from 'playwright-core';
import type { ChromiumSession } from './chromium-session';

export interface ToolbarPopup {
  /** Evaluates an expression in the popup and returns its value (promises awaited). */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls until the popup's text matches, and returns it. */
  waitForText(pattern: RegExp, timeout?: number): Promise<string>;
  close(): Promise<void>;
}

export async function clickToolbarButton(s: ChromiumSession, page: Page): Promise<ToolbarPopup> {
  const browser: CDPSession = await s.context.browser()!.newBrowserCDPSession();
  const { targetInfos: tabs } = await browser.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = tabs.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  await page.bringToFront();
  await browser.send('Extensions.triggerAction', { id: s.extensionId, targetId: tab.targetId });

  const popupUrl = `chrome-extension://${s.extensionId}/popup.html`;
  let targetId: string | undefined;
  for (let i = 0; i < 50 && !targetId; i++) {
    const { targetInfos } = await browser.send('Target.getTargets');
    targetId = targetInfos.find((t) => t.url === popupUrl)?.targetId;
    if (!targetId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!targetId) throw new Error('the toolbar popup did not open');
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: false });

  let next = 0;
  type Reply = { id?: number; result?: { result?: { value?: unknown } }; error?: unknown };
  const waiting = new Map<number, (m: Reply) => void>();
  browser.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as Reply;
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const evaluate = async <T>(expression: string): Promise<T> => {
    const id = ++next;
    const answer = new Promise<Reply>((resolve) => waiting.set(id, resolve));
    await browser.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }),
    });
    const m = await answer;
    if (m.error) throw new Error(JSON.stringify(m.error));
    return m.result?.result?.value as T;
  };
  return {
    evaluate,
    async waitForText(pattern, timeout = 8000) {
      const end = Date.now() + timeout;
      let text = '';
      while (Date.now() < end) {
        text = (await evaluate<string>('document.body.innerText')) ?? '';
        if (pattern.test(text)) return text;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`toolbar popup never showed ${pattern}; last: ${text}`);
    },
    async close() {
      await evaluate('window.close()').catch(() => undefined);
      await browser.detach();
    },
  };
}
