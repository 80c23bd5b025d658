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
export interface OverlayButtons {
  labels: string[];
  click(label: RegExp): Promise<void>;
  /** Runs `functionDeclaration` (source text, `this` is the button) and returns its JSON result. */
  call<T>(label: RegExp, functionDeclaration: string): Promise<T>;
  detach(): Promise<void>;
}

export async function overlayButtons(context: BrowserContext, page: Page): Promise<OverlayButtons> {
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
  const call = async <T>(label: RegExp, functionDeclaration: string): Promise<T> => {
    const index = labels.findIndex((l) => label.test(l));
    if (index < 0) throw new Error(`no overlay button matches ${label}; buttons: ${labels.join(' | ')}`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: buttons[index]!.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration, returnByValue: true });
    return result.value as T;
  };
  return {
    labels,
    call,
    click: (label) => call<void>(label, 'function () { this.click(); }'),
    detach: () => cdp.detach(),
  };
}

/**
 * Errors thrown or logged by the extension's own code in a page: uncaught
 * exceptions and console errors in the content script's isolated world. The
 * page's own errors (a hostile page throws plenty) are left out.
 */
export async function contentScriptErrors(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<{ errors: string[]; worlds(): number; detach(): Promise<void> }> {
  const cdp = await context.newCDPSession(page);
  const ours = new Set<number>();
  const errors: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    if (e.context.origin === `chrome-extension://${extensionId}`) ours.add(e.context.id);
  });
  cdp.on('Runtime.exceptionThrown', (e) => {
    const d = e.exceptionDetails;
    if (d.executionContextId !== undefined && ours.has(d.executionContextId)) errors.push(`uncaught: ${d.exception?.description ?? d.text}`);
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if ((e.type === 'error' || e.type === 'assert') && ours.has(e.executionContextId)) errors.push(`console: ${e.args.map((a) => a.description ?? a.value).join(' ')}`);
  });
  await cdp.send('Runtime.enable');
  return { errors, worlds: () => ours.size, detach: () => cdp.detach() };
}
