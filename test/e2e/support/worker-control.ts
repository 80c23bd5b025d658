// The extension's service worker as DevTools sees it: stopped on demand, as
// Chrome stops an idle one, and watched for whether anything wakes it.
import type { BrowserContext, Page } from 'playwright-core';

const ours = (extensionId: string, scriptURL: string) => scriptURL.startsWith(`chrome-extension://${extensionId}/`);

/**
 * Stops every service worker through CDP and waits until ours reports
 * "stopped" (Playwright keeps listing the dead worker).
 */
export async function stopWorkers(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => ours(extensionId, v.scriptURL) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await Promise.race([stopped, new Promise((_, reject) => setTimeout(() => reject(new Error('the worker did not stop')), 5000))]);
  await cdp.detach();
}

/** Whether our worker runs at any moment while it is watched for `ms`. */
export async function workerRunsDuring(context: BrowserContext, extensionId: string, page: Page, ms: number): Promise<boolean> {
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  let woke = false;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (ours(extensionId, v.scriptURL)) status.set(v.versionId, v.runningStatus);
    if ([...status.values()].some((st) => st !== 'stopped')) woke = true;
  });
  await cdp.send('ServiceWorker.enable');
  await page.waitForTimeout(ms);
  await cdp.detach();
  return woke;
}
