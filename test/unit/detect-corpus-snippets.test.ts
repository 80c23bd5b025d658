// Every labeled snippet, through the finders, compared exactly with what a
// biller would say it shows. Prints precision and recall for the corpus.
import { afterAll, describe, expect, it } from 'vitest';
import { findCodes } from '../../src/core/codes';
import { distinctDiagnoses, findDiagnoses } from '../../src/core/diagnoses';
import { payerDirectory } from '../../src/core/directory';
import { identifyPayer } from '../../src/core/payer';
import { bundledRules } from '../../src/rules/bundled';
import { describeCode, emptyTally, payerKey, summary, tallyItems, tallyPayer } from '../fixtures/corpus/score';
import { snippets } from '../fixtures/corpus/snippets';

const directory = payerDirectory(bundledRules());
const MULTI_PAYER_HOST = 'apps.availity.com';
const tallies = { codes: emptyTally(), diagnoses: emptyTally(), payer: emptyTally() };

describe('labeled snippet corpus', () => {
  it('has at least 80 snippets with unique ids and many negatives', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(80);
    expect(new Set(snippets.map((s) => s.id)).size).toBe(snippets.length);
    expect(snippets.filter((s) => s.codes.length === 0).length).toBeGreaterThanOrEqual(25);
  });

  it.each(snippets.map((s) => [s.id, s] as const))('%s', (_id, snippet) => {
    const codes = findCodes(snippet.text).map(describeCode);
    const diagnoses = distinctDiagnoses(findDiagnoses(snippet.text));
    const payer = payerKey(identifyPayer({ hostname: snippet.hostname ?? MULTI_PAYER_HOST, text: snippet.text }, directory));
    const expectedPayer = payerKey(snippet.payer ? { id: snippet.payer, planType: snippet.planType } : null);
    tallyItems(tallies.codes, snippet.codes, codes);
    tallyItems(tallies.diagnoses, [...snippet.diagnoses].sort(), diagnoses);
    tallyPayer(tallies.payer, expectedPayer, payer);
    expect({ codes, diagnoses, payer }).toEqual({ codes: snippet.codes, diagnoses: [...snippet.diagnoses].sort(), payer: expectedPayer });
  });

  afterAll(() => {
    console.log(
      [`Snippet corpus: ${snippets.length} snippets`, summary('codes', tallies.codes), summary('diagnoses', tallies.diagnoses), summary('payer', tallies.payer)].join('\n'),
    );
  });
});
