// Keeps the frame's findings current: scans once at start, then again when
// the page changes (mutations in the document or its open shadow roots, typing
// in fields, single-page navigation). Idle pages cost nothing: no timers run
// unless something changed.
import type { ContentConfig, FrameReport } from '../core/messages';
import { identifyPayer } from '../core/payer';
import type { ExtensionContext } from './context';
import { clearHighlights, setHighlights } from './highlight';
import { scanRoot, type ScanResult } from './scanner';
import { OWN_HOST_ATTR } from './segments';

const SETTLE_MS = 120;
const MAX_WAIT_MS = 600;

export class PageWatcher {
  private readonly observers = new Map<Node, MutationObserver>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPending = 0;
  private lastReport = '';
  private stopped = false;
  private readonly onInput = () => this.schedule();

  constructor(
    private readonly ctx: ExtensionContext,
    private readonly config: ContentConfig,
    private readonly onRanges: (ranges: Range[]) => void,
  ) {}

  start(): void {
    this.observe(document);
    document.addEventListener('input', this.onInput, true);
    document.addEventListener('change', this.onInput, true);
    window.addEventListener('popstate', this.onInput);
    window.addEventListener('hashchange', this.onInput);
    window.addEventListener('pagehide', this.onPageHide);
    this.scanNow();
    this.ctx.watch();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const o of this.observers.values()) o.disconnect();
    this.observers.clear();
    document.removeEventListener('input', this.onInput, true);
    document.removeEventListener('change', this.onInput, true);
    window.removeEventListener('popstate', this.onInput);
    window.removeEventListener('hashchange', this.onInput);
    window.removeEventListener('pagehide', this.onPageHide);
    clearHighlights();
  }

  private readonly onPageHide = () => {
    void this.ctx.send({ type: 'content:frame-gone' });
  };

  private observe(root: Document | ShadowRoot): void {
    if (this.observers.has(root)) return;
    const observer = new MutationObserver((records) => {
      // Our own overlay changing must never wake the scanner.
      if (records.every(isOwnRecord)) return;
      this.schedule();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.observers.set(root, observer);
  }

  /** Debounced: waits for the page to settle, but never longer than MAX_WAIT_MS under constant churn. */
  schedule(): void {
    if (this.stopped) return;
    const now = performance.now();
    if (this.timer === undefined) this.firstPending = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(SETTLE_MS, this.firstPending + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.scanNow();
    }, wait);
  }

  scanNow(): void {
    if (this.stopped || !this.ctx.alive) return;
    const results: ScanResult[] = [];
    const queue: (Document | ShadowRoot)[] = [document];
    for (let root = queue.shift(); root; root = queue.shift()) {
      const result = scanRoot(root);
      results.push(result);
      for (const shadow of result.shadowRoots) {
        this.observe(shadow);
        queue.push(shadow);
      }
    }
    const ranges = results.flatMap((r) => r.ranges);
    if (this.config.highlights) setHighlights(ranges);
    this.onRanges(ranges);
    const report: FrameReport = {
      url: location.href,
      codes: results.flatMap((r) => r.findings).slice(0, 5000),
      diagnoses: [...new Set(results.flatMap((r) => r.diagnoses))].slice(0, 500),
      payer: identifyPayer({ hostname: location.hostname, text: results.map((r) => r.text).join('\n') }, this.config.directory),
    };
    const key = JSON.stringify(report);
    if (key === this.lastReport) return;
    this.lastReport = key;
    void this.ctx.send({ type: 'content:report', report });
  }
}

function isOwnRecord(record: MutationRecord): boolean {
  if (isOwn(record.target)) return true;
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => n.nodeType === Node.ELEMENT_NODE && (n as Element).hasAttribute(OWN_HOST_ATTR));
}

function isOwn(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${OWN_HOST_ATTR}]`);
}
