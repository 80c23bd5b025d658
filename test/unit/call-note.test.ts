import { describe, expect, it } from 'vitest';
import { callNote, formatAnswer } from '../../src/core/call-note';
import { ChecklistQuestionSchema, type ChecklistQuestion } from '../../src/core/rules-schema';

// Questions of every answer type, shaped like rules/checklist.json (which keeps changing as facts are checked).
const questions: ChecklistQuestion[] = [
  { id: 'cpt-code', text: 'CPT code(s) quoted', answer: 'text', prefill: 'cpt' },
  { id: 'icd10-code', text: 'Primary ICD-10 diagnosis code quoted', answer: 'text', prefill: 'icd10' },
  { id: 'covered', text: 'Are these CPT codes covered for this diagnosis?', answer: 'yes-no-unknown' },
  { id: 'deductible-remaining', text: 'Deductible remaining', answer: 'amount' },
  { id: 'coinsurance', text: 'Coinsurance', answer: 'percentage' },
  { id: 'auth-until', text: 'Authorization valid until', answer: 'date' },
  { id: 'prior-auth', text: 'Is prior authorization required?', answer: 'yes-no-unknown' },
  { id: 'prior-auth-how', text: 'How to obtain prior authorization:', answer: 'text' },
  { id: 'plan-type', text: 'Plan type', answer: 'choice', choices: ['Commercial', 'Original Medicare'] },
  { id: 'rep-name', text: "Representative's name", answer: 'text' },
  { id: 'reference-number', text: 'Call reference number', answer: 'text' },
  { id: 'call-time', text: 'Date and time of the call', answer: 'datetime', prefill: 'now' },
].map((q) => ChecklistQuestionSchema.parse(q));

const q = (id: string): ChecklistQuestion => questions.find((x) => x.id === id)!;

describe('formatAnswer', () => {
  it.each([
    ['covered', 'yes', 'Yes'],
    ['covered', 'no', 'No'],
    ['covered', 'unknown', 'Unknown'],
    ['deductible-remaining', '1250', '$1,250.00'],
    ['deductible-remaining', '$40.5', '$40.50'],
    ['deductible-remaining', 'met', 'met'],
    ['coinsurance', '20', '20%'],
    ['coinsurance', '20 %', '20%'],
    ['auth-until', '2027-01-31', '2027-01-31'],
    ['call-time', '2026-11-27T09:05', '2026-11-27 09:05'],
    ['rep-name', '  Dana  ', 'Dana'],
    ['prior-auth-how', 'Portal\nor fax 555-0100', 'Portal / or fax 555-0100'],
    ['plan-type', 'Original Medicare', 'Original Medicare'],
    ['rep-name', '', 'not answered'],
    ['rep-name', undefined, 'not answered'],
  ])('%s %j → %j', (id, raw, shown) => {
    expect(formatAnswer(q(id), raw)).toBe(shown);
  });
});

describe('callNote', () => {
  const answers: Record<string, string> = {
    'cpt-code': '20561',
    'icd10-code': 'M54.50',
    covered: 'yes',
    'deductible-remaining': '200',
    coinsurance: '20',
    'auth-until': '2027-01-31',
    'prior-auth-how': 'Portal',
    'plan-type': 'Original Medicare',
    'rep-name': 'Dana R.',
    'reference-number': 'REF-88213',
    'call-time': '2026-11-27T09:05',
  };
  const note = callNote({ questions, answers, notes: 'Call back Monday.\nAsk for supervisor.', payerName: 'Medicare' });
  const lines = note.split('\n');

  it('has a title and the payer, then one line per question in checklist order', () => {
    expect(lines[0]).toBe('Dry needling (CPT 20560/20561) benefits verification call');
    expect(lines[1]).toBe('Payer: Medicare');
    const body = lines.slice(3, 3 + questions.length);
    body.forEach((line, i) => expect(line.startsWith(questions[i]!.text)).toBe(true));
    expect(body).toHaveLength(questions.length);
  });

  it('contains every answer, formatted, and keeps a question mark or colon without doubling it', () => {
    expect(lines.slice(3, 3 + questions.length)).toEqual([
      'CPT code(s) quoted: 20561',
      'Primary ICD-10 diagnosis code quoted: M54.50',
      'Are these CPT codes covered for this diagnosis? Yes',
      'Deductible remaining: $200.00',
      'Coinsurance: 20%',
      'Authorization valid until: 2027-01-31',
      'Is prior authorization required? not answered',
      'How to obtain prior authorization: Portal',
      'Plan type: Original Medicare',
      "Representative's name: Dana R.",
      'Call reference number: REF-88213',
      'Date and time of the call: 2026-11-27 09:05',
    ]);
  });

  it('ends with the free-text notes, line by line', () => {
    expect(note.endsWith('\n\nNotes:\nCall back Monday.\nAsk for supervisor.\n')).toBe(true);
  });

  it('is plain text with no markup or tabs', () => {
    expect(note).not.toMatch(/[<>\t]/);
  });

  it('without a payer or notes: no payer line and no notes block', () => {
    const bare = callNote({ questions: questions.slice(0, 2), answers: {}, notes: '  ', payerName: null });
    expect(bare).toBe('Dry needling (CPT 20560/20561) benefits verification call\n\nCPT code(s) quoted: not answered\nPrimary ICD-10 diagnosis code quoted: not answered\n');
  });
});
