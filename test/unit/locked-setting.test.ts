// The popup reads one lock of the policy without zod; it must agree with the
// full policy reader on every shape a policy can take.
import { describe, expect, it } from 'vitest';
import { parseManaged } from '../../src/core/effective-config';
import { lockedSetting } from '../../src/core/locked-setting';

const POLICIES: unknown[] = [
  undefined,
  null,
  'text',
  [],
  {},
  { locked: null },
  { locked: [] },
  { locked: 'keepAnswers' },
  { locked: {} },
  { locked: { keepAnswers: true } },
  { locked: { keepAnswers: false } },
  { locked: { keepAnswers: 'true' } },
  { locked: { keepAnswers: 1 } },
  { locked: { highlights: false } },
  { locked: { keepAnswers: true, unknownSetting: true } },
  { sites: 'bad', locked: { keepAnswers: false } },
];

describe('lockedSetting', () => {
  it.each(POLICIES.map((p) => [JSON.stringify(p) ?? 'undefined', p]))('agrees with parseManaged for %s', (_, policy) => {
    expect(lockedSetting(policy, 'keepAnswers')).toBe(parseManaged(policy).locked.keepAnswers);
  });

  it('reads the lock itself', () => {
    expect(lockedSetting({ locked: { keepAnswers: true } }, 'keepAnswers')).toBe(true);
    expect(lockedSetting({ locked: { keepAnswers: false } }, 'keepAnswers')).toBe(false);
    expect(lockedSetting({ locked: { highlights: false } }, 'keepAnswers')).toBeUndefined();
  });
});
