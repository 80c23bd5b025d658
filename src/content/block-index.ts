// What the frame holds, kept per text block (a cell, a paragraph, a field) so
// a change re-reads only the blocks it touched. Only blocks with something in
// them (a code, a diagnosis, a payer name) get an entry: a 100,000-row page
// with three codes holds a handful of entries, not 100,000.
import type { CodeFinding } from '../core/engine';
import { composedParent, containsComposed, type ScanScope } from './dom-scope';
import { DOCUMENT_FRAGMENT_NODE, SHOW_ELEMENT } from './node-types';

export interface BlockEntry {
  /** The scan that wrote it: a later scan of the same block replaces it, one scan accumulates. */
  gen: number;
  findings: CodeFinding[];
  ranges: Range[];
  diagnoses: string[];
  /** Text around each payer name, with its label if one precedes it. */
  snippets: string[];
  /**
   * The findings as JSON without the brackets, made once for the reports (each change batch sends
   * all): an entry is written by one synchronous scan, and a later scan of its block makes a new one.
   */
  json?: string;
}

/** Shared by entries that hold nothing of a kind: a row with one diagnosis allocates one array, not four. */
const NONE: never[] = [];

export interface RangeListener {
  added(range: Range): void;
  removed(range: Range): void;
}

/** Text placed directly in a shadow root is kept under its host (segments.ts), so re-reading the root replaces the host's entry. */
function hostOf(scope: ScanScope): Element | null {
  return scope.nodeType === DOCUMENT_FRAGMENT_NODE ? ((scope as ShadowRoot).host ?? null) : null;
}

/** Above this many entries, dropping a subtree walks the subtree instead of the entries. */
const WALK_THRESHOLD = 2000;

export class BlockIndex {
  readonly #entries = new Map<Element, BlockEntry>();
  #gen = 0;
  payerVersion = 0;
  snippetCount = 0;

  readonly #ranges: RangeListener;

  constructor(ranges: RangeListener) {
    this.#ranges = ranges;
  }

  nextGen(): number {
    this.#gen += 1;
    return this.#gen;
  }

  /** The block's entry for this scan: a fresh one if an older scan wrote the current one. */
  entry(block: Element, gen: number): BlockEntry {
    const existing = this.#entries.get(block);
    if (existing?.gen === gen) return existing;
    if (existing) this.#delete(block, existing);
    const created: BlockEntry = { gen, findings: NONE, ranges: NONE, diagnoses: NONE, snippets: NONE };
    this.#entries.set(block, created);
    return created;
  }

  addRange(entry: BlockEntry, range: Range): void {
    if (entry.ranges === NONE) entry.ranges = [];
    entry.ranges.push(range);
    this.#ranges.added(range);
  }

  addFinding(entry: BlockEntry, finding: CodeFinding): void {
    if (entry.findings === NONE) entry.findings = [];
    entry.findings.push(finding);
  }

  addDiagnosis(entry: BlockEntry, code: string): void {
    if (entry.diagnoses === NONE) entry.diagnoses = [];
    entry.diagnoses.push(code);
  }

  addSnippet(entry: BlockEntry, snippet: string): void {
    if (entry.snippets === NONE) entry.snippets = [];
    entry.snippets.push(snippet);
    this.snippetCount += 1;
    this.payerVersion += 1;
  }

  #delete(block: Element, entry: BlockEntry): void {
    this.#entries.delete(block);
    for (const r of entry.ranges) this.#ranges.removed(r);
    if (entry.snippets.length) {
      this.snippetCount -= entry.snippets.length;
      this.payerVersion += 1;
    }
  }

  /** Forgets every block inside the scope (the scope included), before it is read again. */
  dropWithin(scope: ScanScope): void {
    if (this.#entries.size === 0) return;
    if (this.#entries.size <= WALK_THRESHOLD) {
      // contains() is one native call; only a block inside a shadow tree needs the walk across hosts.
      const within = (block: Element) => scope.contains(block) || (block.getRootNode() !== scope.getRootNode() && containsComposed(scope, block));
      for (const [block, entry] of this.#entries) if (within(block) || block === hostOf(scope)) this.#delete(block, entry);
      return;
    }
    const walk = (root: Node) => {
      const doc = root.ownerDocument ?? (root as Document);
      const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
      for (let n: Node | null = root; n; n = walker.nextNode()) {
        const el = n as Element;
        const entry = this.#entries.get(el);
        if (entry) this.#delete(el, entry);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(scope);
    const host = hostOf(scope);
    const hostEntry = host && this.#entries.get(host);
    if (hostEntry) this.#delete(host, hostEntry);
  }

  /**
   * dropWithin for many scopes at once (rows a page appended): one pass over
   * the entries, each looking up its own ancestors, instead of a pass per scope.
   * `below` is the scopes' common parent when they have one: no ancestor from
   * there up can be one of them, so the look-up stops there.
   */
  dropWithinAll(scopes: readonly ScanScope[], below: Node | null = null): void {
    if (this.#entries.size === 0 || scopes.length === 0) return;
    if (this.#entries.size > WALK_THRESHOLD) {
      for (const scope of scopes) this.dropWithin(scope);
      return;
    }
    const inside = new Set<Node>(scopes);
    // Text at the top of a shadow root is filed under its host: that entry goes, not the host's light children.
    const hosts = new Set(scopes.map(hostOf));
    for (const [block, entry] of this.#entries) {
      if (hosts.has(block)) {
        this.#delete(block, entry);
        continue;
      }
      for (let n: Node | null = block; n && n !== below; n = composedParent(n)) {
        if (!inside.has(n)) continue;
        this.#delete(block, entry);
        break;
      }
    }
  }

  /** Forgets blocks the page removed: one pass over the entries, or over the removed subtrees when entries are many. */
  dropRemoved(removed: Iterable<Node>): void {
    if (this.#entries.size <= WALK_THRESHOLD) {
      for (const [block, entry] of this.#entries) if (!block.isConnected) this.#delete(block, entry);
      return;
    }
    for (const node of removed) if (!node.isConnected) this.dropWithin(node as ScanScope);
  }

  clear(): void {
    for (const [block, entry] of this.#entries) this.#delete(block, entry);
  }

  values(): IterableIterator<BlockEntry> {
    return this.#entries.values();
  }

  allRanges(): Range[] {
    const out: Range[] = [];
    for (const e of this.#entries.values()) out.push(...e.ranges);
    return out;
  }
}
