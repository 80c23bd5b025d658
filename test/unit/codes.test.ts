import { describe, expect, it } from 'vitest';
import { findCodes } from '../../src/core/codes';

describe('findCodes', () => {
  it.each([
    ['20560', ['20560']],
    ['CPT 20561', ['20561']],
    ['20560-GP', ['20560']],
    ['20561 59', ['20561']],
    ['20560, 97140', ['20560']],
    ['SV1*HC:20561*95*UN*1', ['20561']],
    ['SVC*HC:20560:GP*85*0', ['20560']],
    ['20560–20561', ['20560', '20561']],
  ])('finds the code in %j', (text, codes) => {
    expect(findCodes(text).map((h) => h.code)).toEqual(codes);
  });

  it.each(['120560', '205601', 'CLM20560117', 'E20561A', '$20,561.00', '$20561', '20560.00', 'Washington, DC 20560', 'TX 20561-1234', '205-601-2056', '2056-01-20'])(
    'never fires on %j',
    (text) => {
      expect(findCodes(text)).toEqual([]);
    },
  );

  it('reads modifiers and units next to the code', () => {
    expect(findCodes('20560-GP-59 x2')[0]).toMatchObject({ code: '20560', modifiers: ['GP', '59'], units: 2 });
  });
});
