// Finds CPT 20560/20561 in text as a person reads it. Precision matters more
// than recall here: a badge that lights up on a ZIP code or a dollar amount
// teaches billers to ignore it.
import type { DnCode } from './rules-schema';

export interface CodeHit {
  code: DnCode;
  /** Offsets into the text given to findCodes. */
  start: number;
  end: number;
  modifiers: string[];
  units?: number;
}

// CPT/HCPCS modifiers a biller would put next to these codes. Kept to a list so a
// following word ("20560 GP" vs "20560 OR") is read as a modifier only when it is one.
const MODIFIERS = new Set([
  'GP', 'GO', 'GN', '59', '25', '76', '77', '52', '53', 'KX', 'GA', 'GX', 'GY', 'GZ',
  'XE', 'XP', 'XS', 'XU', 'CQ', 'CO', 'RT', 'LT', '51', '79', 'AT', 'JW',
]);

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP'.split(' '),
);

const CANDIDATE = /2056[01]/g;
const WORDISH = /[\p{L}\p{N}_]/u;

function isWordish(ch: string | undefined): boolean {
  return ch !== undefined && WORDISH.test(ch);
}

/** The thing before the code rules it out: part of a longer token, money, or a ZIP after a state. */
function rejectedByBefore(text: string, start: number): boolean {
  const prev = text[start - 1];
  if (isWordish(prev)) return true;
  if (prev === '$' || prev === '#' || prev === '.' || prev === ',' || prev === '/' || prev === '@') return true;
  if (prev === '-' || prev === '\u2013' || prev === '\u2014') {
    // "20560-20561" is a range (handled by the caller); "ID-20560" or "205-20560" is an identifier.
    return !/2056[01]\s*$/.test(text.slice(Math.max(0, start - 8), start - 1));
  }
  // "Washington, DC 20560": a state abbreviation right before a five-digit number is an address.
  const m = /(?:^|[^\p{L}])([A-Z]{2}),?\s{1,3}$/u.exec(text.slice(Math.max(0, start - 8), start));
  if (m && US_STATES.has(m[1]!)) {
    return true;
  }
  return false;
}

/** The thing after the code rules it out: a longer number, a decimal amount, ZIP+4, a date or phone. */
function rejectedByAfter(text: string, end: number): boolean {
  const next = text[end];
  if (isWordish(next)) return true;
  if (next === '.' || next === ',') return /^[.,]\d/.test(text.slice(end, end + 2));
  if (next === '-' || next === '/') {
    const rest = text.slice(end + 1, end + 6);
    if (/^\d{3,}/.test(rest)) return true; // ZIP+4, phone, or identifier
    if (/^\d{1,2}[-/]/.test(rest)) return true; // date-like
  }
  if (next === '%') return true;
  return false;
}

const TRAILER = /^(?:[\s:*>-]{0,3}([A-Z0-9]{2})(?![\p{L}\p{N}]))/u;
const UNITS = /^\s*(?:x|×|units?:?|un:?|UN)\s*(\d{1,2})(?!\d)/i;
const X12_UNITS = /^\*[\d.]*\*UN\*(\d{1,2})/;

function readTrailer(text: string, end: number): { modifiers: string[]; units?: number } {
  const modifiers: string[] = [];
  let pos = end;
  for (let i = 0; i < 4; i++) {
    const m = TRAILER.exec(text.slice(pos, pos + 8));
    if (!m || !MODIFIERS.has(m[1]!)) break;
    // "20561 59" reads as a modifier, "20560 25.00" does not (checked above via the lookahead).
    modifiers.push(m[1]!);
    pos += m[0].length;
  }
  const u = UNITS.exec(text.slice(pos, pos + 12)) ?? X12_UNITS.exec(text.slice(pos, pos + 24));
  return u ? { modifiers, units: Number(u[1]) } : { modifiers };
}

export function findCodes(text: string): CodeHit[] {
  const hits: CodeHit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const end = start + 5;
    if (rejectedByBefore(text, start) || rejectedByAfter(text, end)) continue;
    hits.push({ code: m[0] as DnCode, start, end, ...readTrailer(text, end) });
  }
  return hits;
}

/** Distinct codes, sorted: what the badge and the tab state report. */
export function distinctCodes(hits: readonly { code: DnCode }[]): DnCode[] {
  return [...new Set(hits.map((h) => h.code))].sort();
}
