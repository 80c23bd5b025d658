// Checks a rule's criteria against what the page (and the call) tells us.
// Each answer says why in the page's own terms, so a biller can check it.
import { diagnosisMatches } from './diagnoses';
import type { Criterion, MedicareProgram } from './rules-schema';

export type CriterionResult = 'met' | 'missed' | 'not-checked';

export interface CriterionNote extends Criterion {
  result: CriterionResult;
  /** Why, from the page's own facts: "M54.50 is a low back pain code". */
  because?: string;
}

/** Visits already billed before the one being looked at. */
export interface VisitsUsed {
  /** In the program's window (90 days) ending today. */
  inWindow: number;
  /** In the benefit year. */
  inYear: number;
}

export interface CriterionFacts {
  diagnoses: readonly string[];
  /** Dates of service shown for the code, ISO; empty when the page shows none. */
  dates: readonly string[];
  program?: MedicareProgram;
  visits?: VisitsUsed;
  /** The rendering provider, as the program's `providers` ids name them. */
  provider?: string;
}

type Outcome = Pick<CriterionNote, 'result' | 'because'>;

const isAre = (n: number) => (n > 1 ? 'are' : 'is');

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function listCodes(codes: readonly string[]): string {
  return codes.join(', ');
}

function diagnosisListCheck(anyOf: readonly string[], label: string, diagnoses: readonly string[]): Outcome {
  const matching = diagnoses.filter((d) => anyOf.some((p) => diagnosisMatches(d, p)));
  if (matching.length > 0) return { result: 'met', because: `${listCodes(matching)} ${isAre(matching.length)} ${label}` };
  return noMatch(label, diagnoses);
}

function noMatch(label: string, diagnoses: readonly string[]): Outcome {
  if (diagnoses.length === 0) return { result: 'missed', because: `no diagnosis code on this page, so ${label} is not shown` };
  return { result: 'missed', because: `${listCodes(diagnoses)} ${isAre(diagnoses.length)} not ${label}` };
}

/** A code that was deleted counts only for dates of service up to its last valid day. */
function programDiagnosisCheck(program: MedicareProgram, label: string, facts: CriterionFacts): Outcome {
  const valid: string[] = [];
  const expired: { code: string; until: string; dates: string[] }[] = [];
  const caveats: string[] = [];
  for (const dx of facts.diagnoses) {
    const entry = program.lowBackPainCodes.find((c) => diagnosisMatches(dx, c.code));
    if (!entry) continue;
    const until = entry.validUntil;
    const late = until ? facts.dates.filter((d) => d > until) : [];
    if (late.length > 0) expired.push({ code: dx, until: until!, dates: late });
    else {
      valid.push(dx);
      if (until && facts.dates.length === 0) caveats.push(`${dx} counts only for dates of service up to ${until}`);
    }
  }
  if (valid.length > 0) {
    const because = `${listCodes(valid)} ${isAre(valid.length)} ${label}`;
    return { result: 'met', because: caveats.length ? `${because}; ${caveats.join('; ')}` : because };
  }
  if (expired.length > 0) {
    const e = expired[0]!;
    return { result: 'missed', because: `${e.code} is valid only for dates of service up to ${e.until}, not ${listCodes(e.dates)}` };
  }
  return noMatch(label, facts.diagnoses);
}

function programVisitsCheck(program: MedicareProgram, visits: VisitsUsed | undefined): Outcome {
  if (!visits) return { result: 'not-checked', because: 'the visits used so far are not known' };
  const max = program.annualMax.value;
  const initial = program.initialVisits.value;
  const kx = program.kxFromVisit.value;
  const next = visits.inYear + 1;
  if (visits.inYear >= max) return { result: 'missed', because: `${visits.inYear} visits are used this year; no more than ${max} are covered a year` };
  if (visits.inWindow >= initial) {
    return { result: 'not-checked', because: `${visits.inWindow} visits in the last ${program.windowDays.value} days: more need documented improvement` };
  }
  if (next >= kx) {
    return { result: 'not-checked', because: `this is visit ${next} this year: visits ${kx} to ${max} need documented improvement (and KX where the plan asks)` };
  }
  return { result: 'met', because: `this is visit ${next} this year and ${visits.inWindow + 1} in the last ${program.windowDays.value} days, within the first ${initial}` };
}

function programProviderCheck(program: MedicareProgram, provider: string | undefined): Outcome {
  const who = program.providers.find((p) => p.id === provider);
  if (!who) return { result: 'not-checked', because: "the provider's credentials are not shown on this page" };
  return who.eligible
    ? { result: 'met', because: `the provider is a ${who.label.toLowerCase()}${who.requirements.length ? ` (${who.requirements.map(lowerFirst).join('; ')})` : ''}` }
    : { result: 'missed', because: `a ${who.label.toLowerCase()} is not among the providers who may furnish it` };
}

export function checkCriterion(criterion: Criterion, facts: CriterionFacts): CriterionNote {
  const check = criterion.check;
  const outcome = ((): Outcome => {
    if (!check) return { result: 'not-checked' };
    if (check.kind === 'diagnosis') return diagnosisListCheck(check.anyOf, check.label, facts.diagnoses);
    // The schema refuses program checks in a file without a program.
    if (!facts.program) return { result: 'not-checked' };
    if (check.kind === 'program-diagnosis') return programDiagnosisCheck(facts.program, check.label, facts);
    if (check.kind === 'program-visits') return programVisitsCheck(facts.program, facts.visits);
    return programProviderCheck(facts.program, facts.provider);
  })();
  return { ...criterion, ...outcome };
}
