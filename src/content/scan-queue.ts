// Work waiting to be read, cut into pieces small enough that the page never
// waits on us for long: a big container whose children are all blocks is
// split into its children (which reads exactly the same text), and the
// reader stops when its time slice is spent so the caller can yield.
import { isBlock, isRoot, isSkipped, isSkippedTag, type ScanScope } from './dom-scope';
import { OWN_HOST_ATTR } from './segments';

/** A scope with at least this many elements is split when it can be. */
const SPLIT_AT = 400;
/** Scopes are read together until about this many elements, so one chunk of text serves many rows. */
const BATCH_ELEMENTS = 3000;

// Children that carry no readable text and never join or split a run of text.
const NEUTRAL = new Set(['SCRIPT', 'STYLE', 'LINK', 'META', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'BASE']);

function countUpTo(scope: ScanScope, limit: number): number {
  // A row of leaf cells is counted from its children alone, without a walker.
  if (scope.childElementCount <= 32) {
    let n = scope.childElementCount;
    let leaves = true;
    for (let c = scope.firstElementChild; c && leaves; c = c.nextElementSibling) {
      if (c.childElementCount > 4 || c.shadowRoot) leaves = false;
      else n += c.childElementCount;
    }
    if (leaves) return n;
  }
  const doc = scope.ownerDocument ?? (scope as Document);
  const walker = doc.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT);
  let n = 0;
  while (n < limit && walker.nextNode()) n += 1;
  return n;
}

/** True when reading each child alone gives the same segments as reading the scope. */
function splittable(scope: ScanScope): boolean {
  if (!isRoot(scope) && (scope.shadowRoot || !isBlock(scope))) return false;
  for (let c = scope.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === Node.TEXT_NODE) {
      if (/\S/.test((c as Text).data)) return false;
    } else if (c.nodeType === Node.ELEMENT_NODE) {
      const el = c as Element;
      if (!isBlock(el) && !NEUTRAL.has(el.tagName) && !el.tagName.includes('-') && !el.hasAttribute(OWN_HOST_ATTR)) return false;
    }
  }
  return true;
}

export class ScanQueue {
  /** A stack: children go on in reverse so the page is read in document order. */
  private stack: ScanScope[] = [];
  /** Parallel to the stack: true for children of a scope already known not to be skipped. */
  private known: boolean[] = [];

  get empty(): boolean {
    return this.stack.length === 0;
  }

  push(scope: ScanScope, parentChecked = false): void {
    this.stack.push(scope);
    this.known.push(parentChecked);
  }

  clear(): void {
    this.stack = [];
    this.known = [];
  }

  /** Reads scopes in batches until the deadline (performance.now()) passes or the work runs out. */
  runUntil(deadline: number, read: (scopes: ScanScope[]) => void): void {
    while (this.stack.length > 0) {
      const batch: ScanScope[] = [];
      let size = 0;
      while (size < BATCH_ELEMENTS && this.stack.length > 0) {
        const scope = this.stack.pop()!;
        const parentChecked = this.known.pop()!;
        // Slices yield to the page in between: a scope queued earlier may have left it since.
        if (!scope.isConnected || (parentChecked ? isSkippedTag(scope as Element) : isSkipped(scope))) continue;
        const count = countUpTo(scope, SPLIT_AT);
        if (count >= SPLIT_AT && splittable(scope)) {
          const children = scope.children;
          for (let i = children.length - 1; i >= 0; i--) this.push(children[i]!, true);
          continue;
        }
        batch.push(scope);
        size += count + 1;
      }
      if (batch.length > 0) read(batch);
      if (performance.now() >= deadline) return;
    }
  }
}
