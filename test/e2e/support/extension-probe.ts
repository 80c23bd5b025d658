// Tools for the trust-and-safety suites in real Chromium: run code inside a
// tab's content-script world (as a compromised content script would), watch
// every request the extension's targets make, and act inside the overlay's
// closed shadow root.
import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core';

export interface ContentWorld {
  /** Evaluates an expression in the content script's isolated world; promises are awaited. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

/**
 * The content script's isolated world in the page's top frame, found by
 * origin through CDP: code run here has exactly the content script's powers.
 */
export async function contentWorld(context: BrowserContext, page: Page, extensionId: string): Promise<ContentWorld> {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context as (typeof worlds)[number]));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const origin = `chrome-extension://${extensionId}`;
  const end = Date.now() + 5000;
  let world: (typeof worlds)[number] | undefined;
  while (!world && Date.now() < end) {
    world = worlds.filter((w) => w.origin === origin && w.auxData?.frameId === frameTree.frame.id && w.auxData?.type === 'isolated').pop();
    if (!world) await new Promise((r) => setTimeout(r, 100));
  }
  if (!world) throw new Error('no content-script world in this page');
  const id = world.id;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: id, expression, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(`content world threw: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    },
    detach: () => cdp.detach(),
  };
}

export interface SeenRequest {
  url: string;
  /** Who made it: the extension's worker, an extension page, or a web page (with its content scripts). */
  by: 'service-worker' | 'extension-page' | 'web-page';
  pageUrl: string;
}

/**
 * Every request the browser context makes, from pages and the extension's
 * service worker (Playwright enables CDP's Network domain on both).
 */
export function watchRequests(context: BrowserContext, extensionId: string): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const extOrigin = `chrome-extension://${extensionId}`;
  const record = (r: Request) => {
    if (r.serviceWorker()) {
      seen.push({ url: r.url(), by: 'service-worker', pageUrl: r.serviceWorker()!.url() });
      return;
    }
    let pageUrl = '';
    try {
      pageUrl = r.frame().url();
    } catch {
      // A request with no frame (rare): keep it, attributed to nobody.
    }
    seen.push({ url: r.url(), by: pageUrl.startsWith(extOrigin) ? 'extension-page' : 'web-page', pageUrl });
  };
  context.on('request', record);
  return seen;
}

/** Requests that left the machine's own sources: anything but the extension's files and the test's portal server. */
export function leavingRequests(seen: SeenRequest[], extensionId: string, portalPort: number): SeenRequest[] {
  return seen.filter((r) => {
    const url = new URL(r.url);
    if (url.protocol === 'chrome-extension:' && url.host === extensionId) return false;
    if (r.url.startsWith('data:') || r.url.startsWith('blob:')) return false;
    // The fixture pages load only from the local server; anything else from a web page came from us.
    return !(r.by === 'web-page' && url.protocol === 'https:' && url.port === String(portalPort));
  });
}

/** The overlay's buttons (inside the closed root), read and clicked through CDP. */
export async function overlayButtons(context: BrowserContext, page: Page): Promise<{ labels: string[]; click(label: RegExp): Promise<void>; detach(): Promise<void> }> {
  const cdp: CDPSession = await context.newCDPSession(page);
  type N = { nodeName: string; backendNodeId: number; children?: N[]; shadowRoots?: N[]; attributes?: string[] };
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const buttons: N[] = [];
  const walk = (n: N, inOverlay: boolean) => {
    const here = inOverlay || n.nodeName === 'DNCA-OVERLAY';
    if (here && n.nodeName === 'BUTTON') buttons.push(n);
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, here);
  };
  walk(root as N, false);
  const textOf = async (n: N): Promise<string> => {
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: n.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: 'function () { return (this.getAttribute("aria-label") || this.textContent || "").trim(); }',
      returnByValue: true,
    });
    return String(result.value);
  };
  const labels = await Promise.all(buttons.map(textOf));
  return {
    labels,
    async click(label: RegExp) {
      const index = labels.findIndex((l) => label.test(l));
      if (index < 0) throw new Error(`no overlay button matches ${label}; buttons: ${labels.join(' | ')}`);
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: buttons[index]!.backendNodeId });
      await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: 'function () { this.click(); }' });
    },
    detach: () => cdp.detach(),
  };
}
