// Scans a document (and the open shadow roots inside it) for dry needling
// codes, diagnoses and payer words. Pure reading: nothing here changes the page.
import { findCodes } from '../core/codes';
import { firstDate } from '../core/dates';
import { findDiagnoses } from '../core/diagnoses';
import type { CodeFinding } from '../core/engine';
import { collectSegments, createVisibilityCheck, piecesIn, rangeFor, type Segment } from './segments';

export interface ScanResult {
  findings: CodeFinding[];
  /** One range per code occurrence, for highlighting and "jump to". */
  ranges: Range[];
  diagnoses: string[];
  /** Visible text, capped, for payer identification. */
  text: string;
  shadowRoots: ShadowRoot[];
}

const ROW_SELECTOR = 'tr, [role="row"], li, dd, p';
const MAX_PAYER_TEXT = 200_000;

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

function fieldText(el: Element): string | null {
  if (el instanceof HTMLInputElement) {
    if (el.type === 'hidden' || el.type === 'password') return null;
    return el.value;
  }
  if (el instanceof HTMLTextAreaElement) return el.value;
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.text ?? null;
  return null;
}

export function scanRoot(root: Document | ShadowRoot | Element): ScanResult {
  const shadowRoots: ShadowRoot[] = [];
  const segments = collectSegments(root, { onShadowRoot: (r) => shadowRoots.push(r) });
  const isVisible = createVisibilityCheck();
  const findings: CodeFinding[] = [];
  const ranges: Range[] = [];
  const diagnoses = new Set<string>();
  let text = '';

  for (const segment of segments) {
    if (text.length < MAX_PAYER_TEXT) text += `${segment.text}\n`;
    const visible = (start: number, end: number) =>
      piecesIn(segment, start, end).every((p) => !p.node.parentElement || isVisible(p.node.parentElement));
    for (const hit of findCodes(segment.text)) {
      if (!visible(hit.start, hit.end)) continue;
      const range = rangeFor(segment, hit.start, hit.end);
      if (range) ranges.push(range);
      const dateOfService = rowDate(segment, hit.start);
      findings.push({
        code: hit.code,
        ...(hit.modifiers.length ? { modifiers: hit.modifiers } : {}),
        ...(hit.units !== undefined ? { units: hit.units } : {}),
        ...(dateOfService ? { dateOfService } : {}),
      });
    }
    for (const dx of findDiagnoses(segment.text)) {
      if (visible(dx.start, dx.end)) diagnoses.add(dx.code);
    }
  }

  // Form fields: what a biller types counts, but is never highlighted inside the field.
  for (const el of root.querySelectorAll('input, textarea, select')) {
    const value = fieldText(el);
    if (!value) continue;
    for (const hit of findCodes(value)) findings.push({ code: hit.code, ...(hit.modifiers.length ? { modifiers: hit.modifiers } : {}) });
    for (const dx of findDiagnoses(value)) diagnoses.add(dx.code);
    if (text.length < MAX_PAYER_TEXT) text += `${value}\n`;
  }

  return { findings, ranges, diagnoses: [...diagnoses], text, shadowRoots };
}
