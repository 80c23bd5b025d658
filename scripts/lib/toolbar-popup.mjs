// The real toolbar popup, opened the way a user opens it: CDP
// Extensions.triggerAction on a tab is Chrome's own "click the toolbar
// button", so it also grants activeTab for that tab. Playwright does not
// attach to popup windows, so the popup is driven through a raw CDP target
// session. Chromium must run with --enable-unsafe-extension-debugging (and
// --remote-debugging-pipe, which Playwright always uses).

/**
 * @typedef {{ evaluate: (expression: string) => Promise<any>, waitFor: (expression: string, timeout?: number) => Promise<any>, close: () => Promise<void> }} ToolbarPopup
 */

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @param {import('playwright-core').Page} page the tab whose toolbar button is pressed
 * @returns {Promise<ToolbarPopup>}
 */
export async function clickToolbarButton(context, extensionId, page) {
  const browser = await context.browser().newBrowserCDPSession();
  const { targetInfos: tabs } = await browser.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = tabs.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  await page.bringToFront();
  await browser.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });

  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  let targetId;
  for (let i = 0; i < 100 && !targetId; i++) {
    const { targetInfos } = await browser.send('Target.getTargets');
    targetId = targetInfos.find((t) => t.url === popupUrl)?.targetId;
    if (!targetId) await new Promise((r) => setTimeout(r, 50));
  }
  if (!targetId) throw new Error('the toolbar popup did not open');
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: false });

  let next = 0;
  const waiting = new Map();
  browser.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const evaluate = async (expression) => {
    const id = ++next;
    const answer = new Promise((resolve) => waiting.set(id, resolve));
    await browser.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }),
    });
    const m = await answer;
    if (m.error || m.result?.exceptionDetails) throw new Error(JSON.stringify(m.error ?? m.result.exceptionDetails));
    return m.result?.result?.value;
  };
  return {
    evaluate,
    /** Polls until the expression is truthy in the popup, and returns its value. */
    async waitFor(expression, timeout = 8000) {
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        const value = await evaluate(expression).catch(() => undefined);
        if (value) return value;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the toolbar popup never satisfied ${expression}`);
    },
    async close() {
      await evaluate('window.close()').catch(() => undefined);
      await browser.detach();
    },
  };
}
