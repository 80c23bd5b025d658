// Medicare's visit limits for acupuncture / dry needling for chronic low back
// pain (NCD 30.3.3) as arithmetic over visit dates. The numbers come from the
// Medicare rule's `program` block, so a change in the rules changes the count.
//
// How visits are counted (said in the popup too, so a biller can check it):
// - per calendar year; the year's first visit opens the window of `windowDays`
//   days (that day is day 1, so day `windowDays` is the last day inside it);
// - the first `initialVisits` visits inside the window need nothing extra;
// - any later visit, or one after the window closed, is one of the
//   `additionalVisits` and needs documented improvement;
// - from visit number `kxFromVisit`, plans that ask for it want the KX modifier;
// - never more than `annualMax` visits in the year.

import type { MedicareProgram, Statement } from './rules-schema';

export interface VisitLimits {
  windowDays: number;
  initialVisits: number;
  additionalVisits: number;
  annualMax: number;
  kxFromVisit: number;
}

/** What a visit is under the limits. */
export type VisitKind = 'initial' | 'needs-improvement' | 'over-limit';

export interface CountedVisit {
  date: string;
  /** 1-based number of the visit in its calendar year. */
  number: number;
  kind: VisitKind;
  kx: boolean;
}

export interface VisitCount {
  year: number;
  /** The visits of `year` up to and including the reference date, counted. */
  visits: CountedVisit[];
  /** Entered visits after the reference date, not counted yet. */
  later: string[];
  /** `day`: which day of the window the reference date is (1 = the first visit's day). */
  window: { start: string; end: string; open: boolean; day: number } | null;
  usedInitial: number;
  usedAdditional: number;
  usedInYear: number;
  remainingInWindow: number;
  remainingAdditional: number;
  remainingInYear: number;
  /** The next visit, dated on the reference date. */
  next: CountedVisit;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isVisitDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && fromDay(toDay(value)) === value;
}

/** Distinct valid dates, oldest first: one visit a day is what the limits count. */
export function normaliseVisitDates(dates: readonly string[]): string[] {
  return [...new Set(dates.filter(isVisitDate))].sort();
}

/** The limits as plain numbers from the Medicare rule's program block. */
export function limitsFromProgram(program: Record<keyof VisitLimits, { value: number }>): VisitLimits {
  return {
    windowDays: program.windowDays.value,
    initialVisits: program.initialVisits.value,
    additionalVisits: program.additionalVisits.value,
    annualMax: program.annualMax.value,
    kxFromVisit: program.kxFromVisit.value,
  };
}

interface Tally {
  windowStart: number | null;
  initial: number;
  additional: number;
  counted: number;
}

function classify(day: number, tally: Tally, limits: VisitLimits): CountedVisit {
  const number = tally.counted + 1;
  const start = tally.windowStart ?? day;
  const inWindow = day - start < limits.windowDays;
  let kind: VisitKind;
  if (number > limits.annualMax) kind = 'over-limit';
  else if (inWindow && tally.initial < limits.initialVisits) kind = 'initial';
  else if (tally.additional < limits.additionalVisits) kind = 'needs-improvement';
  else kind = 'over-limit';
  return { date: fromDay(day), number, kind, kx: kind !== 'over-limit' && number >= limits.kxFromVisit };
}

function add(tally: Tally, visit: CountedVisit, day: number): void {
  tally.windowStart ??= day;
  tally.counted += 1;
  if (visit.kind === 'initial') tally.initial += 1;
  if (visit.kind === 'needs-improvement') tally.additional += 1;
}

/**
 * Counts the visits of the reference date's calendar year, on or before it,
 * and says what a visit on the reference date would need.
 */
export function countVisits(dates: readonly string[], on: string, limits: VisitLimits): VisitCount {
  if (!isVisitDate(on)) throw new Error(`not a date: ${on}`);
  const year = Number(on.slice(0, 4));
  const onDay = toDay(on);
  const all = normaliseVisitDates(dates).filter((d) => Number(d.slice(0, 4)) === year);
  const tally: Tally = { windowStart: null, initial: 0, additional: 0, counted: 0 };
  const visits: CountedVisit[] = [];
  for (const date of all.filter((d) => toDay(d) <= onDay)) {
    const day = toDay(date);
    const visit = classify(day, tally, limits);
    add(tally, visit, day);
    visits.push(visit);
  }
  const next = classify(onDay, tally, limits);
  const windowStart = tally.windowStart;
  const window =
    windowStart === null
      ? null
      : {
          start: fromDay(windowStart),
          end: fromDay(windowStart + limits.windowDays - 1),
          open: onDay - windowStart < limits.windowDays,
          day: onDay - windowStart + 1,
        };
  const usedInYear = visits.filter((v) => v.kind !== 'over-limit').length;
  const remainingInWindow = window === null || window.open ? limits.initialVisits - tally.initial : 0;
  const remainingAdditional = limits.additionalVisits - tally.additional;
  return {
    year,
    visits,
    later: all.filter((d) => toDay(d) > onDay),
    window,
    usedInitial: tally.initial,
    usedAdditional: tally.additional,
    usedInYear,
    remainingInWindow,
    remainingAdditional,
    remainingInYear: Math.max(0, Math.min(limits.annualMax - tally.counted, remainingInWindow + remainingAdditional)),
    next,
  };
}

/** The rules' sentences on what the next visit needs (MedicareProgram.visitAdvice). */
export type VisitAdvice = NonNullable<MedicareProgram['visitAdvice']>;

/**
 * One sentence on what the next visit needs, for the popup and the call note,
 * worded by the rules with their sources; null when the rules give no wording.
 */
export function nextVisitAdvice(count: VisitCount, limits: VisitLimits, advice: VisitAdvice | undefined): Statement | null {
  if (!advice) return null;
  const { next } = count;
  const fill = (template: string, why = '') =>
    template.replace(/\{(\w+)\}/g, (whole, key: string) => {
      if (key === 'number') return String(next.number);
      if (key === 'why') return why;
      return key in limits ? String(limits[key as keyof VisitLimits]) : whole;
    });
  const say = (statement: Statement, why?: string): Statement => ({ text: fill(statement.text, why), sources: statement.sources });
  if (next.kind === 'over-limit') return say(next.number > limits.annualMax ? advice.overAnnual : advice.overAdditional);
  const kx = next.kx ? say(advice.kx) : null;
  const withKx = (main: Statement): Statement => (kx ? { text: `${main.text} ${kx.text}`, sources: [...new Set([...main.sources, ...kx.sources])] } : main);
  if (next.kind === 'needs-improvement') {
    const why =
      next.number > limits.initialVisits
        ? `the first ${limits.initialVisits} are used`
        : `it falls after day ${limits.windowDays} of the window that began ${count.window?.start}`;
    return withKx(say(advice.needsImprovement, why));
  }
  return withKx(say(advice.withinInitial));
}

/**
 * The visit being billed today, as the engine's visit-limits criterion reads it;
 * null when no visit dates were entered (the criterion stays "not checked").
 */
export function nextVisitFromDates(dates: readonly string[], on: string, limits: VisitLimits): Pick<CountedVisit, 'number' | 'kind' | 'kx'> | null {
  if (normaliseVisitDates(dates).length === 0) return null;
  const { number, kind, kx } = countVisits(dates, on, limits).next;
  return { number, kind, kx };
}
