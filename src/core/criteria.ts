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

/**
 * The visit being billed, as the visit tracker (visits.ts) classifies it from the
 * visit dates: one arithmetic for the popup, the call note and the criteria.
 */
export interface NextVisit {
  /** 1-based number of the visit in its year. */
  number: number;
  kind: 'initial' | 'needs-improvement' | 'over-limit';
  /** Whether a plan that asks for it wants the KX modifier on it. */
  kx: boolean;
}

export interface CriterionFacts {
  diagnoses: readonly string[];
  /** Dates of service shown for the code, ISO; empty when the page shows none. */
  dates: readonly string[];
  program?: MedicareProgram;
  nextVisit?: NextVisit;
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

function programVisitsCheck(program: MedicareProgram, next: NextVisit | undefined): Outcome {
  if (!next) return { result: 'not-checked', because: 'the visits used so far are not known' };
  const { initialVisits, windowDays, additionalVisits, annualMax } = program;
  if (next.kind === 'over-limit') {
    return { result: 'missed', because: `visit ${next.number} is past the limits: ${initialVisits.value} in ${windowDays.value} days, ${additionalVisits.value} more, no more than ${annualMax.value} a year` };
  }
  const kx = next.kx ? '; KX where the plan asks for it' : '';
  if (next.kind === 'needs-improvement') {
    return { result: 'not-checked', because: `visit ${next.number} is one of the ${additionalVisits.value} additional visits: it needs documented improvement${kx}` };
  }
  return { result: 'met', because: `visit ${next.number} is within the first ${initialVisits.value} in ${windowDays.value} days${kx}` };
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
    if (check.kind === 'program-visits') return programVisitsCheck(facts.program, facts.nextVisit);
    return programProviderCheck(facts.program, facts.provider);
  })();
  return { ...criterion, ...outcome };
}
