import { describe, expect, it } from 'vitest';
import { distinctCodes, findCodes } from '../../src/core/codes';

const codes = (text: string) => findCodes(text).map((h) => h.code);

describe('findCodes: where billing codes are', () => {
  it.each([
    ['20560', ['20560']],
    ['CPT 20561', ['20561']],
    ['CPT/HCPCS: 20560', ['20560']],
    ['CPT #20561', ['20561']],
    ['Procedure code#20560', ['20560']],
    ['20560-GP', ['20560']],
    ['20561 59', ['20561']],
    ['20560 x1', ['20560']],
    ['20560, 97140', ['20560']],
    ['97140,20560', ['20560']],
    ['97110/20561', ['20561']],
    ['20560/20561', ['20560', '20561']],
    ['20560–20561', ['20560', '20561']],
    ['20560-20561', ['20560', '20561']],
    ['20560 through 20561', ['20560', '20561']],
    ['(20561)', ['20561']],
    ['SV1*HC:20561*95*UN*1***1~', ['20561']],
    ['SV1*HC>20560>GP*85*UN*1~', ['20560']],
    ['SVC*HC:20560:GP*85*62.5**1~', ['20560']],
    ['Line 2: 20561 GP 59 2 units $120.00', ['20561']],
    ['Dry needling 20560 denied CO-50', ['20560']],
  ])('finds the code in %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it.each([
    '120560', '205601', 'CLM20560117', 'E20561A', '20560A', '$20,561.00', '$20561', '$ 20560', 'USD 20561', '20560.00', '20561,00',
    '20560 USD', '20561%', 'Washington, DC 20560', 'Washington DC 20560-0001', 'TX 20561-1234', 'Austin, TX 20561',
    'Alexandria, Virginia 20561', 'Washington, D.C. 20560', '205-601-2056', '2056-01-20', '20560-1234', 'Claim #20560',
    'Claim number: 20560', 'Check # 20561', 'Member ID 20560', 'ZIP: 20561', 'Zip code 20560', 'Ref: 20560', 'PO Box 20561',
    'Group #: 20560', 'Amount: 20561', 'Total charges 20560', 'ICN 20561', 'CLM*20560*150***11:B:1~', 'REF*F8*20561~',
    'TRN*1*20560*1512345678~', 'AMT*B6*20560~', 'https://example.org/cpt/20560', '/20561', '1,20560', '20560/1', '10:20560',
    '20560:30', 'v20561', 'A.20560', '20560_1', '20561-7', '97140-20560', '20560 Main St', '20561 N. Lake Shore Drive',
  ])('never fires on %j', (text) => {
    expect(findCodes(text)).toEqual([]);
  });
});

describe('findCodes: what sits next to a code', () => {
  it.each([
    ['20560-GP-59 x2', { code: '20560', modifiers: ['GP', '59'], units: 2 }],
    ['20561 59', { code: '20561', modifiers: ['59'] }],
    ['20560 GP KX', { code: '20560', modifiers: ['GP', 'KX'] }],
    ['20560 (GP)', { code: '20560', modifiers: ['GP'] }],
    ['20560 x1', { code: '20560', modifiers: [], units: 1 }],
    ['20560 × 2', { code: '20560', modifiers: [], units: 2 }],
    ['20561 (2 units)', { code: '20561', modifiers: [], units: 2 }],
    ['20561 GP Units: 3', { code: '20561', modifiers: ['GP'], units: 3 }],
    ['SV1*HC:20561:GP:59*95*UN*2***1~', { code: '20561', modifiers: ['GP', '59'], units: 2 }],
    ['SVC*HC:20560:GP*85*62.5**1~', { code: '20560', modifiers: ['GP'], units: 1 }],
  ])('%j', (text, expected) => {
    expect(findCodes(text)[0]).toMatchObject(expected);
    expect(findCodes(text)).toHaveLength(1);
  });

  it('reads a modifier label and units after a comma, but nothing from the next line', () => {
    expect(findCodes('Proc 20561 Mod GP Units 1')[0]).toMatchObject({ modifiers: ['GP'], units: 1 });
    expect(findCodes('Proc code 20560, units 1, paid 0.00')[0]).toMatchObject({ modifiers: [], units: 1 });
    expect(findCodes('CPT/HCPCS: 20561\nModifiers: GP\nUnits: 2')[0]).toEqual({ code: '20561', start: 11, end: 16, modifiers: [] });
  });

  it('reads an id with a letter suffix and a patient control number as ids', () => {
    expect(findCodes('Claim PCN 20561-A')).toEqual([]);
    expect(findCodes('20561-A')).toEqual([]);
  });

  it('takes a cell label into account only at the start of the cell', () => {
    expect(findCodes('20561', { label: 'Claim #' })).toEqual([]);
    expect(findCodes('20561', { label: 'Billed' })).toEqual([]);
    expect(findCodes('20561', { label: 'Zip code' })).toEqual([]);
    expect(findCodes('20561 GP', { label: 'CPT Code' })[0]).toMatchObject({ code: '20561', modifiers: ['GP'] });
    expect(findCodes('20561', { label: 'Service' }).map((h) => h.code)).toEqual(['20561']);
  });

  it('does not take a date from another sentence, or one labelled as something else', () => {
    expect(findCodes('Effective 01/21/2020. Dry needling is billed with 20560.')[0]!.dateOfService).toBeUndefined();
    expect(findCodes('Policy effective 12/01/2020: 20560 non-covered')[0]!.dateOfService).toBeUndefined();
    expect(findCodes('CPT 20560 (1 unit) 06/10/2025 - 06/10/2025')[0]!.dateOfService).toBe('2025-06-10');
  });

  it('does not read an amount or a word as a modifier', () => {
    expect(findCodes('20560 25.00')[0]).toMatchObject({ modifiers: [] });
    expect(findCodes('20560 OR 97140')[0]).toMatchObject({ modifiers: [] });
    expect(findCodes('20560 ,59.00')[0]).toMatchObject({ modifiers: [] });
    expect(findCodes('20561 GP CO-50 N115')[0]).toMatchObject({ modifiers: ['GP'] });
  });

  it('reports positions in the text', () => {
    const text = 'Lines: 97140, 20561-GP, 20560';
    expect(findCodes(text).map((h) => [h.code, text.slice(h.start, h.end)])).toEqual([
      ['20561', '20561'],
      ['20560', '20560'],
    ]);
  });

  it('reads the date of service from the same line or X12 service loop', () => {
    const table = 'DOS 01/15/2025 20560 GP 1\nDOS 01/16/2025 20561 GP 1';
    expect(findCodes(table).map((h) => h.dateOfService)).toEqual(['2025-01-15', '2025-01-16']);
    const x12 = 'CLP*A1*1*180*100**12*ICN~SVC*HC:20560:GP*85*50**1~DTP*472*D8*20250203~SVC*HC:20561:GP*95*50**1~DTP*472*D8*20250204~';
    expect(findCodes(x12).map((h) => h.dateOfService)).toEqual(['2025-02-03', '2025-02-04']);
    expect(findCodes('Received 02/01/2025, date of service 01/20/2025: 20560')[0]!.dateOfService).toBe('2025-01-20');
    expect(findCodes('20560 GP')[0]!.dateOfService).toBeUndefined();
  });

  it('distinctCodes sorts and dedupes', () => {
    expect(distinctCodes(findCodes('20561, 20560, 20561'))).toEqual(['20560', '20561']);
  });
});
