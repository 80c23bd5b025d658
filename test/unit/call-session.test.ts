import { describe, expect, it } from 'vitest';
import { localDateTime, newCallSession, nextUnanswered, parseCallSession, prefillAnswers, progress } from '../../src/core/call-session';
import { ChecklistQuestionSchema } from '../../src/core/rules-schema';

const questions = [
  { id: 'cpt-code', text: 'CPT code(s) quoted', answer: 'text', prefill: 'cpt' },
  { id: 'icd10-code', text: 'Primary ICD-10 diagnosis code quoted', answer: 'text', prefill: 'icd10' },
  { id: 'payer-name', text: 'Payer', answer: 'text', prefill: 'payer' },
  { id: 'covered', text: 'Covered?', answer: 'yes-no-unknown' },
  { id: 'copay', text: 'Co-payment', answer: 'amount' },
  { id: 'coinsurance', text: 'Coinsurance', answer: 'percentage' },
  { id: 'rep-name', text: "Representative's name", answer: 'text' },
  { id: 'call-time', text: 'Date and time of the call', answer: 'datetime', prefill: 'now' },
].map((q) => ChecklistQuestionSchema.parse(q));
const now = new Date(2026, 10, 27, 9, 5);
const ctx = { codes: ['20560', '20561'], diagnoses: ['M54.50'], payerName: 'Medicare', now: localDateTime(now) };

describe('prefillAnswers', () => {
  it('fills codes, diagnoses and the call time from the page', () => {
    const filled = prefillAnswers(questions, {}, ctx);
    expect(filled['cpt-code']).toBe('20560, 20561');
    expect(filled['icd10-code']).toBe('M54.50');
    expect(filled['call-time']).toBe('2026-11-27T09:05');
    expect(filled['payer-name']).toBe('Medicare');
    expect(filled['rep-name']).toBeUndefined();
  });

  it('never overwrites what the user typed', () => {
    const filled = prefillAnswers(questions, { 'cpt-code': '20561', 'call-time': '2026-11-26T15:00' }, ctx);
    expect(filled['cpt-code']).toBe('20561');
    expect(filled['call-time']).toBe('2026-11-26T15:00');
  });

  it('leaves a question empty when the page has nothing for it', () => {
    expect(prefillAnswers(questions, {}, { ...ctx, diagnoses: [] })['icd10-code']).toBeUndefined();
  });
});

describe('progress and next question', () => {
  it('counts answered questions, ignoring blanks', () => {
    expect(progress(questions, { 'cpt-code': '20560', 'rep-name': '  ' })).toEqual({ answered: 1, total: questions.length });
  });

  it('finds the next unanswered question after the current one, wrapping round', () => {
    const ids = questions.map((q) => q.id);
    const answers = Object.fromEntries(ids.map((id) => [id, 'x']));
    delete answers[ids[1]!];
    delete answers[ids[5]!];
    expect(nextUnanswered(questions, answers)).toBe(ids[1]);
    expect(nextUnanswered(questions, answers, ids[1])).toBe(ids[5]);
    expect(nextUnanswered(questions, answers, ids[5])).toBe(ids[1]);
    expect(nextUnanswered(questions, Object.fromEntries(ids.map((id) => [id, 'x'])))).toBeUndefined();
  });
});

describe('parseCallSession', () => {
  it('keeps a valid session and replaces a corrupt one with a fresh call', () => {
    const s = { ...newCallSession(now), answers: { 'rep-name': 'Dana' }, visits: ['2026-01-02'] };
    expect(parseCallSession(s, now)).toEqual(s);
    expect(parseCallSession({ version: 1, answers: 'oops' }, now)).toEqual(newCallSession(now));
    expect(parseCallSession(undefined, now).answers).toEqual({});
  });
});
