// @vitest-environment happy-dom
// Every labeled whole page, through the real DOM path (segments, visibility,
// cell labels, row dates, Ranges) and the shipped rules' payer directory.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { payerDirectory } from '../../src/core/directory';
import { bundledRules } from '../../src/rules/bundled';
import { pages } from '../fixtures/corpus/pages';
import { readPage } from '../fixtures/corpus/read-page';
import { describeCode, emptyTally, payerKey, summary, tallyItems, tallyPayer } from '../fixtures/corpus/score';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/corpus/pages');
const directory = payerDirectory(bundledRules());
const tallies = { codes: emptyTally(), diagnoses: emptyTally(), payer: emptyTally() };

function load(file: string, hostname: string): Document {
  const window = new Window({ url: `https://${hostname}/portal/page` });
  window.document.write(readFileSync(join(PAGES_DIR, file), 'utf8'));
  return window.document as unknown as Document;
}

describe('labeled whole-page corpus', () => {
  it('has at least 20 pages of every kind', () => {
    expect(pages.length).toBeGreaterThanOrEqual(20);
    expect(new Set(pages.map((p) => p.kind))).toEqual(new Set(['claim-status', 'claim-detail', 'eligibility', 'prior-auth', 'remittance', 'policy']));
  });

  it.each(pages.map((p) => [p.file, p] as const))('%s', (_file, page) => {
    const reading = readPage(load(page.file, page.hostname), directory);
    const codes = reading.codes.map(describeCode);
    const payer = payerKey(reading.payer);
    const expectedPayer = payerKey(page.payer ? { id: page.payer, planType: page.planType } : null);
    tallyItems(tallies.codes, page.codes, codes);
    tallyItems(tallies.diagnoses, [...page.diagnoses].sort(), reading.diagnoses);
    tallyPayer(tallies.payer, expectedPayer, payer);
    expect({ codes, diagnoses: reading.diagnoses, payer }).toEqual({ codes: page.codes, diagnoses: [...page.diagnoses].sort(), payer: expectedPayer });
    // Each highlight covers exactly the code as the page shows it, across inline elements.
    expect(reading.rangeTexts).toEqual(reading.codes.map((c) => c.code));
  });

  afterAll(() => {
    console.log([`Page corpus: ${pages.length} pages`, summary('codes', tallies.codes), summary('diagnoses', tallies.diagnoses), summary('payer', tallies.payer)].join('\n'));
  });
});
