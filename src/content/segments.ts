import { ELEMENT_NODE, SHOW_ELEMENT, SHOW_ELEMENT_AND_TEXT, TEXT_NODE } from './node-types';
import { wordSet } from '../core/word-set';
// Turns a DOM subtree into text segments as a person reads them: inline
// elements join ("<b>2056</b>1" is one word), block boundaries and cells
// separate, and what is not on screen (scripts, hidden elements, our own
// host) is left out. Each segment keeps the text nodes it came from so a
// match can be turned back into a Range without touching the page.

export interface TextPiece {
  node: Text;
  /** Where this node's text starts in the segment. */
  offset: number;
}

export interface Segment {
  text: string;
  pieces: TextPiece[];
  /** The element that holds the whole segment (a cell, a paragraph). */
  block: Element;
}

/** Never read: their text is not what a biller sees. */
export const SKIP_TAGS = wordSet('SCRIPT STYLE NOSCRIPT TEMPLATE TEXTAREA SELECT OPTION SVG svg IFRAME OBJECT CANVAS HEAD TITLE');

const INLINE = wordSet('A ABBR B BDI BDO CITE CODE DATA DFN EM FONT I KBD LABEL MARK Q S SAMP SMALL SPAN STRONG SUB SUP TIME U VAR WBR INS DEL NOBR TT');

// Spans that play table cells or rows ("<span role=cell>") are laid out apart, so they end a run of text.
const BLOCK_ROLES = wordSet('cell gridcell columnheader rowheader row listitem option heading tab menuitem button separator');
const BLOCK_DISPLAY = /display\s*:\s*(?:block|flex|grid|table|list-item)/i;

/** Runs on inline with its neighbours, as a person reads "<b>2056</b>1" as one word. */
function isInline(el: Element, tag = el.tagName): boolean {
  if (!INLINE.has(tag)) return false;
  const role = el.getAttribute('role');
  if (role !== null && BLOCK_ROLES.has(role)) return false;
  const style = el.getAttribute('style');
  return style === null || !BLOCK_DISPLAY.test(style);
}

export const OWN_HOST_ATTR = 'data-dnca-host';

/** A closed <details>, whose children other than its summary are not on screen. */
function isClosedDetails(el: Element | null): boolean {
  return el !== null && el.tagName === 'DETAILS' && !el.hasAttribute('open');
}

/** The block holding a text node whose parent element is `parent`. */
function blockOf(node: Node, parent: Element | null): Element | null {
  let el = parent;
  while (el && isInline(el)) el = el.parentElement;
  // Text (or inline elements) placed directly in a shadow root has no parent element: it sits in the host's box.
  if (!el) {
    const root = node.getRootNode();
    if (root instanceof ShadowRoot) return root.host;
  }
  return el;
}

// Hidden by markup alone, readable without computing style: the `hidden`
// attribute, aria-hidden, and inline display:none or visibility:hidden.
const HIDDEN_BY_MARKUP = '[hidden], [aria-hidden="true"], [style*="display"], [style*="visibility"]';

function hiddenByMarkup(el: Element): boolean {
  for (let at = el.closest(HIDDEN_BY_MARKUP); at; at = at.parentElement?.closest(HIDDEN_BY_MARKUP) ?? null) {
    if (at.hasAttribute('hidden') || at.getAttribute('aria-hidden') === 'true') return true;
    const style = (at as HTMLElement).style;
    if (style?.display === 'none' || style?.visibility === 'hidden' || style?.visibility === 'collapse') return true;
  }
  return false;
}

/**
 * Skipped while collecting: our own host, and a subtree the page hides
 * outright (never on screen). Most elements carry no attributes at all:
 * one call says so, where asking for each would be five.
 */
function skippedByMarkup(el: Element, tag: string): boolean {
  if (tag === 'DIALOG' && !el.hasAttribute('open')) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute(OWN_HOST_ATTR) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (!el.hasAttribute('style')) return false;
  const display = (el as HTMLElement).style?.display;
  return display === 'none';
}

/** Laid out and not visibility:hidden, as the browser computes it. */
export function isShown(el: Element): boolean {
  return el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
}

/**
 * Hidden by the page: not on screen, so not something the biller is looking at.
 * Asked only for text that matched, because it makes the browser compute style.
 * Markup is checked as well as checkVisibility, which ignores aria-hidden and
 * which some DOMs (happy-dom) implement without the `hidden` attribute.
 */
export function createVisibilityCheck(): (el: Element) => boolean {
  const cache = new Map<Element, boolean>();
  return (el: Element): boolean => {
    const known = cache.get(el);
    if (known !== undefined) return known;
    const visible = !hiddenByMarkup(el) && isShown(el);
    cache.set(el, visible);
    return visible;
  };
}

/** The node after the walker's current one and all it holds, within root; the walker moves there. */
function nextOutside(walker: TreeWalker, root: Node): Node | null {
  for (let n: Node | null = walker.currentNode; n && n !== root; n = walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
  }
  return null;
}

export interface CollectOptions {
  /** Called for each open shadow root met, so the caller can observe and scan it. */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/** Segments of the text under root, in document order. Open shadow roots are scanned as their own roots. */
export function collectSegments(root: Node, options: CollectOptions = {}): Segment[] {
  const doc = root.ownerDocument ?? (root as Document);
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let breakPending = false;
  // The walker never asks about its own root: a scope that is itself a shadow host must still hand on its root.
  const rootShadow = root.nodeType === ELEMENT_NODE ? (root as Element).shadowRoot : null;
  if (rootShadow && options.onShadowRoot) options.onShadowRoot(rootShadow);

  // A bare walker, elements judged in the loop: a filter callback is a call from the browser into
  // script for every element, which costs more than the judging.
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT_AND_TEXT);
  for (let node = walker.nextNode(); node; ) {
    if (node.nodeType !== TEXT_NODE) {
      const el = node as Element;
      const tag = el.tagName;
      if (SKIP_TAGS.has(tag) || skippedByMarkup(el, tag) || (tag !== 'SUMMARY' && isClosedDetails(el.parentElement))) {
        node = nextOutside(walker, root);
        continue;
      }
      if (options.onShadowRoot) {
        const shadow = el.shadowRoot;
        if (shadow) options.onShadowRoot(shadow);
      }
      // Entering anything block-like (a cell, a <br>, a nested div) ends the current run of text.
      if (!isInline(el, tag)) breakPending = true;
      node = walker.nextNode();
      continue;
    }
    const text = node as Text;
    node = walker.nextNode();
    const data = text.data;
    if (data.length === 0) continue;
    const parent = text.parentElement;
    if (isClosedDetails(parent)) continue;
    const block = blockOf(text, parent);
    if (!block) continue;
    if (current === null || current.block !== block || breakPending) {
      breakPending = false;
      current = null;
      if (!/\S/.test(data)) continue;
      current = { text: '', pieces: [], block };
      segments.push(current);
    }
    current.pieces.push({ node: text, offset: current.text.length });
    current.text += data;
  }
  return segments;
}

const ROW_SELECTOR = 'tr, [role="row"], li, dd, p';
export const TABLE_SELECTOR = 'table, [role="table"], [role="grid"]';

/**
 * The text a person sees on the table row, list item or paragraph holding a
 * block, cells joined by a space: where a code's date of service is printed.
 * Unlike textContent it leaves out scripts and hidden cells.
 */
export function rowTextOf(block: Element): string | undefined {
  let row = block.closest(ROW_SELECTOR);
  // A form laid out as label/value pairs (a <dl>, a table of row headers) is one record:
  // its "Date of service" row speaks for the "Procedure" row.
  if (row?.tagName === 'DD') row = row.parentElement;
  else if (row?.tagName === 'TR' && row.firstElementChild?.tagName === 'TH' && row.children.length === 2) row = row.closest('table');
  return row ? collectSegments(row).map((s) => s.text).join(' ') : undefined;
}

function shortText(el: Element | null | undefined): string | undefined {
  const text = el?.textContent?.replace(/\s+/g, ' ').trim();
  return text && text.length <= 60 ? text : undefined;
}

/** Rows further down a table than this are never looked at for its column headers. */
export const HEADER_ROWS_LOOKED_AT = 50;

/** Header rows come before the rows they head: the table's rows up to this one, at most a few dozen looked at. */
function* rowsBefore(table: Element, row: Element | null, limit = HEADER_ROWS_LOOKED_AT): Generator<Element> {
  const walker = table.ownerDocument.createTreeWalker(table, SHOW_ELEMENT);
  let seen = 0;
  for (let n = walker.nextNode() as Element | null; n && n !== row && seen < limit; n = walker.nextNode() as Element | null) {
    if (n.tagName === 'TR' || n.getAttribute('role') === 'row') {
      seen += 1;
      yield n;
    }
  }
}

function headerCellAt(rows: Iterable<Element>, index: number, selector: string): Element | undefined {
  for (const row of rows) {
    const cells = [...row.children].filter((c) => c.matches(selector));
    if (cells.length > 1 && cells.length === row.children.length) return row.children[index];
  }
  return undefined;
}

/**
 * What labels a block the way a person would read it: the row header or column
 * header of a table cell, the <dt> of a <dd>, or a label element just before it.
 * "Claim Number | 20561" is an id, "Procedure | 20561" a code.
 */
export function labelFor(block: Element): string | undefined {
  const cell = block.closest('td, th, [role="cell"], [role="gridcell"]');
  if (cell) {
    const row = cell.parentElement;
    const siblings = row ? [...row.children] : [];
    const index = siblings.indexOf(cell);
    const table = cell.closest(TABLE_SELECTOR);
    const columnHeader = table && index >= 0 ? headerCellAt(rowsBefore(table, row), index, 'th, [role="columnheader"]') : undefined;
    if (columnHeader && columnHeader !== cell) return shortText(columnHeader);
    const rowHeader = siblings.slice(0, index).find((c) => c.tagName === 'TH' || c.getAttribute('role') === 'rowheader' || c.getAttribute('role') === 'columnheader');
    return shortText(rowHeader);
  }
  if (block.tagName === 'DD') {
    let prev = block.previousElementSibling;
    while (prev && prev.tagName !== 'DT') prev = prev.previousElementSibling;
    return shortText(prev);
  }
  const prev = block.previousElementSibling;
  if (prev && (prev.tagName === 'LABEL' || prev.tagName === 'DT' || prev.tagName === 'LEGEND' || /:\s*$/.test(prev.textContent ?? ''))) return shortText(prev);
  return undefined;
}

/** The pieces of a segment that [start, end) touches. */
export function piecesIn(segment: Segment, start: number, end: number): TextPiece[] {
  return segment.pieces.filter((p) => p.offset < end && p.offset + p.node.data.length > start);
}

/** A Range over [start, end) of a segment's text. */
export function rangeFor(segment: Segment, start: number, end: number): Range | null {
  const doc = segment.block.ownerDocument;
  const locate = (pos: number, preferEnd: boolean): { node: Text; offset: number } | null => {
    for (let i = segment.pieces.length - 1; i >= 0; i--) {
      const p = segment.pieces[i]!;
      if (pos > p.offset || (pos === p.offset && !preferEnd) || (pos === p.offset && i === 0)) {
        return { node: p.node, offset: Math.min(pos - p.offset, p.node.data.length) };
      }
    }
    return null;
  };
  const a = locate(start, false);
  const b = locate(end, true);
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
