// The call note a front desk pastes into the practice-management system:
// plain text, one "question: answer" line each, in checklist order, so it
// reads the same in any system that keeps text as typed.
import type { ChecklistQuestion } from './rules-schema';

export interface CallNoteInput {
  questions: readonly ChecklistQuestion[];
  answers: Readonly<Record<string, string>>;
  notes: string;
  payerName: string | null;
}

const YES_NO: Record<string, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' };

/** "2026-11-27T09:05" → "2026-11-27 09:05": no T for people to puzzle over. */
function readableDateTime(value: string): string {
  return value.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z?$/, '$1 $2');
}

/** Money as "$1,250.00" when it is a number; as typed otherwise. */
function readableAmount(value: string): string {
  const n = Number(value.replace(/[$,\s]/g, ''));
  if (value.trim() === '' || !Number.isFinite(n)) return value;
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function readablePercentage(value: string): string {
  const n = Number(value.replace(/[%\s]/g, ''));
  return value.trim() !== '' && Number.isFinite(n) ? `${n}%` : value;
}

export function formatAnswer(q: ChecklistQuestion, raw: string | undefined): string {
  const value = (raw ?? '').trim();
  if (value === '') return 'not answered';
  switch (q.answer) {
    case 'yes-no-unknown':
      return YES_NO[value] ?? value;
    case 'amount':
      return readableAmount(value);
    case 'percentage':
      return readablePercentage(value);
    case 'datetime':
      return readableDateTime(value);
    default:
      // One line per answer: a pasted note must not gain lines the reader mistakes for questions.
      return value.replace(/\s*\n\s*/g, ' / ');
  }
}

/** Question text as a label: "Amount remaining:" keeps its colon, others gain one. */
function label(text: string): string {
  const t = text.trim();
  return /[:?]$/.test(t) ? t : `${t}:`;
}

export function callNote(input: CallNoteInput): string {
  const lines = ['Dry needling (CPT 20560/20561) benefits verification call'];
  if (input.payerName) lines.push(`Payer: ${input.payerName}`);
  lines.push('');
  for (const q of input.questions) lines.push(`${label(q.text)} ${formatAnswer(q, input.answers[q.id])}`);
  const notes = input.notes.trim();
  if (notes) lines.push('', 'Notes:', ...notes.split(/\r?\n/));
  return `${lines.join('\n')}\n`;
}
