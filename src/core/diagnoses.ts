// Finds ICD-10-CM diagnosis codes so coverage criteria can be checked against
// what the page itself shows. Dotted codes ("M54.50") are unambiguous; undotted
// ones ("M5450") are only trusted next to a diagnosis label, because bare
// letter-digit tokens are common in claim and member ids.

export interface DiagnosisHit {
  /** Normalised with its dot: "M54.50". */
  code: string;
  start: number;
  end: number;
}

const DOTTED = /(?<![\p{L}\p{N}_.$#-])([A-TV-Z][0-9][0-9A-Z])\.([0-9A-Z]{1,4})(?![\p{L}\p{N}_]|\.\d)/gu;
const UNDOTTED = /(?<![\p{L}\p{N}_.$#-])([A-TV-Z][0-9][0-9A-Z])([0-9A-Z]{1,4})?(?![\p{L}\p{N}_]|\.\d)/gu;
const DX_LABEL = /(?:\b(?:dx|diag(?:nosis)?(?:\s*codes?)?|icd(?:-?10)?(?:-?cm)?(?:\s*codes?)?)\b[\s:#]*(?:\(?\d\)?\s*)?|HI\*AB[KF]:|:ABF:)$/i;

function normalise(category: string, rest: string | undefined): string {
  return rest ? `${category}.${rest}` : category;
}

export function findDiagnoses(text: string): DiagnosisHit[] {
  const hits: DiagnosisHit[] = [];
  DOTTED.lastIndex = 0;
  for (let m = DOTTED.exec(text); m; m = DOTTED.exec(text)) {
    hits.push({ code: normalise(m[1]!, m[2]), start: m.index, end: m.index + m[0].length });
  }
  UNDOTTED.lastIndex = 0;
  for (let m = UNDOTTED.exec(text); m; m = UNDOTTED.exec(text)) {
    // A letter and digits only counts as a diagnosis right after a diagnosis label or in a list after one.
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const afterLabel = DX_LABEL.test(before) || /(?:dx|diag\w*|icd[\w-]*)[^\n]{0,30}[A-Z]\d[\dA-Z]{1,5}\s*[,;]\s*$/i.test(before);
    if (!afterLabel || !/\d/.test(m[0].slice(1))) continue;
    if (hits.some((h) => h.start === m!.index)) continue;
    hits.push({ code: normalise(m[1]!, m[2]), start: m.index, end: m.index + m[0].length });
  }
  return hits.sort((a, b) => a.start - b.start);
}

export function distinctDiagnoses(hits: readonly { code: string }[]): string[] {
  return [...new Set(hits.map((h) => h.code))].sort();
}

/** Does a code match a rule's pattern ("M54.5*" matches M54.50)? Dots are ignored. */
export function diagnosisMatches(code: string, pattern: string): boolean {
  const c = code.replace('.', '');
  const p = pattern.replace('.', '');
  return p.endsWith('*') ? c.startsWith(p.slice(0, -1)) : c === p;
}
