// Properties the finders keep on any input, checked with fast-check: they never
// throw, every hit is exactly the code at its position, a code glued to other
// digits or letters is never one, and a code standing alone after "CPT" always is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCodes } from '../../src/core/codes';
import { findDiagnoses } from '../../src/core/diagnoses';
import { payerDirectory } from '../../src/core/directory';
import { identifyPayer } from '../../src/core/payer';
import { bundledRules } from '../../src/rules/bundled';

const directory = payerDirectory(bundledRules());
// Characters that make the finders' rules work: digits, separators, money, X12, modifiers, line ends.
const portalish = fc.string({ unit: fc.constantFrom(...'2056105 .,-–/:#$*~\nDCTXGPMx()ABHKLU'.split('')), maxLength: 60 });
const code = fc.constantFrom('20560', '20561');
const wordChar = fc.constantFrom(...'0123456789ABCXZabcz_'.split(''));

describe('finder properties', () => {
  it('never throw, and report each hit exactly where it is, in order', () => {
    fc.assert(
      fc.property(portalish, (text) => {
        const codes = findCodes(text);
        for (const h of codes) expect(text.slice(h.start, h.end)).toBe(h.code);
        expect(codes.map((h) => h.start)).toEqual([...codes.map((h) => h.start)].sort((a, b) => a - b));
        for (const d of findDiagnoses(text)) expect(text.slice(d.start, d.end).replace('.', '')).toBe(d.code.replace('.', ''));
        identifyPayer({ hostname: 'apps.availity.com', text }, directory);
      }),
      { numRuns: 2000 },
    );
  });

  it('never read a code glued to other digits or letters', () => {
    fc.assert(
      fc.property(code, wordChar, fc.boolean(), (c, glue, before) => {
        const text = before ? `x ${glue}${c} y` : `x ${c}${glue} y`;
        expect(findCodes(text)).toEqual([]);
      }),
    );
  });

  it('always read a code standing alone after "CPT", with a modifier or not', () => {
    fc.assert(
      fc.property(code, fc.constantFrom('', ' GP', '-GP', ' 59', ':XS'), fc.constantFrom('', '\n', ' ', '; '), (c, mod, end) => {
        const hits = findCodes(`CPT ${c}${mod}${end}`);
        expect(hits.map((h) => h.code)).toEqual([c]);
        expect(hits[0]!.modifiers).toEqual(mod ? [mod.replace(/^[\s:-]/, '')] : []);
      }),
    );
  });
});
