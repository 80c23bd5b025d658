// Small DOM facts the incremental scanner needs: which elements start their
// own text blocks, which subtrees are never read, and containment that
// crosses open shadow boundaries.
import { OWN_HOST_ATTR, SKIP_TAGS } from './segments';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_NODE, ELEMENT_NODE, TEXT_NODE } from './node-types';
import { wordSet } from '../core/word-set';

/**
 * Elements that always start a new text block for the segmenter. A subset of
 * what segments.ts treats as block-level, so re-reading one of these alone
 * gives exactly the segments it had as part of the whole page.
 */
const BLOCK_TAGS = wordSet('ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY CAPTION DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HTML LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL');


/**
 * A table section's children are rows: the parser moves anything else out of
 * it. (A script could put a span there; checking 100,000 children to be sure
 * costs more than that case is worth.)
 */
export const TABLE_SECTIONS = wordSet('TBODY THEAD TFOOT');

/** This element itself is never read (ancestors not considered). */
export function isSkippedTag(el: Element): boolean {
  return SKIP_TAGS.has(el.tagName) || el.hasAttribute(OWN_HOST_ATTR);
}

export type ScanScope = Element | Document | ShadowRoot;

export function isBlock(node: Node): boolean {
  return node.nodeType === ELEMENT_NODE && BLOCK_TAGS.has((node as Element).tagName);
}

export function isRoot(node: Node): node is Document | ShadowRoot {
  return node.nodeType === DOCUMENT_NODE || node.nodeType === DOCUMENT_FRAGMENT_NODE;
}

/** The smallest scope whose re-reading covers every text block that `node` belongs to. */
export function blockScope(node: Node | null): ScanScope | null {
  for (let n = node; n; n = n.parentNode) {
    if (isBlock(n) || isRoot(n)) return n as ScanScope;
  }
  return null;
}

/** Whitespace-only text: adding or removing it between blocks changes nothing a reader sees. */
export function isBlankText(node: Node | null): boolean {
  return node !== null && node.nodeType === TEXT_NODE && !/\S/.test((node as Text).data);
}

/** True when the scope is inside something the scanner never reads (a script, our own host). */
export function isSkipped(scope: ScanScope): boolean {
  if (isRoot(scope)) return false;
  // A field is read for its value even though its own text never is.
  // A loop over tag names: this runs for every candidate, and closest() with a long selector costs more.
  for (let el = isField(scope) ? scope.parentElement : scope; el; el = el.parentElement) if (isSkippedTag(el)) return true;
  return false;
}

export function isOwnNode(node: Node): boolean {
  const el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${OWN_HOST_ATTR}]`);
}

/** Parent across open shadow boundaries (a shadow root's parent is its host). */
export function composedParent(node: Node): Node | null {
  if (node.parentNode) return node.parentNode;
  return node instanceof ShadowRoot ? node.host : null;
}

export function containsComposed(outer: Node, inner: Node): boolean {
  for (let n: Node | null = inner; n; n = composedParent(n)) if (n === outer) return true;
  return false;
}

export function isField(el: Element): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const tag = el.tagName;
  return (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') && el.namespaceURI === 'http://www.w3.org/1999/xhtml';
}

/** What a field shows the biller; null for fields that never hold a code worth reading. */
export function fieldText(el: Element): string | null {
  if (el instanceof HTMLInputElement) {
    if (el.type === 'hidden' || el.type === 'password') return null;
    return el.value;
  }
  if (el instanceof HTMLTextAreaElement) return el.value;
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.text ?? null;
  return null;
}
