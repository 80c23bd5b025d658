// Folds mutation records into what must be read again: the smallest set of
// subtrees whose text changed, plus the nodes that left the page. Rows added
// to a long table become those rows, not the table; a change inside a cell
// becomes that cell. Past a bound the set gives up and asks for one rescan.
import { blockScope, composedParent, isBlankText, isBlock, isOwnNode, type ScanScope } from './dom-scope';
import { OWN_HOST_ATTR } from './segments';
import { COMMENT_NODE, ELEMENT_NODE, TEXT_NODE } from './node-types';

/** More pending changes than this: reading the page once is cheaper than folding. */
const MAX_PENDING = 3000;

const NEUTRAL_SELECTOR = `script, style, link, meta, noscript, template, head, title, base, [${OWN_HOST_ATTR}]`;

function isNeutral(node: Node): boolean {
  if (node.nodeType === COMMENT_NODE || isBlankText(node)) return true;
  return node.nodeType === ELEMENT_NODE && (node as Element).matches(NEUTRAL_SELECTOR);
}

/** Text or an inline element: something that joins the text run next to it. */
function isInline(node: Node | null): boolean {
  return node !== null && !isNeutral(node) && !isBlock(node) && (node.nodeType === TEXT_NODE || node.nodeType === ELEMENT_NODE);
}

/** Changes inside things never read (a style sheet's text, the title, our own host) need no reading. */
function insideUnread(node: Node): boolean {
  const el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el?.closest(NEUTRAL_SELECTOR) || isOwnNode(node);
}

export interface Drained {
  /** Too much changed at once: read the whole page again. */
  rescan: boolean;
  removed: Node[];
  scopes: ScanScope[];
  /** Elements whose class or style changed: read again only if that changed whether they show. */
  restyled: Element[];
}

export class ChangeSet {
  #removed: Node[] = [];
  #scopes = new Set<ScanScope>();
  #restyled = new Set<Element>();
  #overflow = false;

  get pending(): boolean {
    return this.#overflow || this.#removed.length > 0 || this.#scopes.size > 0 || this.#restyled.size > 0;
  }

  /** Asks for one rescan of everything (a new screen, a huge batch). */
  requestRescan(): void {
    this.#overflow = true;
    this.#removed = [];
    this.#scopes.clear();
  }

  addScope(scope: ScanScope | null): void {
    if (!scope || this.#overflow) return;
    this.#scopes.add(scope);
    if (this.#scopes.size + this.#removed.length > MAX_PENDING) this.requestRescan();
  }

  add(records: readonly MutationRecord[]): void {
    for (const r of records) {
      if (this.#overflow) return;
      if (insideUnread(r.target)) {
        // Moved into something never read (a template, a style): what it held left the page, though still connected.
        if (r.type === 'childList' && !isOwnNode(r.target)) for (const n of r.addedNodes) if (n.nodeType === ELEMENT_NODE) this.addScope(n as Element);
        continue;
      }
      if (r.type === 'characterData') {
        this.addScope(blockScope(r.target.parentNode));
        continue;
      }
      if (r.type === 'attributes') {
        // A class or style change may show or hide the element, or may be a hover effect: the watcher
        // checks which before reading anything (restyled). hidden, aria-hidden and open always do.
        if (r.attributeName === 'class' || r.attributeName === 'style') this.#restyled.add(r.target as Element);
        // Shown or hidden: the element's own text may have appeared or gone.
        else this.addScope(isBlock(r.target) ? (r.target as Element) : blockScope(r.target));
        continue;
      }
      let touchesRun = false;
      const { removedNodes, addedNodes } = r;
      for (let i = 0; i < removedNodes.length; i++) {
        const n = removedNodes[i]!;
        this.#removed.push(n);
        if (isInline(n)) touchesRun = true;
      }
      for (let i = 0; i < addedNodes.length; i++) {
        const n = addedNodes[i]!;
        // Text first: the whitespace between rows a page appends is half of what arrives.
        if (n.nodeType === TEXT_NODE) {
          if (/\S/.test((n as Text).data)) touchesRun = true;
        } else if (isBlock(n)) this.addScope(n as Element);
        else if (isInline(n)) touchesRun = true;
      }
      // A block added or removed between two runs of text splits or joins them.
      if (!touchesRun && isInline(r.previousSibling) && isInline(r.nextSibling)) touchesRun = true;
      if (touchesRun) this.addScope(blockScope(r.target));
      if (this.#scopes.size + this.#removed.length > MAX_PENDING) this.requestRescan();
    }
  }

  /** Takes the pending work, with scopes inside other pending scopes left out. */
  drain(): Drained {
    const rescan = this.#overflow;
    const removed = this.#removed;
    const all = this.#scopes;
    const restyled = [...this.#restyled].filter((el) => el.isConnected);
    this.#overflow = false;
    this.#removed = [];
    this.#scopes = new Set();
    this.#restyled = new Set();
    if (rescan) return { rescan, removed: [], scopes: [], restyled: [] };
    // Rows added together share a parent: its chain is looked up once for all of them.
    let parent: Node | null = null;
    let parentInside = false;
    const scopes = [...all].filter((s) => {
      const p = composedParent(s);
      if (p !== parent) {
        parent = p;
        parentInside = false;
        for (let a = p; a; a = composedParent(a)) if (all.has(a as ScanScope)) parentInside = true;
      }
      return !parentInside;
    });
    return { rescan, removed, scopes, restyled };
  }
}
