// One real-Chromium session for a test file: the portal server, the browser
// with the built extension, and helpers that read what a biller would see
// (badge, tab state, the overlay inside its closed shadow root).
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchWithExtension } from '../../../scripts/lib/launch-chromium.mjs';
import { startPortalServer } from '../../../scripts/lib/portal-server.mjs';

export interface OverlayView {
  /** Accessible name of the overlay landmark ("Coverage notes: …"). */
  name: string;
  role: string;
  /** All text inside the closed shadow root. */
  text: string;
}

export interface TabStateView {
  codes: string[];
  diagnoses: string[];
  payer: { id: string; name: string; evidence: string } | null;
  frames: number;
}

export class ChromiumSession {
  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    private readonly server: { port: number; close: () => Promise<void> },
    private readonly closeBrowser: () => Promise<void>,
    readonly errors: string[],
  ) {}

  /** userDataDir: reuse a profile (a browser restart); the caller removes it. */
  static async start(options: { args?: string[]; userDataDir?: string; headless?: boolean } = {}): Promise<ChromiumSession> {
    const server = await startPortalServer(0);
    const launched = await launchWithExtension({ args: options.args, userDataDir: options.userDataDir, headless: options.headless });
    const errors: string[] = [];
    launched.context.on('weberror', (e) => errors.push(String(e.error())));
    return new ChromiumSession(launched.context, launched.extensionId, server, () => launched.close(), errors);
  }

  url(host: string, path: string): string {
    return `https://${host}:${this.server.port}${path}`;
  }

  worker(): Worker {
    const w = this.context.serviceWorkers().find((s) => s.url().includes(this.extensionId));
    if (!w) throw new Error('extension service worker not running');
    return w;
  }

  async open(host: string, path: string): Promise<Page> {
    const page = await this.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`${page.url()}: ${m.text()}`);
    });
    await page.goto(this.url(host, path), { waitUntil: 'load' });
    return page;
  }

  async tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const worker = await this.anyWorker();
    const ids = await worker.evaluate(async (u) => {
      const tabs = await chrome.tabs.query({});
      return tabs.filter((t) => t.url === u).map((t) => t.id ?? -1);
    }, url);
    // Found by URL: two tabs on one URL (a failed test's tab left open) would make the answer a guess.
    if (ids.length !== 1) throw new Error(ids.length ? `${ids.length} tabs show ${url}: close the others first` : `no tab for ${url}`);
    return ids[0]!;
  }

  private async anyWorker(): Promise<Worker> {
    return this.context.serviceWorkers().find((s) => s.url().includes(this.extensionId)) ?? (await this.context.waitForEvent('serviceworker'));
  }

  async badge(page: Page): Promise<string> {
    const tabId = await this.tabIdOf(page);
    return (await this.anyWorker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  }

  private extPage: Page | undefined;

  /** Sends a message as an extension page would (popup/options), and returns the answer. */
  async sendFromExtensionPage<T>(message: unknown): Promise<T> {
    if (!this.extPage || this.extPage.isClosed()) {
      this.extPage = await this.context.newPage();
      await this.extPage.goto(`chrome-extension://${this.extensionId}/options.html`);
    }
    return this.extPage.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
  }

  async tabState(page: Page): Promise<TabStateView> {
    return this.sendFromExtensionPage<TabStateView>({ type: 'tab-state', tabId: await this.tabIdOf(page) });
  }

  /** Polls until the predicate holds on the tab state, or fails with the last state seen. */
  async waitForTabState(page: Page, predicate: (s: TabStateView) => boolean, timeout = 8000): Promise<TabStateView> {
    const end = Date.now() + timeout;
    let last: TabStateView | undefined;
    while (Date.now() < end) {
      last = await this.tabState(page);
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`tab state never matched; last: ${JSON.stringify(last)}`);
  }

  /** Reads the overlay through CDP, which sees closed shadow roots and the accessibility tree. */
  async overlay(page: Page): Promise<OverlayView | null> {
    const cdp = await this.context.newCDPSession(page);
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      type N = { nodeName: string; nodeType: number; nodeValue?: string; backendNodeId: number; children?: N[]; shadowRoots?: (N & { shadowRootType?: string })[] };
      const find = (n: N): N | undefined => {
        if (n.nodeName === 'DNCA-OVERLAY') return n;
        for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
          const f = find(c);
          if (f) return f;
        }
        return undefined;
      };
      const host = find(root as N);
      if (!host) return null;
      const shadow = host.shadowRoots?.[0];
      if (!shadow || shadow.shadowRootType !== 'closed') throw new Error('overlay host has no closed shadow root');
      const texts: string[] = [];
      const collect = (n: N) => {
        if (n.nodeType === 3 && n.nodeValue && !/^\s*$/.test(n.nodeValue)) texts.push(n.nodeValue);
        if (n.nodeName === 'STYLE') return;
        for (const c of n.children ?? []) collect(c);
      };
      collect(shadow);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree', {});
      const landmark = nodes.find((n) => typeof n.name?.value === 'string' && String(n.name.value).startsWith('Coverage notes'));
      return {
        name: String(landmark?.name?.value ?? ''),
        role: String(landmark?.role?.value ?? ''),
        text: texts.join(' ').replace(/\s+/g, ' '),
      };
    } finally {
      await cdp.detach();
    }
  }

  async waitForOverlay(page: Page, predicate: (o: OverlayView | null) => boolean = (o) => !!o, timeout = 8000): Promise<OverlayView | null> {
    const end = Date.now() + timeout;
    let last: OverlayView | null = null;
    while (Date.now() < end) {
      last = await this.overlay(page);
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`overlay never matched; last: ${JSON.stringify(last)}`);
  }

  async close(): Promise<void> {
    await this.closeBrowser();
    await this.server.close();
  }
}
