// Reads scopes of the page into the block index: codes (with a Range each, for
// highlighting and "jump to"), diagnoses, and the payer names around them.
// Pure reading: nothing here changes the page. The text of a whole batch is
// joined once so a single pass of a cheap pattern finds the few blocks worth a
// closer look; the exact finders from core then run on those blocks alone.
import { findCodes } from '../core/codes';
import { firstDate } from '../core/dates';
import { findDiagnoses } from '../core/diagnoses';
import { findPayerMentions, type PayerDirectoryEntry } from '../core/payer';
import type { BlockIndex } from './block-index';
import { fieldText, isField, type ScanScope } from './dom-scope';
import { collectSegments, createVisibilityCheck, piecesIn, rangeFor, type Segment } from './segments';

export interface ScanEnv {
  index: BlockIndex;
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
const ROW_SELECTOR = 'tr, [role="row"], li, dd, p';
const SNIPPET_BEFORE = 40;
const SNIPPET_MAX = 240;
/** Payer names kept per frame: enough to name the payer, bounded on pages that repeat it on every row. */
const MAX_SNIPPETS = 1000;

function rowDate(segment: Segment, hitStart: number): string | undefined {
  // X12 and free text: the same line of the segment; tables: the same row.
  const lineStart = segment.text.lastIndexOf('~', hitStart) + 1;
  const lineEnd = segment.text.indexOf('~', hitStart);
  const line = segment.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const inLine = firstDate(line.length < 400 ? line : line.slice(0, 400));
  if (inLine) return inLine;
  const row = segment.block.closest(ROW_SELECTOR);
  const rowText = row?.textContent;
  return rowText && rowText.length < 2000 ? firstDate(rowText) : undefined;
}

function itemIndexAt(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function collectItems(scopes: readonly ScanScope[], env: ScanEnv): Item[] {
  const items: Item[] = [];
  const addField = (el: Element) => {
    const value = fieldText(el);
    if (value && /\S/.test(value)) items.push({ text: value, block: el });
  };
  for (const scope of scopes) {
    if (scope.nodeType === Node.ELEMENT_NODE && isField(scope as Element)) {
      addField(scope as Element);
      continue;
    }
    for (const segment of collectSegments(scope, { onShadowRoot: env.onShadowRoot })) items.push({ text: segment.text, block: segment.block, segment });
    for (const el of scope.querySelectorAll('input, textarea, select')) addField(el);
  }
  return items;
}

/** Reads the scopes (none inside another) into the index, replacing what it held for their blocks. */
export function scanScopes(scopes: readonly ScanScope[], env: ScanEnv): void {
  const items = collectItems(scopes, env);
  if (items.length === 0) return;
  const { index } = env;
  const gen = index.nextGen();
  const isVisible = createVisibilityCheck();

  const starts: number[] = new Array(items.length);
  let text = '';
  for (let i = 0; i < items.length; i++) {
    starts[i] = text.length;
    text += `${items[i]!.text}\n`;
  }

  let last = -1;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const i = itemIndexAt(starts, m.index);
    if (i === last) continue;
    last = i;
    readItem(items[i]!, env, gen, isVisible);
    // Skip to the next item: this one has been read whole.
    CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, starts[i]! + items[i]!.text.length + 1);
  }

  if (index.snippetCount >= MAX_SNIPPETS) return;
  for (const mention of findPayerMentions(text, env.directory)) {
    const i = itemIndexAt(starts, mention.index);
    const end = Math.min(starts[i]! + items[i]!.text.length, mention.index + SNIPPET_MAX);
    index.addSnippet(index.entry(items[i]!.block, gen), text.slice(Math.max(0, mention.index - SNIPPET_BEFORE), end));
    if (index.snippetCount >= MAX_SNIPPETS) return;
  }
}

function readItem(item: Item, env: ScanEnv, gen: number, isVisible: (el: Element) => boolean): void {
  const { index } = env;
  const { segment } = item;
  const shown = (start: number, end: number) =>
    segment ? piecesIn(segment, start, end).every((p) => !p.node.parentElement || isVisible(p.node.parentElement)) : isVisible(item.block);
  for (const hit of findCodes(item.text)) {
    if (!shown(hit.start, hit.end)) continue;
    const entry = index.entry(item.block, gen);
    const range = segment ? rangeFor(segment, hit.start, hit.end) : null;
    if (range) index.addRange(entry, range);
    const dateOfService = segment ? rowDate(segment, hit.start) : undefined;
    entry.findings.push({
      code: hit.code,
      ...(hit.modifiers.length ? { modifiers: hit.modifiers } : {}),
      ...(hit.units !== undefined ? { units: hit.units } : {}),
      ...(dateOfService ? { dateOfService } : {}),
    });
  }
  for (const dx of findDiagnoses(item.text)) {
    if (shown(dx.start, dx.end)) index.entry(item.block, gen).diagnoses.push(dx.code);
  }
}
