// Finds CPT 20560/20561 in text as a person reads it. Precision matters more
// than recall here: a badge that lights up on a ZIP code or a dollar amount
// teaches billers to ignore it. The scan is one literal regex over the text;
// every rule below runs only for the rare candidate it finds, so the finder
// stays fast enough for every mutation batch.
import { serviceDateAt } from './dates';
import type { DnCode } from './rules-schema';

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
const MODIFIERS = new Set([
  'GP', 'GO', 'GN', 'GA', 'GX', 'GY', 'GZ', 'GC', 'GE', 'GW', 'KX', 'CQ', 'CO', 'AT', 'JW', 'JZ',
  'XE', 'XP', 'XS', 'XU', 'RT', 'LT', 'FQ', 'FR', 'KS', 'Q5', 'Q6', 'SC', 'TC', 'HM', 'HN', 'HO', 'U1', 'U2',
  '22', '25', '50', '51', '52', '53', '59', '76', '77', '78', '79', '91', '93', '95', '96', '97', '99',
]);

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP'.split(' '),
);
const STATE_NAMES =
  'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|district of columbia|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming|puerto rico';

const CANDIDATE = /2056[01]/g;
const WORDISH = /[\p{L}\p{N}_]/u;
const DASHES = '-\u2010\u2011\u2012\u2013\u2014';
/** A procedure code right before a list or range separator: "97140/20560", "20560–20561". */
const CODE_TOKEN_BEFORE = /(?<![\p{L}\p{N}])(?:\d{5}|[A-Z]\d{4})(?:[-:][A-Z0-9]{2})*\s*$/u;
const DN_CODE_BEFORE = /(?<![\p{L}\p{N}])2056[01]\s*$/u;
// A ZIP code prints after a city and a state: "Washington, DC 20560", "Austin, Texas 20561".
const STATE_ABBR_BEFORE = /[\p{L}.],?\s+([A-Z]{2}|D\.C\.),?\s{1,3}$/u;
const STATE_NAME_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${STATE_NAMES}),?\\s{1,3}$`, 'iu');
const MONEY_BEFORE = /(?:[$€£]|\bUSD)\s*$/;
// Numbers that a label says are something else: an id, an amount, an address part.
const NOT_A_CODE_LABEL =
  /(?:^|[^\p{L}])(?:claim|clm|pcn|check|chk|eft|trace|ref(?:erence)?|auth(?:orization)?|account|acct|member|subscriber|patient|invoice|icn|dcn|tcn|npi|tin|ein|tax\s*id|zip(?:\s*code)?|postal(?:\s*code)?|page|batch|control|group|grp|policy|id|phone|fax|tel|ext|suite|ste|apt|box|room|amount|amt|charges?|paid|balance|total|allowed|payment|deductible|copay|coinsurance|case|ticket|order|transaction|confirmation|tracking|provider|payee|payer)\s*(?:no\.?|number|num|#|id)?\s*[:#.]?\s*$/iu;
const CODE_PHRASE = /\b(?<!(?:zip|postal|area|country|promo|reason|adjustment|remark|group|access|security)\s?)(?:codes?|cpt|hcpcs|procedures?)\b[^\d\n]*$/i;
const HEADER_NOT_A_CODE =
  /\b(?:claim|pcn|check|eft|trace|ref|auth\w*|account|acct|member|subscriber|invoice|icn|dcn|tcn|npi|tin|zip|postal|phone|fax|billed|allowed|paid|amount|amt|charges?|price|fee|cost|balance|total|payment|deductible|copay|coinsurance|case|ticket|order|confirmation|tracking|batch|control|group|policy|id|number|date|dob|qty|quantity|units?)\b|#/i;
const CODE_LABEL = /(?:cpt|hcpcs|code|proc(?:edure)?|svc|service)\s*#\s*$/i;

function isWordish(ch: string | undefined): boolean {
  return ch !== undefined && WORDISH.test(ch);
}

/** The same line before `start`, at most `max` characters: labels only speak for their own line. */
function lineBefore(text: string, start: number, max: number): string {
  const from = Math.max(0, start - max);
  const slice = text.slice(from, start);
  const cut = Math.max(slice.lastIndexOf('\n'), slice.lastIndexOf('~'));
  return cut === -1 ? slice : slice.slice(cut + 1);
}

/** A table header or field label that names something other than a procedure ("Claim Number", "Billed"). */
function labelSaysNotACode(label: string): boolean {
  return !CODE_PHRASE.test(label) && (NOT_A_CODE_LABEL.test(`${label}:`) || HEADER_NOT_A_CODE.test(label));
}

/** The thing before the code rules it out: part of a longer token, money, an id label, or a ZIP after a state. */
function rejectedByBefore(text: string, start: number, label: string | undefined): boolean {
  const prev = text[start - 1];
  if (isWordish(prev)) return true;
  const before = lineBefore(text, start, 48);
  // At the very start of a cell, the cell's header or label speaks for it.
  if (label !== undefined && /^\s*$/.test(text.slice(0, start)) && labelSaysNotACode(label)) return true;
  const head = before.slice(0, -1);
  switch (prev) {
    case undefined:
      return false;
    case '$': case '€': case '£': case '.': case '@': case '*': case '+': case '=': case '\\': case '%': case '^':
      // "*" is an X12 element ("CLM*20560*", "REF*F8*20560"); procedure codes there come after "HC:".
      return true;
    case '#':
      return !CODE_LABEL.test(before);
    case ':':
      return /\d$/.test(head); // "10:20560" is a time or a ratio; "HC:20560" and "CPT:20560" are codes
    case ',': case '/':
      // "97140,20560" or "97140/20560" lists; "1,20560" or "/20560" in a path are not codes.
      return !CODE_TOKEN_BEFORE.test(head);
  }
  if (DASHES.includes(prev)) return !DN_CODE_BEFORE.test(head); // only "20560–20561" ranges
  if (MONEY_BEFORE.test(before)) return true;
  const state = STATE_ABBR_BEFORE.exec(before)?.[1];
  if (state && (state === 'D.C.' || US_STATES.has(state))) return true;
  if (STATE_NAME_BEFORE.test(before)) return true;
  // "Codes not requiring prior authorization: 20560" is a list of codes whatever its last word.
  return NOT_A_CODE_LABEL.test(before) && !CODE_PHRASE.test(before);
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
  return /^\s*(?:USD|dollars)\b/i.test(text.slice(end, end + 10));
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
    if (rejectedByBefore(text, start, options.label) || rejectedByAfter(text, end)) continue;
    const dateOfService = serviceDateAt(text, start) ?? undefined;
    hits.push({ code: m[0] as DnCode, start, end, ...readTrailer(text, start, end), ...(dateOfService ? { dateOfService } : {}) });
  }
  return hits;
}

/** Distinct codes, sorted: what the badge and the tab state report. */
export function distinctCodes(hits: readonly { code: DnCode }[]): DnCode[] {
  return [...new Set(hits.map((h) => h.code))].sort();
}
