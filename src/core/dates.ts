// Dates of service as portals print them: 01/15/2025, 1/5/25, 2025-01-15, and
// the X12 form D8*20250115. Returned as ISO dates so rows can be compared.

const PATTERNS: { re: RegExp; toIso: (m: RegExpExecArray) => string | null }[] = [
  { re: /\bD8\*(\d{4})(\d{2})(\d{2})\b/, toIso: (m) => iso(m[1]!, m[2]!, m[3]!) },
  { re: /(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])/, toIso: (m) => iso(m[1]!, m[2]!, m[3]!) },
  { re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/, toIso: (m) => iso(m[3]!.length === 2 ? `20${m[3]}` : m[3]!, m[1]!, m[2]!) },
];

function iso(y: string, mo: string, d: string): string | null {
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(Number(y), month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** The first date in the text, as YYYY-MM-DD, or undefined. */
export function firstDate(text: string): string | undefined {
  let best: { index: number; value: string } | undefined;
  for (const { re, toIso } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const value = toIso(m);
    if (value && (!best || m.index < best.index)) best = { index: m.index, value };
  }
  return best?.value;
}
