import { describe, expect, it } from 'vitest';
import medicare from '../../rules/medicare.json';
import { countVisits, isVisitDate, nextVisitFromDates, limitsFromProgram, nextVisitAdvice, normaliseVisitDates, type VisitLimits } from '../../src/core/visits';

const limits: VisitLimits = limitsFromProgram(medicare.program);
/** The rules' own wording, filled in for a count. */
const say = (count: ReturnType<typeof countVisits>) => nextVisitAdvice(count, limits, medicare.program.visitAdvice)?.text;

/** `n` visits a day apart from `start` (ISO). */
function daily(start: string, n: number): string[] {
  const base = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(base + i * 86_400_000).toISOString().slice(0, 10));
}

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('limits come from the Medicare rule', () => {
  it('reads the program block', () => {
    expect(limits).toEqual({ windowDays: 90, initialVisits: 12, additionalVisits: 8, annualMax: 20, kxFromVisit: 13 });
  });

  it('other numbers give other answers (nothing hard-coded)', () => {
    const other: VisitLimits = { windowDays: 60, initialVisits: 6, additionalVisits: 2, annualMax: 8, kxFromVisit: 5 };
    const c = countVisits(daily('2026-01-05', 6), '2026-01-20', other);
    expect(c.next).toMatchObject({ number: 7, kind: 'needs-improvement', kx: true });
    expect(c.remainingInYear).toBe(2);
    expect(c.window).toMatchObject({ start: '2026-01-05', end: '2026-03-05' });
  });
});

describe('dates', () => {
  it('keeps real dates only, one per day, sorted', () => {
    expect(normaliseVisitDates(['2026-03-02', '2026-02-30', 'soon', '2026-01-10', '2026-03-02'])).toEqual(['2026-01-10', '2026-03-02']);
    expect(isVisitDate('2024-02-29')).toBe(true);
    expect(isVisitDate('2025-02-29')).toBe(false);
  });

  it('refuses a reference date that is not a date', () => {
    expect(() => countVisits([], '27/11/2026', limits)).toThrow(/not a date/);
  });
});

describe('the 90-day window', () => {
  it('no visits: the next is visit 1, initial, and the whole year remains', () => {
    const c = countVisits([], '2026-04-01', limits);
    expect(c.window).toBeNull();
    expect(c.next).toMatchObject({ number: 1, kind: 'initial', kx: false });
    expect(c.remainingInWindow).toBe(12);
    expect(c.remainingInYear).toBe(20);
  });

  it('day 90 is inside the window, day 91 is outside', () => {
    const first = '2026-02-01';
    const day90 = plusDays(first, 89);
    const day91 = plusDays(first, 90);
    const inside = countVisits([first], day90, limits);
    expect(inside.window).toEqual({ start: first, end: day90, open: true, day: 90 });
    expect(inside.next).toMatchObject({ number: 2, kind: 'initial' });
    expect(inside.remainingInWindow).toBe(11);

    const outside = countVisits([first], day91, limits);
    expect(outside.window).toMatchObject({ open: false, day: 91 });
    expect(outside.next).toMatchObject({ number: 2, kind: 'needs-improvement', kx: false });
    expect(outside.remainingInWindow).toBe(0);
    expect(outside.remainingAdditional).toBe(8);
    expect(outside.remainingInYear).toBe(8);
    expect(say(outside)).toContain(`after day 90 of the window that began ${first}`);
  });

  it('a visit on day 91 counts as an additional visit', () => {
    const first = '2026-02-01';
    const c = countVisits([first, plusDays(first, 90)], plusDays(first, 100), limits);
    expect(c.visits.map((v) => v.kind)).toEqual(['initial', 'needs-improvement']);
    expect(c.usedAdditional).toBe(1);
    expect(c.remainingAdditional).toBe(7);
  });
});

describe('visit numbers 12, 13, 20 and 21', () => {
  const dates = daily('2026-03-02', 21);

  it('visit 12 is the last initial visit, without KX', () => {
    const c = countVisits(dates.slice(0, 11), dates[11]!, limits);
    expect(c.next).toMatchObject({ number: 12, kind: 'initial', kx: false });
    expect(say(c)).toMatch(/^Visit 12 is within the first 12 in 90 days/);
  });

  it('visit 13 needs documented improvement and KX', () => {
    const c = countVisits(dates.slice(0, 12), dates[12]!, limits);
    expect(c.usedInitial).toBe(12);
    expect(c.remainingInWindow).toBe(0);
    expect(c.next).toMatchObject({ number: 13, kind: 'needs-improvement', kx: true });
    expect(c.remainingInYear).toBe(8);
    const advice = say(c);
    expect(advice).toContain('document the patient\'s improvement');
    expect(advice).toContain('KX modifier');
  });

  it('visit 20 is the last one Medicare pays for in the year', () => {
    const c = countVisits(dates.slice(0, 19), dates[19]!, limits);
    expect(c.next).toMatchObject({ number: 20, kind: 'needs-improvement', kx: true });
    expect(c.remainingInYear).toBe(1);
  });

  it('visit 21 is over the annual limit: ABN', () => {
    const c = countVisits(dates.slice(0, 20), dates[20]!, limits);
    expect(c.usedInYear).toBe(20);
    expect(c.remainingInYear).toBe(0);
    expect(c.next).toMatchObject({ number: 21, kind: 'over-limit', kx: false });
    expect(say(c)).toMatch(/limit of 20 a year.*ABN/);
  });

  it('entered visits past 20 are shown as over the limit and not counted as used', () => {
    const c = countVisits(dates, dates[20]!, limits);
    expect(c.visits[20]).toMatchObject({ number: 21, kind: 'over-limit' });
    expect(c.usedInYear).toBe(20);
  });
});

describe('the year boundary', () => {
  it('visits of last year do not count against this year', () => {
    const december = daily('2025-12-01', 15);
    const c = countVisits(december, '2026-01-05', limits);
    expect(c.year).toBe(2026);
    expect(c.visits).toEqual([]);
    expect(c.next).toMatchObject({ number: 1, kind: 'initial' });
    expect(c.remainingInYear).toBe(20);
  });

  it('on 31 December the December visits count; on 1 January they do not', () => {
    const dates = ['2025-12-30', '2025-12-31', '2026-01-01'];
    expect(countVisits(dates, '2025-12-31', limits).usedInYear).toBe(2);
    const jan = countVisits(dates, '2026-01-01', limits);
    expect(jan.usedInYear).toBe(1);
    expect(jan.window?.start).toBe('2026-01-01');
  });

  it('visits after the reference date are listed but not counted', () => {
    const c = countVisits(['2026-05-01', '2026-05-20'], '2026-05-10', limits);
    expect(c.visits.map((v) => v.date)).toEqual(['2026-05-01']);
    expect(c.later).toEqual(['2026-05-20']);
  });
});

describe('the additional visits run out before the annual limit when the window closed early', () => {
  it('3 initial visits, then 8 after day 90: none left', () => {
    const early = daily('2026-01-10', 3);
    const late = daily('2026-06-01', 8);
    const c = countVisits([...early, ...late], '2026-06-20', limits);
    expect(c.usedInitial).toBe(3);
    expect(c.usedAdditional).toBe(8);
    expect(c.remainingInYear).toBe(0);
    expect(c.next.kind).toBe('over-limit');
    expect(say(c)).toMatch(/8 additional visits are used up/);
  });
});

describe('nextVisitFromDates', () => {
  const limits = { windowDays: 90, initialVisits: 12, additionalVisits: 8, annualMax: 20, kxFromVisit: 13 };
  it('is null with no visit dates, so the criterion stays not checked', () => {
    expect(nextVisitFromDates([], '2026-05-01', limits)).toBeNull();
  });
  it('classifies the visit billed on the reference date', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `2026-03-${String(i + 2).padStart(2, '0')}`);
    expect(nextVisitFromDates(twelve.slice(0, 1), '2026-03-20', limits)).toEqual({ number: 2, kind: 'initial', kx: false });
    expect(nextVisitFromDates(twelve, '2026-03-20', limits)).toEqual({ number: 13, kind: 'needs-improvement', kx: true });
  });
});

describe('the sentence on the next visit is the rules\' own', () => {
  const dates = daily('2026-03-02', 21);

  it('carries the sources of the statements it is made of', () => {
    const over = nextVisitAdvice(countVisits(dates.slice(0, 20), dates[20]!, limits), limits, medicare.program.visitAdvice);
    expect(over?.sources).toEqual(medicare.program.visitAdvice.overAnnual.sources);
    const withKx = nextVisitAdvice(countVisits(dates.slice(0, 12), dates[12]!, limits), limits, medicare.program.visitAdvice);
    expect(withKx?.sources).toEqual([...new Set([...medicare.program.visitAdvice.needsImprovement.sources, ...medicare.program.visitAdvice.kx.sources])]);
  });

  it('follows the rules: other wording and other numbers change the sentence', () => {
    const advice = {
      ...medicare.program.visitAdvice,
      withinInitial: { text: 'Visit {number} of {initialVisits}: fine ({windowDays}-day window, {unknown} left as is).', sources: ['seed'] },
    };
    const tighter = { ...limits, initialVisits: 6, windowDays: 60 };
    expect(nextVisitAdvice(countVisits(dates.slice(0, 2), dates[2]!, tighter), tighter, advice)?.text).toBe('Visit 3 of 6: fine (60-day window, {unknown} left as is).');
  });

  it('is null when the rules give no wording (a practice\'s own program): no sentence without a source', () => {
    expect(nextVisitAdvice(countVisits([], '2026-03-02', limits), limits, undefined)).toBeNull();
  });
});
