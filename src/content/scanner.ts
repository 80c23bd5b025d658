// Reads scopes of the page into the block index: codes (with a Range each, for
// highlighting and "jump to"), diagnoses, and the payer names around them.
// Pure reading: nothing here changes the page. The text of a whole batch is
// joined once so a single pass of a cheap pattern finds the few blocks worth a
// closer look; the exact finders from core then run on those blocks alone.
import { findCodes } from '../core/codes';
import { serviceDate } from '../core/dates';
import { findDiagnoses } from '../core/diagnoses';
import { findPayerMentions, type PayerDirectoryEntry } from '../core/payer';
import type { BlockIndex } from './block-index';
import { blockScope, fieldText, isField, isSkipped, isSkippedTag, type ScanScope } from './dom-scope';
import type { LabelCache } from './labels';
import { collectSegments, createVisibilityCheck, piecesIn, rangeFor, rowTextOf, type Segment } from './segments';
import { ELEMENT_NODE, SHOW_ELEMENT_AND_TEXT, TEXT_NODE } from './node-types';

export interface ScanEnv {
  index: BlockIndex;
  labels: LabelCache;
  directory: readonly PayerDirectoryEntry[];
  onShadowRoot: (root: ShadowRoot) => void;
}

interface Item {
  text: string;
  block: Element;
  /** Absent for form fields: their value is read, never highlighted. */
  segment?: Segment;
}

// Anything that could start a code or a diagnosis; the exact finders decide.
const CANDIDATE = /2056[01]|[A-TV-Z]\d[\dA-Z]/g;
// The same over text nodes joined by "\n": a code may be split by inline markup ("<b>2056</b>1").
// Not right after a letter or digit: "CLM100007" or "A20560B" is an identifier, and the exact finders reject those anyway.
const SPLIT_CANDIDATE = /(?<![\p{L}\p{N}])(?:2\n?0\n?5\n?6\n?[01]|[A-TV-Z]\n?\d\n?[\dA-Z])/gu;
const SNIPPET_BEFORE = 40;
const SNIPPET_MAX = 240;
/** Payer names kept per frame: enough to name the payer, bounded on pages that repeat it on every row. */
const MAX_SNIPPETS = 1000;

function indexAt(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The smallest scope that reads a text node whole: its block, or the shadow root it sits at the top of. */
function ownerScope(node: Node): Element | ShadowRoot | null {
  const scope = blockScope(node.parentNode);
  return scope instanceof Document ? scope.documentElement : scope;
}

/** The element a payer name is filed under (a shadow root's text under its host). */
function ownerBlock(node: Node): Element | null {
  const scope = ownerScope(node);
  return scope instanceof ShadowRoot ? scope.host : scope;
}

/**
 * Text the exact reading never takes: inside a script, a style, our own host.
 * The scope it was swept from is known to be read, so only the elements in
 * between are looked at. Text at a shadow root's top is read.
 */
function unread(node: Text, scope: ScanScope): boolean {
  if (!node.parentNode) return true;
  for (let el = node.parentElement; el && el !== scope; el = el.parentElement) if (isSkippedTag(el)) return true;
  return false;
}

interface Sweep {
  /** Blocks holding a candidate (each with the scope it was swept from): these get the exact, slower reading. */
  candidates: Map<Element | ShadowRoot, ScanScope>;
  fields: Element[];
}

/**
 * The fast pass: a bare walk over the scopes' nodes (no per-node filter
 * callback), their text joined once and searched once for candidates and
 * payer names. Most of a page is read only here.
 */
function sweep(scopes: readonly ScanScope[], env: ScanEnv, gen: number): Sweep {
  const candidates = new Map<Element | ShadowRoot, ScanScope>();
  const fields: Element[] = [];
  const nodes: Text[] = [];
  const nodeScopes: ScanScope[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  for (const scope of scopes) {
    if (scope.nodeType === ELEMENT_NODE && isField(scope as Element)) {
      fields.push(scope as Element);
      continue;
    }
    // The walker never visits its root: a scope that hosts a shadow root reports it here.
    const own = scope.nodeType === ELEMENT_NODE ? (scope as Element).shadowRoot : null;
    if (own) env.onShadowRoot(own);
    const doc = scope.ownerDocument ?? (scope as Document);
    const walker = doc.createTreeWalker(scope, SHOW_ELEMENT_AND_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === TEXT_NODE) {
        const data = (n as Text).data;
        nodes.push(n as Text);
        nodeScopes.push(scope);
        starts.push(length);
        parts.push(data);
        length += data.length + 1;
      } else {
        const el = n as Element;
        if (el.shadowRoot && !isSkipped(el)) env.onShadowRoot(el.shadowRoot);
        if (isField(el)) fields.push(el);
      }
    }
  }
  if (nodes.length === 0) return { candidates, fields };
  const text = parts.join('\n');
  const take = (pos: number) => {
    const i = indexAt(starts, pos);
    const node = nodes[i]!;
    if (unread(node, nodeScopes[i]!)) return;
    const scope = ownerScope(node);
    if (scope) candidates.set(scope, nodeScopes[i]!);
  };
  SPLIT_CANDIDATE.lastIndex = 0;
  for (let m = SPLIT_CANDIDATE.exec(text); m; m = SPLIT_CANDIDATE.exec(text)) {
    take(m.index);
    if (m[0].includes('\n')) take(m.index + m[0].length - 1);
  }
  const { index } = env;
  if (index.snippetCount < MAX_SNIPPETS) {
    for (const mention of findPayerMentions(text, env.directory)) {
      const i = indexAt(starts, mention.index);
      const node = nodes[i]!;
      if (unread(node, nodeScopes[i]!)) continue;
      const block = ownerBlock(node);
      if (!block) continue;
      const end = Math.min(starts[i]! + node.data.length, mention.index + SNIPPET_MAX);
      index.addSnippet(index.entry(block, gen), text.slice(Math.max(0, mention.index - SNIPPET_BEFORE), end));
      if (index.snippetCount >= MAX_SNIPPETS) break;
    }
  }
  return { candidates, fields };
}

/** Inside another candidate of the same tree, which reads it already. Looks no higher than the swept scope. */
function insideAnother(candidate: Element | ShadowRoot, swept: ScanScope, candidates: ReadonlyMap<Element | ShadowRoot, ScanScope>): boolean {
  if (candidate === swept) return false;
  for (let p = candidate.parentNode; p; p = p.parentNode) {
    if (candidates.has(p as Element | ShadowRoot)) return true;
    if (p === swept) return false;
  }
  return false;
}

/** Reads the scopes (none inside another) into the index, replacing what it held for their blocks. */
export function scanScopes(scopes: readonly ScanScope[], env: ScanEnv): void {
  const gen = env.index.nextGen();
  const { candidates, fields } = sweep(scopes, env, gen);
  if (candidates.size === 0 && fields.length === 0) return;
  const items: Item[] = [];
  for (const [block, swept] of candidates) {
    if (insideAnother(block, swept, candidates)) continue;
    // No onShadowRoot: the sweep found the shadow roots already, and the exact reading need not even look.
    for (const segment of collectSegments(block)) items.push({ text: segment.text, block: segment.block, segment });
  }
  for (const el of fields) {
    const value = fieldText(el);
    if (value && /\S/.test(value)) items.push({ text: value, block: el });
  }
  const isVisible = createVisibilityCheck();
  for (const item of items) {
    CANDIDATE.lastIndex = 0;
    if (CANDIDATE.test(item.text)) readItem(item, env, gen, isVisible);
  }
}

function readItem(item: Item, env: ScanEnv, gen: number, isVisible: (el: Element) => boolean): void {
  const { index } = env;
  const { segment } = item;
  const shown = (start: number, end: number) =>
    segment ? piecesIn(segment, start, end).every((p) => !p.node.parentElement || isVisible(p.node.parentElement)) : isVisible(item.block);
  // The cell's label ("Claim Number", "Dx") decides some readings; it costs a look at the table, so only when needed.
  let label: string | undefined;
  let labelRead = false;
  const labelOf = () => {
    if (!labelRead) label = segment ? env.labels.label(item.block) : undefined;
    labelRead = true;
    return label;
  };
  const codes = findCodes(item.text);
  for (const hit of codes.length ? findCodes(item.text, { label: labelOf() }) : codes) {
    if (!shown(hit.start, hit.end)) continue;
    const entry = index.entry(item.block, gen);
    const range = segment ? rangeFor(segment, hit.start, hit.end) : null;
    if (range) index.addRange(entry, range);
    const dateOfService = hit.dateOfService ?? (segment ? serviceDate(rowTextOf(segment.block) ?? '') : undefined);
    index.addFinding(entry, {
      code: hit.code,
      ...(hit.modifiers.length ? { modifiers: hit.modifiers } : {}),
      ...(hit.units !== undefined ? { units: hit.units } : {}),
      ...(dateOfService ? { dateOfService } : {}),
    });
  }
  for (const dx of findDiagnoses(item.text, { label: labelOf() })) {
    if (shown(dx.start, dx.end)) index.addDiagnosis(index.entry(item.block, gen), dx.code);
  }
}
