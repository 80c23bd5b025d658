// Finds CPT 20560/20561 in text as a person reads it. Precision matters more
// than recall here: a badge that lights up on a ZIP code or a dollar amount
// teaches billers to ignore it. The scan is one literal regex over the text;
// every rule below runs only for the rare candidate it finds, so the finder
// stays fast enough for every mutation batch.
import { serviceDateAt } from './dates';
import type { DnCode } from './rules-schema';
import { wordSet } from './word-set';

export interface CodeHit {
  code: DnCode;
  /** Offsets into the text given to findCodes. */
  start: number;
  end: number;
  modifiers: string[];
  units?: number;
  /** ISO date of service when the same line (or X12 service loop) shows one. */
  dateOfService?: string;
}

// CPT/HCPCS modifiers a biller would put next to these codes. Kept to a list so a
// following word ("20560 GP" vs "20560 OR") is read as a modifier only when it is one.
const MODIFIERS = wordSet('GP GO GN GA GX GY GZ GC GE GW KX CQ CO AT JW JZ XE XP XS XU RT LT FQ FR KS Q5 Q6 SC TC HM HN HO U1 U2 22 25 50 51 52 53 59 76 77 78 79 91 93 95 96 97 99');

const US_STATES = wordSet('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP');
const STATE_NAMES = new Set([
  ...'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming columbia'.split(' '),
  ...'new hampshire,new jersey,new mexico,new york,north carolina,north dakota,rhode island,south carolina,south dakota,west virginia,puerto rico'.split(','),
]);

// Words that, right before a number, say it is something else: an id, an amount, an address part.
const NOT_A_CODE_WORDS = new Set(
  ('claim clm pcn check chk eft trace ref reference auth authorization account acct member subscriber patient invoice icn dcn tcn ' +
    'npi tin ein id zip postal page batch control group grp policy phone fax tel ext suite ste apt box room amount amt charge charges ' +
    'paid balance total allowed payment deductible copay coinsurance case ticket order transaction confirmation tracking provider payee payer').split(' '),
);
/** "Claim number", "Zip code", "Check #": a label word then one of these. */
const LABEL_SUFFIXES = wordSet('no number num # id code');
const CODE_WORDS = wordSet('cpt hcpcs code proc procedure svc service');

const CANDIDATE = /2056[01]/g;
const WORDISH = /[\p{L}\p{N}_]/u;
const LETTER = /[A-Za-z]/;
const DASHES = '-\u2010\u2011\u2012\u2013\u2014';
/** A procedure code right before a list or range separator: "97140/20560", "20560–20561". */
const CODE_TOKEN_BEFORE = /(?<![\p{L}\p{N}])(?:\d{5}|[A-Z]\d{4})(?:[-:][A-Z0-9]{2})*\s*$/u;
const DN_CODE_BEFORE = /(?<![\p{L}\p{N}])2056[01]\s*$/u;
/** A house number: "20560 Main St", "20561 N. Lake Shore Drive". */
const STREET_AFTER =
  /^ (?:[NSEW]\.? )?(?:[A-Z][a-z]+ ){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Ter|Terrace|Sq|Square|Trl|Trail)\b/;
/** Between a state and its ZIP code: "DC 20560", "Texas, 20561". */
const ZIP_GAP = /^,?\s{1,3}$/;
const CODE_PHRASE = /\b(?<!(?:zip|postal|area|country|promo|reason|adjustment|remark|group|access|security)\s?)(?:codes?|cpt|hcpcs|procedures?)\b[^\d\n]*$/i;
/** Column headers that name something other than a procedure, besides the label words above. */
const HEADER_WORDS = wordSet('# billed price fee cost date dob qty quantity unit units number no');

function isWordish(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORDISH.test(ch);
}

/** The same line before `start`, at most `max` characters: labels only speak for their own line. */
function lineBefore(text: string, start: number, max: number): string {
  const from = Math.max(0, start - max);
  const slice = text.slice(from, start);
  const cut = Math.max(slice.lastIndexOf('\n'), slice.lastIndexOf('~'));
  return cut === -1 ? slice : slice.slice(cut + 1);
}

interface WordsBefore {
  /** Up to three words on the same line, nearest first, as written; "#" counts as a word. */
  words: string[];
  /** What lies between the nearest word and the number. */
  gap: string;
}

// Read backwards by hand: an end-anchored regex would be tried at every position
// of the text before, and this runs for every candidate on the page.
function wordsBefore(text: string, start: number): WordsBefore {
  const words: string[] = [];
  const floor = Math.max(0, start - 40);
  let i = start;
  let gapEnd = -1;
  while (i > floor && words.length < 3) {
    const ch = text[i - 1]!;
    if (ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === ':' || ch === '.' || ch === ',') {
      i--;
      continue;
    }
    if (gapEnd === -1) gapEnd = i;
    if (ch === '#') {
      words.push('#');
      i--;
      continue;
    }
    if (!LETTER.test(ch)) break;
    let j = i - 1;
    while (j > floor && LETTER.test(text[j - 1]!)) j--;
    words.push(text.slice(j, i));
    i = j;
  }
  return { words, gap: gapEnd === -1 ? '' : text.slice(gapEnd, start) };
}

function isZip(text: string, start: number, { words, gap }: WordsBefore): boolean {
  const [w0, w1] = words;
  if (w0 === undefined) return false;
  // "D.C." reads as the words C, D.
  if (w0 === 'C' && w1 === 'D' && /D\.C\.,?\s{1,3}$/.test(text.slice(Math.max(0, start - 10), start))) return true;
  if (!ZIP_GAP.test(gap)) return false;
  // "Washington, DC 20560": a state abbreviation after a city.
  if (w1 !== undefined && US_STATES.has(w0)) return true;
  return STATE_NAMES.has(w0.toLowerCase()) || (w1 !== undefined && STATE_NAMES.has(`${w1} ${w0}`.toLowerCase()));
}

function labelledNotACode(text: string, start: number, { words }: WordsBefore): boolean {
  const w0 = words[0]?.toLowerCase();
  const w1 = words[1]?.toLowerCase();
  if (w0 === undefined) return false;
  const labelled = NOT_A_CODE_WORDS.has(w0) || (LABEL_SUFFIXES.has(w0) && w1 !== undefined && NOT_A_CODE_WORDS.has(w1));
  // "Codes not requiring prior authorization: 20560" is a list of codes whatever its last word.
  return labelled && !CODE_PHRASE.test(lineBefore(text, start, 60));
}

/** A table header or field label that names something other than a procedure ("Claim Number", "Billed"). */
function labelSaysNotACode(label: string): boolean {
  if (CODE_PHRASE.test(label)) return false;
  return label
    .toLowerCase()
    .split(/([#])|[^a-z]+/)
    .some((word) => word !== undefined && (NOT_A_CODE_WORDS.has(word) || HEADER_WORDS.has(word)));
}

/** The thing before the code rules it out: part of a longer token, money, an id label, or a ZIP after a state. */
function rejectedByBefore(text: string, start: number, label: string | undefined): boolean {
  // At the very start of a cell, the cell's header or label speaks for it.
  if (label !== undefined && /^\s*$/.test(text.slice(0, start)) && labelSaysNotACode(label)) return true;
  const prev = text[start - 1];
  if (prev === undefined) return false;
  if (isWordish(prev)) return true;
  switch (prev) {
    case '$': case '€': case '£': case '.': case '@': case '*': case '+': case '=': case '\\': case '%': case '^':
      // "*" is an X12 element ("CLM*20560*", "REF*F8*20560"); procedure codes there come after "HC:".
      return true;
    case '#': {
      const w1 = wordsBefore(text, start).words[1];
      return w1 === undefined || !CODE_WORDS.has(w1.toLowerCase());
    }
    case ':':
      return /\d/.test(text[start - 2] ?? ''); // "10:20560" is a time or a ratio; "HC:20560" and "CPT:20560" are codes
    case ',': case '/':
      // "97140,20560" or "97140/20560" lists; "1,20560" or "/20560" in a path are not codes.
      return !CODE_TOKEN_BEFORE.test(lineBefore(text, start - 1, 24));
  }
  if (DASHES.includes(prev)) return !DN_CODE_BEFORE.test(lineBefore(text, start - 1, 12)); // only "20560–20561" ranges
  const before = wordsBefore(text, start);
  if (before.words.length === 0) return /[$€£]\s*$/.test(lineBefore(text, start, 4));
  if (before.words[0] === 'USD') return true;
  return isZip(text, start, before) || labelledNotACode(text, start, before);
}

/** The thing after the code rules it out: a longer number, a decimal amount, ZIP+4, a date or phone. */
function rejectedByAfter(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return false;
  if (isWordish(next)) return true;
  const rest = text.slice(end + 1, end + 8);
  switch (next) {
    case '.':
      return /^\d/.test(rest);
    case ',':
      // "20560,00" and "20560,000" are amounts; "20560,97140" is a list.
      return /^\d{1,3}(?!\d)/.test(rest) || (/^\d/.test(rest) && !/^(?:\d{5}|[A-Z]\d{4})(?![\p{L}\p{N}])/u.test(rest));
    case '/':
      return /^\d/.test(rest) && !/^(?:\d{5}|[A-Z]\d{4})(?![\p{L}\p{N}])/u.test(rest);
    case ':':
      return /^\d/.test(rest); // a time or a ratio
    case '%':
      return true;
  }
  // "20560-20561" is a range and "20560-GP" a modifier; "20560-1234" and "20561-A" are identifiers.
  if (DASHES.includes(next)) return (/^\d/.test(rest) && !/^2056[01](?!\d)/.test(rest)) || /^[A-Z0-9](?![\p{L}\p{N}])/u.test(rest);
  const ahead = text.slice(end, end + 40);
  return /^\s*(?:USD|dollars)\b/i.test(ahead) || STREET_AFTER.test(ahead);
}

// Horizontal space only: a modifier or a unit count on the next line belongs to something else.
const MODIFIER_NEXT = /^(?:[^\S\n]{0,2}[-:>\u2013][^\S\n]{0,2}|[^\S\n]{1,2}|[^\S\n]?\([^\S\n]?|[^\S\n]?,[^\S\n]?(?=[A-Z]{2}\b))([A-Z0-9]{2})(?![\p{L}\p{N}]|[.,]\d)\)?/u;
const MODIFIER_LABEL = /^[^\S\n]{1,2}mod(?:ifiers?|s)?\.?:?(?=[^\S\n])/i;
const UNITS = /^[^\S\n]*,?[^\S\n]*(?:[x×][^\S\n]*(\d{1,3})|\(?[^\S\n]*(\d{1,3})[^\S\n]*(?:units?|UN)\b\)?|units?[^\S\n]*[:=]?[^\S\n]*(\d{1,3}))(?!\d|[.,]\d)/i;
const SV1_UNITS = /^\*[\d.]*\*UN\*(\d{1,3})(?:\.0+)?(?=[*~\s]|$)/;
const SVC_UNITS = /^\*[\d.-]*\*[\d.-]*\*[^*~]*\*(\d{1,3})(?:\.0+)?(?=[*~\s:]|$)/;

function readTrailer(text: string, start: number, end: number): { modifiers: string[]; units?: number } {
  const modifiers: string[] = [];
  // "Proc 20561 Mod GP": a modifier label between the code and its modifiers.
  let pos = end + (MODIFIER_LABEL.exec(text.slice(end, end + 14))?.[0].length ?? 0);
  for (let i = 0; i < 4; i++) {
    const m = MODIFIER_NEXT.exec(text.slice(pos, pos + 10));
    if (!m || !MODIFIERS.has(m[1]!)) break;
    // "CO-45" after a code is a claim adjustment reason, not the CO modifier.
    if (m[1] === 'CO' && /^-\d/.test(text.slice(pos + m[0].length, pos + m[0].length + 2))) break;
    // "20561 59" reads as a modifier; "20560 25.00" does not (the lookahead refuses a decimal).
    modifiers.push(m[1]!);
    pos += m[0].length;
  }
  const after = text.slice(pos, pos + 32);
  const x12 = text.slice(Math.max(0, start - 7), start);
  let units: RegExpExecArray | null;
  if (/SV[12]\*HC[:>]$/.test(x12)) units = SV1_UNITS.exec(after);
  else if (/SVC\*HC[:>]$/.test(x12)) units = SVC_UNITS.exec(after);
  else units = UNITS.exec(after);
  if (!units) return { modifiers };
  const value = Number(units[1] ?? units[2] ?? units[3]);
  return value > 0 ? { modifiers, units: value } : { modifiers };
}

export interface FindOptions {
  /** The header or label of the cell the text is in ("Procedure", "Claim Number"): see labelFor in segments. */
  label?: string;
}

export function findCodes(text: string, options: FindOptions = {}): CodeHit[] {
  const hits: CodeHit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const end = start + 5;
    // The cheap look ahead first: most candidates are parts of longer numbers, amounts or ZIP+4.
    if (rejectedByAfter(text, end) || rejectedByBefore(text, start, options.label)) continue;
    const dateOfService = serviceDateAt(text, start) ?? undefined;
    hits.push({ code: m[0] as DnCode, start, end, ...readTrailer(text, start, end), ...(dateOfService ? { dateOfService } : {}) });
  }
  return hits;
}

/** Distinct codes, sorted: what the badge and the tab state report. */
export function distinctCodes(hits: readonly { code: DnCode }[]): DnCode[] {
  return [...new Set(hits.map((h) => h.code))].sort();
}
