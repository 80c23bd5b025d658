// Turns what a page shows (codes, diagnoses, payer) into the notes a biller
// reads. Everything it says comes from the rule set, with the rule's sources.
import { diagnosisMatches } from './diagnoses';
import type { PayerMatch } from './payer';
import type { ChecklistQuestion, CodeCoverage, CoverageStatus, Criterion, DnCode, PayerRule, RuleSet, Source } from './rules-schema';

export interface CodeFinding {
  code: DnCode;
  modifiers?: string[];
  units?: number;
  /** ISO date of service when the same row or line shows one. */
  dateOfService?: string;
}

export interface EngineInput {
  codes: readonly CodeFinding[];
  diagnoses: readonly string[];
  payer: PayerMatch | null;
  /** Today, ISO; passed in so the engine stays pure and testable. */
  today: string;
}

export type CriterionResult = 'met' | 'missed' | 'not-checked';

export interface CriterionNote extends Criterion {
  result: CriterionResult;
  /** Why, from the page's own facts: "M54.50 is a low back pain code". */
  because?: string;
}

export interface CodeNote {
  code: DnCode;
  status: CoverageStatus;
  headline: CodeCoverage['headline'];
  details: CodeCoverage['details'];
  criteria: CriterionNote[];
  verify: string[];
}

export type WarningKind = 'same-date' | 'medicare-diagnosis' | 'stale-rule' | 'plan-type';

export interface Warning {
  kind: WarningKind;
  text: string;
}

export interface Notes {
  payer: { id: string; name: string; short: string; evidence?: string; planType?: string } | null;
  reviewed: string;
  codes: CodeNote[];
  warnings: Warning[];
  checklist: ChecklistQuestion[];
  sources: Record<string, Source>;
}

export const STATUS_LABEL: Record<CoverageStatus, string> = {
  'covered-with-criteria': 'Covered with criteria',
  'not-covered': 'Usually not covered',
  investigational: 'Investigational',
  'varies-by-plan': 'Varies by plan',
  unknown: 'Unknown',
};

export function ruleFor(rules: RuleSet, payerId: string | null | undefined): PayerRule {
  return rules.payers.find((p) => p.id === payerId) ?? rules.unknown;
}

function checkCriterion(criterion: Criterion, diagnoses: readonly string[]): CriterionNote {
  const check = criterion.check;
  if (!check) return { ...criterion, result: 'not-checked' };
  const matching = diagnoses.filter((d) => check.anyOf.some((p) => diagnosisMatches(d, p)));
  if (matching.length > 0) return { ...criterion, result: 'met', because: `${matching.join(', ')} ${matching.length > 1 ? 'are' : 'is'} ${check.label}` };
  if (diagnoses.length === 0) return { ...criterion, result: 'missed', because: `no diagnosis code on this page, so ${check.label} is not shown` };
  return { ...criterion, result: 'missed', because: `${diagnoses.join(', ')} ${diagnoses.length > 1 ? 'are' : 'is'} not ${check.label}` };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function sameDateWarnings(codes: readonly CodeFinding[]): Warning[] {
  const byDate = new Map<string, Set<DnCode>>();
  for (const c of codes) {
    if (!c.dateOfService) continue;
    const set = byDate.get(c.dateOfService) ?? new Set<DnCode>();
    set.add(c.code);
    byDate.set(c.dateOfService, set);
  }
  return [...byDate]
    .filter(([, set]) => set.size > 1)
    .map(([date]) => ({
      kind: 'same-date' as const,
      text: `20560 and 20561 are both billed for ${date}: the codes are per session by total muscle count, so choose one (CMS edits reject both on one date).`,
    }));
}

export function checklistFor(rules: RuleSet, payerId: string | null | undefined): ChecklistQuestion[] {
  return rules.checklist.questions.filter((q) => q.payers.length === 0 || (payerId != null && q.payers.includes(payerId)));
}

export function evaluate(input: EngineInput, rules: RuleSet): Notes {
  const rule = ruleFor(rules, input.payer?.id);
  const distinct = [...new Set(input.codes.map((c) => c.code))].sort();
  const codes: CodeNote[] = distinct.map((code) => {
    const cov = rule.coverage[code];
    return {
      code,
      status: cov.status,
      headline: cov.headline,
      details: cov.details,
      criteria: cov.criteria.map((c) => checkCriterion(c, input.diagnoses)),
      verify: cov.verify,
    };
  });

  const warnings: Warning[] = [...sameDateWarnings(input.codes)];
  if (rule.program && distinct.length > 0) {
    const dxCriterion = codes[0]?.criteria.find((c) => c.check?.kind === 'diagnosis');
    if (dxCriterion?.result === 'missed' && input.diagnoses.length > 0) {
      warnings.push({ kind: 'medicare-diagnosis', text: `Medicare covers dry needling only for chronic low back pain; ${dxCriterion.because}.` });
    }
  }
  if (daysBetween(rule.reviewed, input.today) > 365) {
    warnings.push({ kind: 'stale-rule', text: `${rule.name} rules were last reviewed ${rule.reviewed}, more than a year ago: check the current policy.` });
  }

  return {
    payer: input.payer
      ? { id: rule.id, name: input.payer.name, short: rule.short, evidence: input.payer.evidence, ...(input.payer.planType ? { planType: input.payer.planType } : {}) }
      : null,
    reviewed: rule.reviewed,
    codes,
    warnings,
    checklist: checklistFor(rules, input.payer?.id),
    sources: rule.sources,
  };
}

/** One line for the collapsed overlay pill and the popup header. */
export function summaryLine(notes: Notes): string {
  const codes = notes.codes.map((c) => c.code).join(', ');
  const who = notes.payer ? `${notes.payer.name}: ${notes.payer.short}` : 'Payer unknown: check the plan';
  return codes ? `${codes} · ${who}` : who;
}
