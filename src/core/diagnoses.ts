// Finds ICD-10-CM diagnosis codes so coverage criteria can be checked against
// what the page itself shows. Dotted codes ("M54.50") are unambiguous enough
// on their own; undotted ones ("M5450") are only trusted after a diagnosis
// label or an X12 HI qualifier, because bare letter-digit tokens are common in
// claim and member ids.

export interface DiagnosisHit {
  /** Normalised with its dot: "M54.50". */
  code: string;
  start: number;
  end: number;
}

// The category is a capital letter, a digit, and a digit, except these few
// categories whose third character is a letter. Anything else ("A1C", "R2D") is not a code.
const LETTER_CATEGORIES = new Set(['C4A', 'C7A', 'C7B', 'D3A', 'M1A', 'O9A', 'Z3A']);

// A quick gate: a capital letter, a digit and a letter or digit, standing alone on the left.
// ASCII and no "u" flag keep this scan fast; a non-ASCII letter before a match is checked by hand.
const CANDIDATE = /(?<![A-Za-z0-9_.$#@\\-])[A-Z][0-9][0-9A-Z]/g;
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;
const DOTTED_TAIL = /^\.([0-9A-Z]{1,4})(?![\p{L}\p{N}_]|[.,]\d|-\d)/u;
const UNDOTTED_TAIL = /^([0-9A-Z]{0,4})(?![\p{L}\p{N}_]|[.,]\d|-\d)/u;
// What makes an undotted code trustworthy: a label right before it ("Dx:", "ICD-10 codes"),
// an X12 HI qualifier ("HI*ABK:", "*ABF:"), or an earlier code of the same list.
const DX_LABEL = /(?:\b(?:dx|diag(?:nosis|noses)?|icd(?:[- ]?10)?(?:[- ]?cm)?)(?:\s*(?:codes?|pointer))?[\s:#.]*(?:\(?\d\)?[\s:.)]*)?|(?:^|[*^~])AB[KFJN][:>])$/i;
const DX_LIST = /(?:dx|diag\w*|icd[\w-]*)[^\n]{0,40}(?:[A-Z]\d[\dA-Z][.]?[\dA-Z]{0,4})\s*[,;]\s*$/i;
const X12_LIST = /\*AB[KFJN][:>][A-Z0-9]{3,7}(?:\*AB[KFJN][:>][A-Z0-9]{3,7})*\*AB[KFJN][:>]$/;

function validCategory(category: string): boolean {
  const third = category[2]!;
  return (third >= '0' && third <= '9') || LETTER_CATEGORIES.has(category);
}

const DX_HEADER = /\b(?:dx|diag\w*|icd)/i;
// Codes so far in the cell, each maybe after a CMS-1500 pointer letter ("A: M5459  B: ").
const LIST_SO_FAR = /^(?:\s*(?:[A-L][:.)]\s*)?[A-Z]\d[\dA-Z]\.?[\dA-Z]{0,4}\s*[,;]?)*\s*(?:[A-L][:.)])?\s*$/;

function labelled(text: string, start: number, label: string | undefined): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  if (DX_LABEL.test(before) || DX_LIST.test(before) || X12_LIST.test(before)) return true;
  // A cell under a "Diagnosis" header: its leading codes are diagnoses.
  return label !== undefined && DX_HEADER.test(label) && LIST_SO_FAR.test(text.slice(0, start));
}

export interface FindDiagnosesOptions {
  /** The header or label of the cell the text is in ("Dx", "Diagnosis codes"). */
  label?: string;
}

export function findDiagnoses(text: string, options: FindDiagnosesOptions = {}): DiagnosisHit[] {
  const hits: DiagnosisHit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const category = m[0];
    if (!validCategory(category)) continue;
    const prev = text.charCodeAt(start - 1);
    if (prev > 127 && NON_ASCII_WORD.test(text[start - 1]!)) continue;
    const after = text.slice(start + 3, start + 12);
    const dotted = DOTTED_TAIL.exec(after);
    if (dotted) {
      hits.push({ code: `${category}.${dotted[1]}`, start, end: start + 3 + dotted[0].length });
      CANDIDATE.lastIndex = start + 3 + dotted[0].length;
      continue;
    }
    const undotted = UNDOTTED_TAIL.exec(after);
    if (!undotted || !labelled(text, start, options.label)) continue;
    const rest = undotted[1]!;
    hits.push({ code: rest ? `${category}.${rest}` : category, start, end: start + 3 + rest.length });
    CANDIDATE.lastIndex = start + 3 + rest.length;
  }
  return hits;
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
