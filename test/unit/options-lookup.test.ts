import { describe, expect, it } from 'vitest';
import { lookupSelection } from '../../src/core/lookup';
import { bundledRules } from '../../src/rules/bundled';

const rules = bundledRules();
const today = '2026-11-27';

describe('looking up selected text', () => {
  it('a code and a payer name', () => {
    const r = lookupSelection('Aetna 20561', rules, today);
    expect(r.codes).toEqual(['20561']);
    expect(r.payer?.id).toBe('aetna');
    expect(r.notes?.codes.map((c) => c.code)).toEqual(['20561']);
  });

  it('a bare code: notes for an unknown payer', () => {
    const r = lookupSelection('20560', rules, today);
    expect(r.codes).toEqual(['20560']);
    expect(r.payer).toBeNull();
    expect(r.notes?.codes[0]?.code).toBe('20560');
  });

  it('a payer alone: both codes', () => {
    const r = lookupSelection('UnitedHealthcare', rules, today);
    expect(r.payer?.id).toBe('uhc');
    expect(r.notes?.codes.map((c) => c.code)).toEqual(['20560', '20561']);
  });

  it('a payer id typed in', () => {
    expect(lookupSelection('medicare', rules, today).payer?.id).toBe('medicare');
  });

  it('neither: no notes', () => {
    expect(lookupSelection('205601 invoice total', rules, today).notes).toBeNull();
  });
});
