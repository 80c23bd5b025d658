// Dates of service as portals print them: 01/15/2025, 1/5/25, 01-15-2025,
// 2025-01-15, Jan 15, 2025, 15-Jan-2025, and the X12 forms D8*20250115 and
// RD8*20250115-20250117. Returned as ISO dates so rows can be compared.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD = '(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\\.?';

function monthNumber(word: string): string {
  return String(MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1);
}

const PATTERNS: { re: RegExp; toIso: (m: RegExpExecArray) => string | null }[] = [
  { re: /\bR?D8\*(\d{4})(\d{2})(\d{2})(?!\d)/, toIso: (m) => iso(m[1]!, m[2]!, m[3]!) },
  { re: /(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])/, toIso: (m) => iso(m[1]!, m[2]!, m[3]!) },
  {
    re: /(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|-\d{3})/,
    toIso: (m) => iso(m[4]!.length === 2 ? `20${m[4]}` : m[4]!, m[1]!, m[3]!),
  },
  { re: new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i'), toIso: (m) => iso(m[3]!, monthNumber(m[1]!), m[2]!) },
  { re: new RegExp(`\\b(\\d{1,2})[-\\s]${MONTH_WORD}[-\\s,]+(\\d{4})\\b`, 'i'), toIso: (m) => iso(m[3]!, monthNumber(m[2]!), m[1]!) },
];

function iso(y: string, mo: string, d: string): string | null {
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(Number(y), month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

function firstDateWithIndex(text: string): { index: number; length: number; value: string } | undefined {
  let best: { index: number; length: number; value: string } | undefined;
  for (const { re, toIso } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const value = toIso(m);
    if (value && (!best || m.index < best.index)) best = { index: m.index, length: m[0].length, value };
  }
  return best;
}

/** The first date in the text, as YYYY-MM-DD, or undefined. */
export function firstDate(text: string): string | undefined {
  return firstDateWithIndex(text)?.value;
}

const MAX_LINE = 400;

/** The line (up to a newline or an X12 segment end "~") holding `index`, capped around it. */
export function lineAround(text: string, index: number): { text: string; start: number } {
  let start = index;
  const floor = Math.max(0, index - MAX_LINE);
  while (start > floor && text[start - 1] !== '\n' && text[start - 1] !== '~') start--;
  let end = index;
  const ceiling = Math.min(text.length, index + MAX_LINE);
  while (end < ceiling && text[end] !== '\n' && text[end] !== '~') end++;
  return { text: text.slice(start, end), start };
}

const DOS_LABEL = /\b(?:DOS|dates? of service|service dates?|svc date|from date|date\(s\) of service)\b\W{0,4}$/i;
// Dates a line prints that are not when the service happened.
const NOT_DOS_LABEL =
  /\b(?:effective|eff\.?|updated|revised|reviewed|review|published|posted|since|as of|until|through|before|after|received|rec'?d|submitted|sent|paid|processed|issued|printed|adjudicated|check date|born|dob|birth)\W{0,4}$/i;
/** The second date of a range ("10/01/2025 - 10/31/2025") goes with the first. */
const RANGE_END = /\d\s*(?:-|–|to|through|thru)\s*$/i;
const SENTENCE_END = /[.!?]\s+[A-Z]/;
const X12_SERVICE = /^\s*(?:SV[123]|SVC)\*/;
const X12_LOOP_END = /^\s*(?:LX|SV[123]|SVC|CLP|CLM|SE|LQ)\*/;

/**
 * The date of service that goes with a code at `index`: in X12, the DTP*472
 * of the same service loop; elsewhere a date labelled "DOS" on the same line,
 * else the line's first date.
 */
export function serviceDateAt(text: string, index: number): string | undefined {
  const line = lineAround(text, index);
  if (X12_SERVICE.test(line.text)) {
    let pos = line.start + line.text.length + 1;
    for (let i = 0; i < 12 && pos < text.length; i++) {
      const segment = lineAround(text, pos);
      if (X12_LOOP_END.test(segment.text)) break;
      const dtp = /^\s*DTP\*(?:472|150)\*R?D8\*(\d{4})(\d{2})(\d{2})/.exec(segment.text);
      if (dtp) return iso(dtp[1]!, dtp[2]!, dtp[3]!) ?? undefined;
      pos = segment.start + segment.text.length + 1;
    }
  }
  // A date in another sentence ("Effective 01/21/2020. Bill 20560 ...") is not this line's service date.
  const at = index - line.start;
  return pickServiceDate(line.text, (pos) => !SENTENCE_END.test(pos < at ? line.text.slice(pos, at) : line.text.slice(at, pos)));
}

/**
 * Of the dates in text that `usable` allows: the one labelled as the date of service,
 * else the first not labelled as something else. The second date of a range goes with the first.
 */
function pickServiceDate(text: string, usable: (pos: number) => boolean): string | undefined {
  let first: string | undefined;
  for (let from = 0; from < text.length; ) {
    const found = firstDateWithIndex(text.slice(from));
    if (!found) break;
    const pos = from + found.index;
    from = pos + found.length;
    const lead = text.slice(Math.max(0, pos - 24), pos);
    if (RANGE_END.test(lead) || !usable(pos)) continue;
    if (DOS_LABEL.test(lead)) return found.value;
    if (!NOT_DOS_LABEL.test(lead)) first ??= found.value;
  }
  return first;
}

/** The date of service a row of text shows: one labelled as such, else the first date that is not labelled as something else. */
export function serviceDate(text: string): string | undefined {
  return pickServiceDate(text, () => true);
}
