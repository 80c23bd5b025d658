import { describe, expect, it } from 'vitest';
import { firstDate, serviceDateAt } from '../../src/core/dates';

describe('firstDate', () => {
  it.each([
    ['01/15/2025', '2025-01-15'],
    ['1/5/25', '2025-01-05'],
    ['01-15-2025', '2025-01-15'],
    ['2025-01-15', '2025-01-15'],
    ['Jan 15, 2025', '2025-01-15'],
    ['September 3 2024', '2024-09-03'],
    ['15-Jan-2025', '2025-01-15'],
    ['DTP*472*D8*20250115~', '2025-01-15'],
    ['DTP*472*RD8*20250115-20250117~', '2025-01-15'],
    ['paid 02/01/2025 for 01/20/2025', '2025-02-01'],
  ])('%j is %j', (text, iso) => {
    expect(firstDate(text)).toBe(iso);
  });

  it.each(['13/01/2025', '02/30/2025', '20560', '205-601-2056', 'TX 20561-1234', '1.2.3', 'version 2025'])('no date in %j', (text) => {
    expect(firstDate(text)).toBeUndefined();
  });
});

describe('serviceDateAt', () => {
  it('prefers a date labelled as the date of service on the line', () => {
    const text = 'Processed 03/01/2025 | DOS: 02/11/2025 | 20560';
    expect(serviceDateAt(text, text.indexOf('20560'))).toBe('2025-02-11');
  });

  it('does not take a date from another line', () => {
    const text = 'Claim received 03/01/2025\n20560 GP 1 $85.00';
    expect(serviceDateAt(text, text.indexOf('20560'))).toBeUndefined();
  });

  it('reads the DTP*472 of the same X12 service loop and stops at the next one', () => {
    const text = 'LX*1~SV1*HC:20560:GP*85*UN*1***1~DTP*472*D8*20250310~LX*2~SV1*HC:20561:GP*95*UN*1***1~LX*3~';
    expect(serviceDateAt(text, text.indexOf('20560'))).toBe('2025-03-10');
    expect(serviceDateAt(text, text.indexOf('20561'))).toBeUndefined();
  });
});
