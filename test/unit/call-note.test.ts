import { describe, expect, it } from 'vitest';
import checklist from '../../rules/checklist.json';
import { callNote, formatAnswer } from '../../src/core/call-note';
import { ChecklistSchema, type ChecklistQuestion } from '../../src/core/rules-schema';

const questions = ChecklistSchema.parse(checklist).questions.filter((q) => q.payers.length === 0 || q.payers.includes('medicare'));
const q = (id: string): ChecklistQuestion => {
  const found = questions.find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

describe('formatAnswer', () => {
  it.each([
    ['covered-for-diagnosis', 'yes', 'Yes'],
    ['covered-for-diagnosis', 'no', 'No'],
    ['covered-for-diagnosis', 'unknown', 'Unknown'],
    ['deductible', '1250', '$1,250.00'],
    ['deductible', '$40.5', '$40.50'],
    ['deductible', 'met', 'met'],
    ['coinsurance', '20', '20%'],
    ['coinsurance', '20 %', '20%'],
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
    'covered-for-diagnosis': 'yes',
    deductible: '200',
    coinsurance: '20',
    'rep-name': 'Dana R.',
    'reference-number': 'REF-88213',
    'call-time': '2026-11-27T09:05',
    'medicare-credentials': 'unknown',
  };
  const note = callNote({ questions, answers, notes: 'Call back Monday.\nAsk for supervisor.', payerName: 'Medicare' });
  const lines = note.split('\n');

  it('has a title and the payer, then one line per question in checklist order', () => {
    expect(lines[0]).toBe('Dry needling (CPT 20560/20561) benefits verification call');
    expect(lines[1]).toBe('Payer: Medicare');
    const body = lines.slice(3, 3 + questions.length);
    body.forEach((line, i) => expect(line.startsWith(questions[i]!.text.replace(/[:?]$/, ''))).toBe(true));
    expect(body).toHaveLength(questions.length);
  });

  it('contains every answer, formatted', () => {
    expect(note).toContain('CPT code(s) quoted: 20561');
    expect(note).toContain('Primary ICD-10 diagnosis code quoted: M54.50');
    expect(note).toContain('Are these CPT codes covered for this diagnosis? Yes');
    expect(note).toContain('Is coverage subject to a deductible? Amount remaining: $200.00');
    expect(note).toContain('Coinsurance: 20%');
    expect(note).toContain("Representative's name: Dana R.");
    expect(note).toContain('Call reference number: REF-88213');
    expect(note).toContain('Date and time of the call: 2026-11-27 09:05');
    expect(note).toContain('acupuncture credentials Medicare requires? Unknown');
  });

  it('says which questions were not answered instead of leaving them out', () => {
    expect(note).toContain('Is prior authorization required? not answered');
  });

  it('ends with the free-text notes, line by line', () => {
    expect(note.endsWith('Notes:\nCall back Monday.\nAsk for supervisor.\n')).toBe(true);
  });

  it('is plain text with no markup or tabs', () => {
    expect(note).not.toMatch(/[<>\t]/);
  });

  it('without a payer or notes: no payer line and no notes block', () => {
    const bare = callNote({ questions: questions.slice(0, 2), answers: {}, notes: '  ', payerName: null });
    expect(bare).toBe('Dry needling (CPT 20560/20561) benefits verification call\n\nCPT code(s) quoted: not answered\nPrimary ICD-10 diagnosis code quoted: not answered\n');
  });
});
