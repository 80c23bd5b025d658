// Folds mutation records into what must be read again: the smallest set of
// subtrees whose text changed, plus the nodes that left the page. Rows added
// to a long table become those rows, not the table; a change inside a cell
// becomes that cell. Past a bound the set gives up and asks for one rescan.
// Rows a page appends to a table section are kept as one span per insertion,
// not node by node: a claim list that grows a page at a time costs the same
// few calls however many rows arrive.
import { blockScope, composedParent, isBlankText, isBlock, isOwnNode, TABLE_SECTIONS, type ScanScope } from './dom-scope';
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

/** Changes inside things never read (a style sheet's text, the title, our own host: all in NEUTRAL_SELECTOR) need no reading. */
function insideUnread(node: Node): boolean {
  const el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el?.closest(NEUTRAL_SELECTOR);
}

/** Rows one insertion added to a table section, `first` to `last` in order, with nothing else added or removed since. */
export interface AddedRows {
  list: Element;
  first: Element;
  last: Element;
  /** How many nodes the insertion added (rows and the text between them): a bound on the rows. */
  nodes: number;
}

/** What one insertion into a table section added, as the record gave it. */
interface Insertion {
  list: Element;
  added: NodeList;
}

export interface Drained {
  /** Too much changed at once: read the whole page again. */
  rescan: boolean;
  removed: Node[];
  scopes: ScanScope[];
  added: AddedRows[];
  /** Elements whose class or style changed: read again only if that changed whether they show. */
  restyled: Element[];
}

/** The first element of a node list from `from` on, stepping by `step` (the list's rows start and end with whitespace). */
function firstElement(nodes: NodeList, from: number, step: 1 | -1): Element | null {
  for (let i = from; i >= 0 && i < nodes.length; i += step) if (nodes[i]!.nodeType === ELEMENT_NODE) return nodes[i] as Element;
  return null;
}

export class ChangeSet {
  #removed: Node[] = [];
  #scopes = new Set<ScanScope>();
  #restyled = new Set<Element>();
  #inserted: Insertion[] = [];
  #overflow = false;

  get pending(): boolean {
    return this.#overflow || this.#removed.length > 0 || this.#scopes.size > 0 || this.#restyled.size > 0 || this.#inserted.length > 0;
  }

  /** Asks for one rescan of everything (a new screen, a huge batch). */
  requestRescan(): void {
    this.#overflow = true;
    this.#removed = [];
    this.#scopes.clear();
    this.#inserted = [];
  }

  /** Past MAX_PENDING changes, one rescan instead. */
  #bound(): void {
    if (this.#scopes.size + this.#removed.length + this.#inserted.length > MAX_PENDING) this.requestRescan();
  }

  #addScope(scope: ScanScope | null): void {
    if (!scope || this.#overflow) return;
    this.#scopes.add(scope);
    this.#bound();
  }

  add(records: readonly MutationRecord[]): void {
    for (const r of records) {
      if (this.#overflow) return;
      if (insideUnread(r.target)) {
        // Moved into something never read (a template, a style): what it held left the page, though still connected.
        if (r.type === 'childList' && !isOwnNode(r.target)) for (const n of r.addedNodes) if (n.nodeType === ELEMENT_NODE) this.#addScope(n as Element);
        continue;
      }
      if (r.type === 'characterData') {
        this.#addScope(blockScope(r.target.parentNode));
        continue;
      }
      if (r.type === 'attributes') {
        // A class or style change may show or hide the element, or may be a hover effect: the watcher
        // checks which before reading anything (restyled). hidden, aria-hidden and open always do.
        if (r.attributeName === 'class' || r.attributeName === 'style') this.#restyled.add(r.target as Element);
        // Shown or hidden: the element's own text may have appeared or gone.
        else this.#addScope(isBlock(r.target) ? (r.target as Element) : blockScope(r.target));
        continue;
      }
      const { removedNodes, addedNodes } = r;
      // Rows inserted into a table section: kept whole, their nodes not even looked at (see drain).
      if (removedNodes.length === 0 && TABLE_SECTIONS.has((r.target as Element).tagName)) {
        this.#inserted.push({ list: r.target as Element, added: addedNodes });
        this.#bound();
        continue;
      }
      let touchesRun = false;
      for (let i = 0; i < removedNodes.length; i++) {
        const n = removedNodes[i]!;
        this.#removed.push(n);
        if (isInline(n)) touchesRun = true;
      }
      if (this.#addNodes(addedNodes)) touchesRun = true;
      // A block added or removed between two runs of text splits or joins them.
      if (!touchesRun && isInline(r.previousSibling) && isInline(r.nextSibling)) touchesRun = true;
      if (touchesRun) this.#addScope(blockScope(r.target));
      this.#bound();
    }
  }

  /** Added blocks become scopes. True if text or an inline element came too, which changes the run of text around it. */
  #addNodes(added: NodeList): boolean {
    let touchesRun = false;
    for (let i = 0; i < added.length; i++) {
      const n = added[i]!;
      // Text first: the whitespace between rows a page appends is half of what arrives.
      if (n.nodeType === TEXT_NODE) {
        if (/\S/.test((n as Text).data)) touchesRun = true;
      } else if (isBlock(n)) this.#addScope(n as Element);
      else if (isInline(n)) touchesRun = true;
    }
    return touchesRun;
  }

  /**
   * Insertions into table sections, as spans of rows. Nodes leave a list only
   * with a removal record, and every record made before this task has been
   * delivered: with none among the pending changes, each insertion's nodes are
   * still where they were put, in order. (New rows also hold nothing read
   * before, so nothing needs forgetting in them.) Otherwise, node by node.
   */
  #takeInsertions(): AddedRows[] {
    const inserted = this.#inserted;
    this.#inserted = [];
    if (this.#removed.length > 0) {
      for (const { list, added } of inserted) if (this.#addNodes(added)) this.#addScope(list);
      return [];
    }
    const spans: AddedRows[] = [];
    for (const { list, added } of inserted) {
      const first = firstElement(added, 0, 1);
      const last = firstElement(added, added.length - 1, -1);
      // Only text was added (the whitespace a template leaves): nothing to read.
      if (!first || !last) continue;
      // A page appending row by row makes one insertion a row: those that follow on join one span.
      const prev = spans[spans.length - 1];
      if (prev?.list === list && prev.last.nextElementSibling === first) {
        prev.last = last;
        prev.nodes += added.length;
      } else spans.push({ list, first, last, nodes: added.length });
    }
    return spans;
  }

  /** Takes the pending work, with scopes inside other pending scopes left out. */
  drain(): Drained {
    const inserted = this.#takeInsertions();
    const rescan = this.#overflow;
    const removed = this.#removed;
    const all = this.#scopes;
    const restyled = [...this.#restyled].filter((el) => el.isConnected);
    this.#overflow = false;
    this.#removed = [];
    this.#scopes = new Set();
    this.#restyled = new Set();
    if (rescan) return { rescan, removed: [], scopes: [], added: [], restyled: [] };
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
    // Rows inside a scope being read anyway are read with it.
    const added = inserted.filter(({ list }) => {
      for (let a: Node | null = list; a; a = composedParent(a)) if (all.has(a as ScanScope)) return false;
      return true;
    });
    return { rescan, removed, scopes, added, restyled };
  }
}
