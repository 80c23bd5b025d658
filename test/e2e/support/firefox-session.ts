// One real-Firefox session for a test file: the portal server, Firefox ESR
// with the Firefox build installed, and the same views of what a biller sees
// as the Chromium session (badge, tab state, the overlay in its closed root,
// the popup). Puppeteer's BiDi connection and a frame's browsing-context id
// are not public API; puppeteer-core is pinned in package.json for that.
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefoxWithExtension } from '../../../scripts/lib/launch-firefox.mjs';
import { startPortalServer } from '../../../scripts/lib/portal-server.mjs';
import type { OverlayView, TabStateView } from './chromium-session';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface RemoteNode {
  type: 'node';
  sharedId: string;
  value?: { localName?: string; attributes?: Record<string, string>; shadowRoot?: RemoteNode | null; mode?: string };
}

const OVERLAY_ROLES = ['complementary', 'dialog'];

const LOST = Symbol('lost');

/** The promise's value, or LOST if it has not settled within `ms` (said on stderr, so a CI log shows which step). */
function settles<T>(promise: Promise<T>, ms: number, what: string): Promise<T | typeof LOST> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const lost = new Promise<typeof LOST>((resolve) => {
    timer = setTimeout(() => {
      console.error(`firefox-session: ${what} did not finish in ${ms / 1000} s; trying once more`);
      resolve(LOST);
    }, ms);
  });
  return Promise.race([promise, lost]).finally(() => clearTimeout(timer));
}

export async function poll<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeout = 8000): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} never matched; last: ${JSON.stringify(last)}`);
}

export class FirefoxSession {
  readonly errors: string[] = [];
  private helper: Page | undefined;

  private constructor(
    readonly browser: Browser,
    readonly extensionOrigin: string,
    private readonly server: { port: number; close: () => Promise<void> },
  ) {}

  static async start(options: { prefs?: Record<string, unknown> } = {}): Promise<FirefoxSession> {
    const server = await startPortalServer(0);
    try {
      const launched = await launchFirefoxWithExtension({ prefs: options.prefs });
      return new FirefoxSession(launched.browser as Browser, launched.extensionOrigin, server);
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  private get bidi(): BidiConnection {
    return (this.browser as unknown as { connection: BidiConnection }).connection;
  }

  contextOf(page: Page): string {
    return (page.mainFrame() as unknown as { _id: string })._id;
  }

  url(host: string, path: string): string {
    return `https://${host}:${this.server.port}${path}`;
  }

  private watch(page: Page): Page {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`${page.url()}: ${String(e)}`));
    return page;
  }

  async open(host: string, path: string): Promise<Page> {
    const page = this.watch(await this.browser.newPage());
    // In two CI runs a step of the host-access test never finished; a page that does not load in 20 s is
    // opened once more rather than holding the run until the test's timeout.
    if ((await settles(page.goto(this.url(host, path), { waitUntil: 'load' }), 20_000, `loading ${path}`)) === LOST) {
      await page.close().catch(() => undefined);
      const again = this.watch(await this.browser.newPage());
      // If the load event is lost again, go on: the test's own checks then say what is missing.
      await settles(again.goto(this.url(host, path), { waitUntil: 'load' }), 20_000, `loading ${path} again`);
      return again;
    }
    return page;
  }

  /** Opens one of the extension's pages in a new tab. Puppeteer's goto waits for events Firefox does not send there. */
  /** Closes a tab, without waiting more than 10 s for Firefox to confirm it. */
  async closePage(page: Page): Promise<void> {
    await settles(page.close(), 10_000, 'closing a tab');
  }

  async openExtensionPage(path: string): Promise<Page> {
    const page = this.watch(await this.browser.newPage());
    const navigate = () => this.bidi.send('browsingContext.navigate', { context: this.contextOf(page), url: `${this.extensionOrigin}/${path}`, wait: 'complete' });
    // Once in a CI run a navigation's "complete" never came and the test hung until its timeout: give it
    // 20 s, then navigate once more, so a lost event costs a retry rather than the run.
    if ((await settles(navigate(), 20_000, `opening ${path}`)) === LOST) await navigate();
    return page;
  }

  /** Runs a function in an extension page (the options page, kept open as a helper tab). */
  async inExtension<A, R>(fn: (arg: A) => Promise<R> | R, arg: A): Promise<R> {
    if (!this.helper || this.helper.isClosed()) this.helper = await this.openExtensionPage('options.html');
    // Puppeteer's evaluate types map handles in the argument; ours are plain JSON.
    const run = fn as unknown as (arg: unknown) => Promise<R>;
    const result = await settles(this.helper.evaluate(run, arg as unknown) as Promise<R>, 15_000, 'a call in the helper tab');
    if (result !== LOST) return result;
    // The helper tab stopped answering: a fresh one, once.
    await this.helper.close().catch(() => undefined);
    this.helper = await this.openExtensionPage('options.html');
    return this.helper.evaluate(run, arg as unknown) as Promise<R>;
  }

  async tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const ids = await this.inExtension(async (u) => {
      const tabs = await chrome.tabs.query({});
      return tabs.filter((t) => t.url === u).map((t) => t.id ?? -1);
    }, url);
    // Found by URL: two tabs on one URL (a failed test's tab left open) would make the answer a guess.
    if (ids.length !== 1) throw new Error(ids.length ? `${ids.length} tabs show ${url}: close the others first` : `no tab for ${url}`);
    return ids[0]!;
  }

  async badge(page: Page): Promise<string> {
    const tabId = await this.tabIdOf(page);
    return this.inExtension((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  }

  async send<T>(message: unknown): Promise<T> {
    return this.inExtension((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
  }

  async tabState(page: Page): Promise<TabStateView> {
    return this.send<TabStateView>({ type: 'tab-state', tabId: await this.tabIdOf(page) });
  }

  waitForTabState(page: Page, predicate: (s: TabStateView) => boolean, timeout = 8000): Promise<TabStateView> {
    return poll(() => this.tabState(page), predicate, 'tab state', timeout);
  }

  private async callOn(page: Page, fn: string, node: RemoteNode): Promise<unknown> {
    const { result } = (await this.bidi.send('script.callFunction', {
      functionDeclaration: fn,
      target: { context: this.contextOf(page) },
      arguments: [{ sharedId: node.sharedId }],
      awaitPromise: false,
    })) as { result: { type: string; result?: { value?: unknown } } };
    return result.result?.value;
  }

  private async locate(page: Page, root: RemoteNode, value: { role: string; name?: string }): Promise<RemoteNode[]> {
    const { result } = (await this.bidi.send('browsingContext.locateNodes', {
      context: this.contextOf(page),
      locator: { type: 'accessibility', value },
      startNodes: [{ sharedId: root.sharedId }],
    })) as { result: { nodes: RemoteNode[] } };
    return result.nodes;
  }

  /**
   * Reads the overlay as Firefox exposes it: BiDi serializes the closed shadow
   * root, and the accessibility locator proves the landmark's role and name.
   */
  async overlay(page: Page): Promise<OverlayView | null> {
    const { result } = (await this.bidi.send('script.evaluate', {
      expression: 'document.querySelector("dnca-overlay")',
      target: { context: this.contextOf(page) },
      awaitPromise: false,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    })) as { result: { result: RemoteNode | { type: 'null' } } };
    const host = result.result;
    if (host.type !== 'node') return null;
    const shadow = host.value?.shadowRoot;
    if (!shadow || shadow.value?.mode !== 'closed') throw new Error('overlay host has no closed shadow root');
    let role = '';
    let name = '';
    for (const candidate of OVERLAY_ROLES) {
      for (const node of await this.locate(page, shadow, { role: candidate })) {
        const label = String(await this.callOn(page, ACCESSIBLE_LABEL, node));
        // The locator matches the name Firefox computed; finding it again by that name proves it.
        if (label.startsWith('Coverage notes') && (await this.locate(page, shadow, { role: candidate, name: label })).length > 0) {
          role = candidate;
          name = label;
        }
      }
      if (role) break;
    }
    const text = String(await this.callOn(page, VISIBLE_TEXT, shadow));
    return { role, name, text };
  }

  waitForOverlay(page: Page, predicate: (o: OverlayView | null) => boolean = (o) => !!o, timeout = 8000): Promise<OverlayView | null> {
    return poll(() => this.overlay(page), predicate, 'overlay', timeout);
  }

  /** The toolbar popup, opened as a tab for the given tab (the popup reads ?tab=). */
  openPopup(tabId: number): Promise<Page> {
    return this.openExtensionPage(`popup.html?tab=${tabId}`);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}

// Page-world functions run through BiDi on nodes it hands back; kept as source text.
const ACCESSIBLE_LABEL = `(el) => {
  const ids = el.getAttribute('aria-labelledby');
  if (ids) { const root = el.getRootNode(); return ids.split(/\\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim(); }
  return el.getAttribute('aria-label') ?? '';
}`;

const VISIBLE_TEXT = `(root) => {
  const out = [];
  const walk = (n) => {
    if (n.nodeType === 3 && /\\S/.test(n.data)) out.push(n.data);
    if (n.nodeName === 'STYLE') return;
    for (const c of n.childNodes) walk(c);
  };
  walk(root);
  return out.join(' ').replace(/\\s+/g, ' ');
}`;
