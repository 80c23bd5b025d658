// What "Check dry needling coverage" on selected text looks up: the codes in
// the selection and the payer it names, as notes from the effective rules.
import { findCodes } from './codes';
import { findDiagnoses } from './diagnoses';
import { payerDirectory } from './directory';
import { evaluate, type Notes } from './engine';
import { findPayerMentions, type PayerMatch } from './payer';
import { DN_CODES, type DnCode, type RuleSet } from './rules-schema';

export interface Lookup {
  codes: DnCode[];
  payer: PayerMatch | null;
  /** Null when the text names neither a dry needling code nor a payer. */
  notes: Notes | null;
}

function payerNamed(text: string, rules: RuleSet): PayerMatch | null {
  const directory = payerDirectory(rules);
  const mention = findPayerMentions(text, directory)[0];
  if (mention) return { id: mention.id, name: mention.name, evidence: `"${mention.alias}" in the selected text`, source: 'text' };
  // A payer id or exact name typed into the lookup ("uhc", "Aetna").
  const wanted = text.trim().toLowerCase();
  const entry = directory.find((d) => d.id === wanted || d.name.toLowerCase() === wanted);
  return entry ? { id: entry.id, name: entry.name, evidence: `"${text.trim()}" in the selected text`, source: 'text' } : null;
}

export function lookupSelection(text: string, rules: RuleSet, today: string): Lookup {
  // A bare code is what a user selects most: accept it even without the context findCodes wants.
  const found = new Set<DnCode>(findCodes(text).map((h) => h.code));
  for (const code of DN_CODES) if (new RegExp(`(^|\\D)${code}(\\D|$)`).test(text)) found.add(code);
  const payer = payerNamed(text, rules);
  if (found.size === 0 && !payer) return { codes: [], payer: null, notes: null };
  // A payer alone: show both codes' notes for it.
  const codes = found.size ? [...found].sort() : [...DN_CODES];
  const diagnoses = findDiagnoses(text).map((d) => d.code);
  const notes = evaluate({ codes: codes.map((code) => ({ code })), diagnoses, payer, today }, rules);
  return { codes: [...found].sort(), payer, notes };
}
