// Work waiting to be read, cut into pieces small enough that the page never
// waits on us for long: a big container whose children are all blocks is
// split into its children (which reads exactly the same text), and the
// reader stops when its time slice is spent so the caller can yield.
// Rows of a big list (big-list.ts) are looked at natively first, in runs,
// and only the rows worth it are read; the others are kept aside so their
// shadow roots can be looked for once the page's codes are shown.
import { bigListRow, isBigList, rowTest, type RowTest } from './big-list';
import { isBlock, isField, isRoot, isSkipped, isSkippedTag, TABLE_SECTIONS, type ScanScope } from './dom-scope';
import { OWN_HOST_ATTR } from './segments';
import { ELEMENT_NODE, SHOW_ELEMENT, TEXT_NODE } from './node-types';
import { wordSet } from '../core/word-set';

/** A scope with at least this many elements is split when it can be. */
const SPLIT_AT = 400;
/** Scopes are read together until about this many elements, so one chunk of text serves many rows. */
const BATCH_ELEMENTS = 3000;
/** Rows of a big list looked at between two checks of the clock. */
const RUN_ROWS = 200;
/** Rows around where a run's only hint falls in its text, looked at first. */
const GUESS_ROWS = 8;

// Children that carry no readable text and never join or split a run of text.
const NEUTRAL = wordSet('SCRIPT STYLE LINK META NOSCRIPT TEMPLATE HEAD BASE');

/** The scope's parent was checked for skipped ancestors already. */
const PARENT_CHECKED = 1;
/** The scope is (inside) a big-list row already found worth reading. */
const ROW_PASSED = 2;

/**
 * Consecutive rows of one big list: `remaining` rows from `first` (all the
 * rest, when a list is read whole), stopping after `last` if given.
 * `changed` marks rows the page added or changed, read as they arrive rather
 * than with the list.
 */
class Run {
  // Declared, then set in the constructor: parameter properties would also emit a field definition each.
  declare readonly list: Element;
  declare readonly first: Element;
  declare readonly remaining: number;
  declare readonly changed: boolean;
  declare readonly last: Element | null;

  constructor(list: Element, first: Element, remaining: number, changed: boolean, last: Element | null = null) {
    this.list = list;
    this.first = first;
    this.remaining = remaining;
    this.changed = changed;
    this.last = last;
  }

  /** The next rows to look at, or null if the page has moved the first one away since the run was made. */
  rows(): Element[] | null {
    if (this.first.parentElement !== this.list || !this.list.isConnected) return null;
    const rows: Element[] = [];
    const take = Math.min(RUN_ROWS, this.remaining);
    for (let row: Element | null = this.first; row && rows.length < take; row = row === this.last ? null : row.nextElementSibling) rows.push(row);
    return rows;
  }
}

type Item = ScanScope | Run;

/** The HTML elements attachShadow accepts, besides custom elements (whose names have a hyphen). */
const SHADOW_HOSTS = wordSet('ARTICLE ASIDE BLOCKQUOTE BODY DIV FOOTER H1 H2 H3 H4 H5 H6 HEADER MAIN NAV P SECTION SPAN');
const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/**
 * Everything but common tags that can neither host a shadow root nor be a
 * field: what a skipped row may hide from its text content. One native query
 * per row finds these (in most rows, none); a walk would call into the
 * browser twice for every element. A tag left off only costs a visit.
 * `:not()` stops at the first tag that matches, so the commonest come first.
 */
const MAY_HIDE_TEXT = ':not(td,tr,th,a,b,i,em,strong,small,br,img,label,button,li,ul,ol,svg,path,g,use,abbr,time,code,u,s,sub,sup,font,table,tbody)';

function countUpTo(scope: ScanScope, limit: number): number {
  // A row of cells holding at most a few leaf elements each is counted without a walker.
  if (scope.childElementCount <= 32) {
    let n = scope.childElementCount;
    let shallow = true;
    for (let c = scope.firstElementChild; c && shallow; c = c.nextElementSibling) {
      if (c.childElementCount > 4 || c.shadowRoot) shallow = false;
      for (let g = c.firstElementChild; g && shallow; g = g.nextElementSibling) if (g.childElementCount > 0 || g.shadowRoot) shallow = false;
      n += c.childElementCount;
    }
    if (shallow) return n;
  }
  const doc = scope.ownerDocument ?? (scope as Document);
  const walker = doc.createTreeWalker(scope, SHOW_ELEMENT);
  let n = 0;
  while (n < limit && walker.nextNode()) n += 1;
  return n;
}


/** True when reading each child alone gives the same segments as reading the scope. */
function splittable(scope: ScanScope): boolean {
  if (!isRoot(scope) && (scope.shadowRoot || !isBlock(scope))) return false;
  if (!isRoot(scope) && TABLE_SECTIONS.has(scope.tagName)) return true;
  for (let c = scope.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT_NODE) {
      if (/\S/.test((c as Text).data)) return false;
    } else if (c.nodeType === ELEMENT_NODE) {
      const el = c as Element;
      if (!isBlock(el) && !NEUTRAL.has(el.tagName) && !el.tagName.includes('-') && !el.hasAttribute(OWN_HOST_ATTR)) return false;
    }
  }
  return true;
}

export class ScanQueue {
  /** A stack: children go on in reverse so the page is read in document order. */
  #stack: Item[] = [];
  /** Parallel to the stack: PARENT_CHECKED and ROW_PASSED. */
  #flags: number[] = [];
  /** Big lists (or rows of one) not read whole: looked through for shadow roots after the rest. */
  #unread: Element[] = [];
  /** The next row of the big list being looked through, between idle slices. */
  #cursor: Element | null = null;
  #range: Range | null = null;

  readonly #worthReading: RowTest;

  /** @param worthReading decides on a big-list row's text content; by default, rows with a code. */
  constructor(worthReading: RowTest = rowTest()) {
    this.#worthReading = worthReading;
  }

  get empty(): boolean {
    return this.#stack.length === 0;
  }

  /** Rows were skipped whose shadow roots have not been looked for yet. */
  get hasUnread(): boolean {
    return this.#unread.length > 0 || this.#cursor !== null;
  }

  push(scope: ScanScope, flags = 0): void {
    this.#stack.push(scope);
    this.#flags.push(flags);
  }

  #pushRun(run: Run): void {
    this.#stack.push(run);
    this.#flags.push(0);
  }

  /**
   * Rows the page added or changed in a big list, `count` consecutive ones
   * from `first` (at most: up to `last`): looked at together, one native
   * call for the lot, as a run.
   */
  pushRows(list: Element, first: Element, count: number, last: Element | null = null): void {
    if (isSkipped(list)) return;
    this.#pushRun(new Run(list, first, count, true, last));
  }

  clear(): void {
    this.#stack = [];
    this.#flags = [];
    this.#unread = [];
    this.#cursor = null;
  }

  /**
   * Reads scopes in batches until the deadline (performance.now()) passes or
   * the work runs out. Shadow roots in rows the page added and did not need
   * reading are handed to `found`.
   */
  runUntil(deadline: number, read: (scopes: ScanScope[]) => void, found: (root: ShadowRoot) => void): void {
    while (this.#stack.length > 0) {
      const batch: ScanScope[] = [];
      let size = 0;
      while (size < BATCH_ELEMENTS && this.#stack.length > 0) {
        const item = this.#stack.pop()!;
        const flags = this.#flags.pop()!;
        if (item instanceof Run) {
          this.#openRun(item, found);
          if (performance.now() < deadline) continue;
          if (batch.length > 0) read(batch);
          return;
        }
        const scope = item;
        // Slices yield to the page in between: a scope queued earlier may have left it since.
        if (!scope.isConnected || (flags & PARENT_CHECKED ? isSkippedTag(scope as Element) : isSkipped(scope))) continue;
        if (!(flags & ROW_PASSED) && !isRoot(scope)) {
          const row = bigListRow(scope);
          if (row && !this.#worthReading(row.textContent ?? '')) {
            this.#setAside(scope as Element);
            continue;
          }
          // A change inside a row that now holds a code: the whole row is read, as a fresh read of the page would.
          if (row && row !== scope) {
            this.push(row, ROW_PASSED);
            continue;
          }
        }
        if (!isRoot(scope) && isBigList(scope as Element) && splittable(scope)) {
          this.#cutRuns(scope as Element);
          continue;
        }
        const count = countUpTo(scope, SPLIT_AT);
        if (count >= SPLIT_AT && splittable(scope)) {
          const children = scope.children;
          for (let i = children.length - 1; i >= 0; i--) this.push(children[i]!, PARENT_CHECKED | (flags & ROW_PASSED));
          continue;
        }
        batch.push(scope);
        size += count + 1;
      }
      if (batch.length > 0) read(batch);
      if (performance.now() >= deadline) return;
    }
  }

  /**
   * Looks through skipped rows, until the deadline, for what their text
   * content does not show: open shadow roots (handed on to be read) and
   * fields (queued). Runs when the page is idle, after the codes are shown.
   */
  lookThroughSkipped(deadline: number, found: (root: ShadowRoot) => void): void {
    // A list is looked through a row at a time, resuming where the last slice stopped.
    for (let i = 1; ; i++) {
      const row = this.#cursor;
      if (row) {
        this.#cursor = row.nextElementSibling;
        this.#lookInside(row, found);
      } else {
        const top = this.#unread.pop();
        if (!top) return;
        if (!top.isConnected) continue;
        if (isBigList(top)) {
          this.#visit(top, found);
          this.#cursor = top.firstElementChild;
        } else this.#lookInside(top, found);
      }
      if (i % 64 === 0 && performance.now() >= deadline) return;
    }
  }

  /** The element and everything under it that may hide what its text content does not show. */
  #lookInside(el: Element, found: (root: ShadowRoot) => void): void {
    this.#visit(el, found);
    // Most rows hold none: a first query that builds no list says so, at a fraction of the cost.
    if (!el.querySelector(MAY_HIDE_TEXT)) return;
    const inner = el.querySelectorAll(MAY_HIDE_TEXT);
    for (let i = 0; i < inner.length; i++) this.#visit(inner[i]!, found);
  }

  /** What a skipped element's text content does not show: its shadow root, or its value if it is a field. */
  #visit(el: Element, found: (root: ShadowRoot) => void): void {
    const tag = el.tagName;
    // Only these can host a shadow root (attachShadow throws for the rest): a cell or a link is never asked.
    if (SHADOW_HOSTS.has(tag) || tag.includes('-')) {
      const root = el.shadowRoot;
      if (root && !isSkipped(el)) found(root);
    } else if (FIELDS.has(tag) && isField(el)) this.push(el, ROW_PASSED);
  }

  /** A scope inside a big-list row that holds no code: looked through later for fields and shadow roots. */
  #setAside(scope: Element): void {
    this.#unread.push(scope);
  }

  /** A big list is opened a run of rows at a time, from its first row. */
  #cutRuns(list: Element): void {
    if (list.firstElementChild) {
      this.#pushRun(new Run(list, list.firstElementChild, Infinity, false));
    }
  }

  /**
   * One native look at a run's text (a Range from inside its first row to
   * inside its last: a boundary placed before the 10,000th row would cost a
   * walk over the 9,999 before it), then at each half that shows a hint, down
   * to single rows. Rows worth it are queued, and the next run after them.
   */
  #openRun(run: Run, found: (root: ShadowRoot) => void): void {
    const rows = run.rows();
    if (!rows) {
      // The page re-rendered the list since the run was made: look at it afresh.
      if (run.list.isConnected) this.push(run.list);
      return;
    }
    const last = rows[rows.length - 1]!;
    const next = last === run.last ? null : last.nextElementSibling;
    if (next && run.remaining > rows.length) {
      this.#pushRun(new Run(run.list, next, run.remaining - rows.length, run.changed, run.last));
    }
    const worth: Element[] = [];
    this.#findRowsWorthReading(rows, worth);
    // Pushed last first, so the rows are read in document order.
    for (let i = worth.length - 1; i >= 0; i--) this.push(worth[i]!, PARENT_CHECKED | ROW_PASSED);
    if (worth.length === rows.length) return;
    // Rows the page added are few: the skipped ones are looked through at once (those queued find their own).
    if (run.changed) {
      // Indexed: a for-of here allocates an iterator result for each of the rows, in a task that should allocate little.
      for (let i = 0; i < rows.length; i++) if (!worth.includes(rows[i]!)) this.#lookInside(rows[i]!, found);
      return;
    }
    // One walk over the whole list later finds its shadow roots and fields (those in rows read are found twice, harmlessly).
    if (!this.#unread.includes(run.list)) this.#unread.push(run.list);
  }

  /**
   * The rows worth reading, in order. A run whose text shows one hint, and
   * one only, is most often a page of claims with one dry needling line: the
   * rows of a list are alike, so where the hint falls in the run's text says
   * about which row holds it. If the few rows around that guess show it,
   * the rest cannot (their text is part of the run's), and only those are
   * halved.
   */
  #findRowsWorthReading(rows: readonly Element[], out: Element[]): void {
    const text = this.#textOf(rows, 0, rows.length);
    if (!this.#worthReading(text)) return;
    const at = this.#worthReading.onlyHintAt?.(text) ?? -1;
    if (at >= 0 && rows.length > GUESS_ROWS) {
      const from = Math.min(Math.max(0, Math.floor((at / text.length) * rows.length) - (GUESS_ROWS >> 1)), rows.length - GUESS_ROWS);
      if (this.#worthReading.onlyHintAt!(this.#textOf(rows, from, from + GUESS_ROWS)) >= 0) {
        this.#halve(rows, from, from + GUESS_ROWS, out, true);
        return;
      }
    }
    this.#halve(rows, 0, rows.length, out);
  }

  /** The joined text of rows from..to-1, in one native call. */
  #textOf(rows: readonly Element[], from: number, to: number): string {
    const first = rows[from]!;
    const last = rows[to - 1]!;
    const range = (this.#range ??= first.ownerDocument.createRange());
    // Not setStart: that compares the new start with the old end, rows apart; this sets both in the first row.
    range.selectNodeContents(first);
    range.setEnd(last, last.childNodes.length);
    return range.toString();
  }

  /**
   * Rows from..to-1 worth reading, in order, given that their joined text
   * shows a hint: each half that shows one is halved again. A hint made
   * across two rows' joined text shows in neither half, as it should. With
   * `only` (the text shows exactly one hint), a first half that shows it
   * leaves nothing for the second.
   */
  #halve(rows: readonly Element[], from: number, to: number, out: Element[], only = false): void {
    if (to - from === 1) {
      out.push(rows[from]!);
      return;
    }
    const mid = (from + to) >> 1;
    const first = this.#worthReading(this.#textOf(rows, from, mid));
    if (first) this.#halve(rows, from, mid, out, only);
    if (!(first && only) && this.#worthReading(this.#textOf(rows, mid, to))) this.#halve(rows, mid, to, out, only);
  }
}
