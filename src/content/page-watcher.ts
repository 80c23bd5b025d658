// Keeps the frame's findings current. The page is read once, in slices that
// yield to the page; afterwards one MutationObserver per root (the document
// and each open shadow root) folds changes into the subtrees that changed,
// and only those are read again. Typing in fields and single-page navigation
// are followed too. Idle pages cost nothing: no timer runs unless something
// changed.
import type { ContentConfig } from '../core/messages';
import { identifyPayer, namesAnyPayer, payerFromHostname, type PayerMatch } from '../core/payer';
import { isBigList, rowTest } from './big-list';
import { BlockIndex } from './block-index';
import { ChangeSet, type AddedRows } from './change-set';
import type { ExtensionContext } from './context';
import { blockScope, isField, type ScanScope } from './dom-scope';
import { CodeHighlighter } from './highlight';
import { addsHeaders, LabelCache, touchesHeaders } from './labels';
import { ScanQueue } from './scan-queue';
import { isShown } from './segments';
import { scanScopes, type ScanEnv } from './scanner';
import { whenDrawnAndIdle, whenIdle, yieldToPage } from './yield';
import { ELEMENT_NODE } from './node-types';

/**
 * Longest a change waits in a background tab, and for idle time after the
 * frame in a shown one, before it is read anyway (see whenDrawnAndIdle).
 */
const IDLE_WAIT_MS = 250;
/** Longest stretch of reading before the page gets the main thread back. */
const SLICE_MS = 8;
const MAX_FINDINGS = 5000;
const MAX_DIAGNOSES = 500;
// attributeFilter implies attributes: true.
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributeFilter: ['hidden', 'aria-hidden', 'open', 'class', 'style'] };

export interface WatcherEvents {
  /** The frame's URL changed without a new document (pushState, hash, Navigation API). */
  onNavigate?: () => void;
}

export class PageWatcher {
  readonly #observers = new Map<Document | ShadowRoot, MutationObserver>();
  readonly #highlighter: CodeHighlighter;
  readonly #index: BlockIndex;
  readonly #queue: ScanQueue;
  readonly #changes = new ChangeSet();
  readonly #fields = new Set<Element>();
  readonly #labels = new LabelCache();
  /** Whether elements restyled by the page were shown, as last seen (see shownChanged). */
  readonly #shown = new WeakMap<Element, boolean>();
  /** Lists found to have BIG_LIST_ROWS rows or more since the last removal (which may have shrunk them). */
  #bigLists = new WeakSet<Element>();
  readonly #env: ScanEnv;
  #scheduled = false;
  #running = false;
  #stopped = false;
  #url = location.href;
  #reported = '';
  #payer: { version: number; match: PayerMatch | null } = { version: -1, match: null };

  readonly #ctx: ExtensionContext;
  readonly #config: ContentConfig;
  readonly #events: WatcherEvents;

  constructor(ctx: ExtensionContext, config: ContentConfig, events: WatcherEvents = {}) {
    this.#ctx = ctx;
    this.#config = config;
    this.#events = events;
    this.#highlighter = new CodeHighlighter(config.highlights);
    // On a payer's own portal the site names the payer: a long list's rows are read for codes alone.
    const payerSettled = payerFromHostname(location.hostname, config.directory) !== null;
    this.#queue = new ScanQueue(rowTest(payerSettled ? undefined : (text) => namesAnyPayer(text, config.directory)));
    this.#index = new BlockIndex(this.#highlighter);
    this.#env = {
      index: this.#index,
      labels: this.#labels,
      directory: config.directory,
      onShadowRoot: (root) => {
        this.#observe(root);
        this.#queue.push(root);
      },
    };
  }

  start(): void {
    this.#highlighter.prepare(document);
    this.#observe(document);
    this.#listen('addEventListener');
    this.#queue.push(document);
    this.#schedule();
    this.#ctx.watch();
  }

  stop(): void {
    this.#stopped = true;
    for (const o of this.#observers.values()) o.disconnect();
    this.#observers.clear();
    this.#listen('removeEventListener');
    this.#queue.clear();
    this.#highlighter.clear();
  }

  /** Typing in fields, single-page navigation and leaving the page: listened to from start to stop. */
  #listen(method: 'addEventListener' | 'removeEventListener'): void {
    document[method]('input', this.#onField, true);
    document[method]('change', this.#onField, true);
    window[method]('popstate', this.#onUrl);
    window[method]('hashchange', this.#onUrl);
    (globalThis as unknown as { navigation?: EventTarget }).navigation?.[method]('currententrychange', this.#onUrl);
    window[method]('pagehide', this.#onPageHide);
  }

  /** Every occurrence found, for "jump to". */
  ranges(): Range[] {
    return this.#index.allRanges();
  }

  /** Highlighting was turned on or off in the settings. */
  setHighlights(on: boolean): void {
    if (!this.#stopped) this.#highlighter.setEnabled(on, this.#index.allRanges());
  }

  /** Reads the whole frame again ("Scan this page"). */
  scanNow(): void {
    this.#changes.requestRescan();
    this.#reported = '';
    this.#schedule();
  }

  readonly #onPageHide = () => {
    this.#ctx.post('{"type":"content:frame-gone"}');
  };

  readonly #onUrl = () => {
    if (location.href === this.#url) return;
    this.#url = location.href;
    this.#events.onNavigate?.();
    this.#schedule();
  };

  readonly #onField = (event: Event) => {
    // composedPath()[0] is the field itself, even inside an open shadow root.
    const target = event.composedPath()[0];
    if (!(target instanceof Element) || !isField(target)) return;
    this.#fields.add(target);
    this.#schedule();
  };

  #observe(root: Document | ShadowRoot): void {
    if (this.#observers.has(root)) return;
    const observer = new MutationObserver((records) => {
      this.#changes.add(records);
      if (this.#changes.pending) this.#schedule();
    });
    observer.observe(root, OBSERVE);
    this.#observers.set(root, observer);
  }

  /**
   * One wait at most: later changes join the batch already waiting. The
   * batch is read once the page has drawn its change and is idle, in one
   * task: the page's own style work is done by then, and our visibility
   * checks do not force it early inside our task.
   */
  #schedule(): void {
    if (this.#stopped || this.#running || this.#scheduled) return;
    this.#scheduled = true;
    whenDrawnAndIdle(() => {
      this.#scheduled = false;
      this.#run();
    }, IDLE_WAIT_MS);
  }

  /**
   * Most change batches are read within one slice: then the reading, the
   * report and the end all happen here, in this task, with no promise to
   * settle. Only a longer read, or rows set aside to look through later,
   * goes on in #runOn.
   */
  #run(): void {
    if (this.#stopped || !this.#ctx.alive) return;
    const read = this.readQueued();
    if (read && !this.#queue.hasUnread) {
      this.#onUrl();
      this.#report();
      this.#scheduleIfPending();
    } else void this.#runOn(read);
  }

  /** @param read whether the first slice read everything queued */
  async #runOn(read: boolean): Promise<void> {
    this.#running = true;
    try {
      if (!read && !(await this.#readAll())) return;
      this.#onUrl();
      this.#report();
      // Then, with the codes already shown, the rows passed over are looked through for shadow roots.
      while (this.#queue.hasUnread) {
        await whenIdle();
        if (this.#stopped) return;
        this.#queue.lookThroughSkipped(performance.now() + SLICE_MS, this.#env.onShadowRoot);
        if (!this.#queue.empty) {
          if (!(await this.#readAll())) return;
          this.#report();
        }
      }
    } finally {
      this.#running = false;
    }
    this.#scheduleIfPending();
  }

  /** Changes that arrived while reading, or were left for later, get their own turn. */
  #scheduleIfPending(): void {
    if (this.#changes.pending || this.#fields.size > 0) this.#schedule();
  }

  /**
   * Reads everything queued and every change that arrives meanwhile, a slice
   * at a time, each after giving the page the main thread. False once stopped.
   */
  async #readAll(): Promise<boolean> {
    do {
      await yieldToPage();
      if (this.#stopped) return false;
    } while (!this.readQueued());
    return true;
  }

  /**
   * One slice of reading: pending changes folded in, then the queue read
   * until it is empty (true) or the slice is spent (false).
   * Not #private like the rest: the content bench finds the scan in a profile by this name.
   */
  private readQueued(): boolean {
    this.#fold();
    if (!this.#queue.empty) this.#queue.runUntil(performance.now() + SLICE_MS, (scopes) => scanScopes(scopes, this.#env), this.#env.onShadowRoot);
    return this.#queue.empty;
  }

  /** Turns pending changes into work: forget what left, queue what changed. */
  #fold(): void {
    const { rescan, removed, scopes, added, restyled } = this.#changes.drain();
    // A list seen big stays big until something leaves the page.
    if (rescan || removed.length > 0) this.#bigLists = new WeakSet();
    if (rescan || scopes.some(touchesHeaders) || removed.some(touchesHeaders) || added.some((span) => this.#addsHeaders(span))) this.#labels.clear();
    if (rescan) {
      this.#index.clear();
      this.#queue.clear();
      this.#queue.push(document);
      for (const root of this.#observers.keys()) if (root !== document) this.#forget(root);
    } else {
      if (removed.length) {
        this.#index.dropRemoved(removed);
        for (const root of this.#observers.keys()) if (!root.isConnected) this.#forget(root);
      }
      this.#requeueAll(scopes);
      for (const span of added) this.#requeueAdded(span);
      for (const el of restyled) if (this.#shownChanged(el)) this.#requeue(el);
    }
    for (const field of this.#fields) this.#requeue(field);
    this.#fields.clear();
  }

  /**
   * Did a class or style change show or hide this element? Asked once per
   * change batch; the first time an element is seen it may have been hidden
   * when the page was read, so it is read again then.
   */
  #shownChanged(el: Element): boolean {
    const shown = isShown(el);
    const before = this.#shown.get(el);
    this.#shown.set(el, shown);
    return before !== shown;
  }

  /**
   * Queues what changed. Consecutive rows of a big list (a page appending
   * claims) go as one run, looked at with one native call instead of each.
   */
  #requeueAll(scopes: readonly ScanScope[]): void {
    for (let i = 0; i < scopes.length; ) {
      const first = scopes[i]!;
      const list = first.nodeType === ELEMENT_NODE ? first.parentElement : null;
      let end = i + 1;
      if (list && first.isConnected) while (end < scopes.length && scopes[end] === (scopes[end - 1] as Element).nextElementSibling) end += 1;
      if (end - i > 1 && isBigList(list!)) {
        this.#index.dropWithinAll(scopes.slice(i, end), list);
        this.#queue.pushRows(list!, first as Element, end - i);
      } else {
        for (let k = i; k < end; k++) this.#requeue(scopes[k]!);
      }
      i = end;
    }
  }

  /**
   * Rows inserted into a table section (they hold nothing read before: see
   * ChangeSet). A big list's go as one run; a short table's rows one by one.
   */
  #requeueAdded({ list, first, last, nodes }: AddedRows): void {
    if (this.#isBigList(list)) {
      this.#queue.pushRows(list, first, nodes, last);
      return;
    }
    for (let row: Element | null = first; row; row = row === last ? null : row.nextElementSibling) this.#queue.push(row);
  }

  #isBigList(list: Element): boolean {
    if (this.#bigLists.has(list)) return true;
    if (!isBigList(list)) return false;
    this.#bigLists.add(list);
    return true;
  }

  /**
   * Do rows a page inserted carry column headers? Rows appended to a list
   * that was big before them are too far down for labelFor to look at: that
   * needs no look at all.
   */
  #addsHeaders(span: AddedRows): boolean {
    if (this.#bigLists.has(span.list) && span.last.nextElementSibling === null) return false;
    return addsHeaders(span);
  }

  #requeue(target: ScanScope): void {
    // Text at the top of a shadow root belongs to its host's block: read from there.
    const scope = target instanceof ShadowRoot ? blockScope(target.host) : target;
    if (!scope?.isConnected) return;
    this.#index.dropWithin(scope);
    this.#queue.push(scope);
  }

  /** A shadow root that left the page: its observer goes too (a re-rendering page makes many). */
  #forget(root: Document | ShadowRoot): void {
    this.#observers.get(root)?.disconnect();
    this.#observers.delete(root);
  }

  #report(): void {
    const codes: string[] = [];
    const diagnoses = new Set<string>();
    let count = 0;
    for (const entry of this.#index.values()) {
      // The first MAX_FINDINGS in page order, whole blocks; each block's text is made once, as a code-dense
      // claim list would otherwise be converted whole again for every batch (2.5 ms of each on 20,000 rows).
      if (entry.findings.length && (count += entry.findings.length) <= MAX_FINDINGS) codes.push((entry.json ??= JSON.stringify(entry.findings).slice(1, -1)));
      // forEach: a for-of would allocate an iterator and a result per diagnosis, each batch.
      entry.diagnoses.forEach(diagnoses.add, diagnoses);
    }
    if (this.#payer.version !== this.#index.payerVersion) {
      const text = [...this.#index.values()].flatMap((e) => e.snippets).join('\n');
      this.#payer = { version: this.#index.payerVersion, match: identifyPayer({ hostname: location.hostname, text }, this.#config.directory) };
    }
    // The kept texts are joined in as they are (a JSON string would escape their quotes), and the rest after
    // them: one copy of the whole fewer than a placeholder replaced, each batch, on a code-dense list.
    const json = `{"type":"content:report","report":{"codes":[${codes}],${JSON.stringify({ url: location.href, diagnoses: [...diagnoses].slice(0, MAX_DIAGNOSES), payer: this.#payer.match }).slice(1)}}`;
    // The text tells an unchanged report (a page re-rendering the same rows) from a new one, and is what is posted.
    if (json === this.#reported) return;
    this.#reported = json;
    this.#ctx.post(json);
  }
}
