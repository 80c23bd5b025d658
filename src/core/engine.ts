// Turns what a page shows (codes, diagnoses, payer and plan type) into the notes
// a biller reads. Every coverage fact it says, warnings included, comes from the
// rule set with the rule's sources; only product messages are worded here.
import { ruleIsStale } from './rule-age';
import { checkCriterion, type CriterionNote, type CriterionResult, type NextVisit } from './criteria';
import type { PayerMatch } from './payer';
import type { ChecklistQuestion, CodeCoverage, CoverageStatus, DnCode, PayerRule, RuleSet, Source, Statement } from './rules-schema';

export type { CriterionNote, CriterionResult, NextVisit };

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
  /** The visit being billed, as visits.ts counts it from the visit dates (Medicare's limits). */
  nextVisit?: NextVisit;
  /** The rendering provider, as the rule program's `providers` ids name them, when known from the call. */
  provider?: string;
}

export interface CodeNote {
  code: DnCode;
  status: CoverageStatus;
  headline: CodeCoverage['headline'];
  details: CodeCoverage['details'];
  criteria: CriterionNote[];
  verify: string[];
}

export type WarningKind = 'same-date' | 'medicare-diagnosis' | 'modifier' | 'stale-rule' | 'plan-type';

export interface Warning {
  kind: WarningKind;
  text: string;
  /** Ids in `Notes.sources`; absent only for product messages (a stale rule). */
  sources?: string[];
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

/** A plan type names whose rules apply: a Medicare Advantage plan sold by Aetna follows Medicare's. */
const RULES_FOR_PLAN_TYPE: Partial<Record<string, string>> = {
  'medicare-advantage': 'medicare',
  'medicaid-managed-care': 'medicaid',
};

function ruleForPayer(rules: RuleSet, payer: PayerMatch | null): PayerRule {
  const byPlan = payer?.planType ? RULES_FOR_PLAN_TYPE[payer.planType] : undefined;
  return ruleFor(rules, byPlan && rules.payers.some((p) => p.id === byPlan) ? byPlan : payer?.id);
}

export function checklistFor(rules: RuleSet, payerId: string | null | undefined): ChecklistQuestion[] {
  return rules.checklist.questions.filter((q) => q.payers.length === 0 || (payerId != null && q.payers.includes(payerId)));
}

/** Fills a rule's {placeholders}; the rule's words, the page's facts. */
function fill(statement: Statement, kind: WarningKind, vars: Record<string, string>): Warning {
  const text = statement.text.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
  return { kind, text, sources: statement.sources };
}

function datesOf(codes: readonly CodeFinding[], code?: DnCode): string[] {
  const dates = codes.filter((c) => c.dateOfService && (!code || c.code === code)).map((c) => c.dateOfService!);
  return [...new Set(dates)].sort();
}

function sameDates(codes: readonly CodeFinding[]): string[] {
  const d20560 = new Set(datesOf(codes, '20560'));
  return datesOf(codes, '20561').filter((d) => d20560.has(d));
}

function modifierWarnings(rule: PayerRule, codes: readonly CodeFinding[]): Warning[] {
  const known = rule.program?.modifiers ?? [];
  const seen = new Set<string>();
  const warnings: Warning[] = [];
  for (const finding of codes) {
    for (const mod of finding.modifiers ?? []) {
      const meaning = known.find((m) => m.code === mod);
      const key = `${finding.code}-${mod}`;
      if (!meaning || seen.has(key)) continue;
      seen.add(key);
      warnings.push({ kind: 'modifier', text: `${key}: ${mod} means ${meaning.meaning}.`, sources: meaning.sources });
    }
  }
  return warnings;
}

function codeNote(rule: PayerRule, code: DnCode, input: EngineInput): CodeNote {
  const cov = rule.coverage[code];
  const facts = {
    diagnoses: input.diagnoses,
    dates: datesOf(input.codes, code),
    ...(rule.program ? { program: rule.program } : {}),
    ...(input.nextVisit ? { nextVisit: input.nextVisit } : {}),
    ...(input.provider ? { provider: input.provider } : {}),
  };
  return {
    code,
    status: cov.status,
    headline: cov.headline,
    details: cov.details,
    criteria: cov.criteria.map((c) => checkCriterion(c, facts)),
    verify: cov.verify,
  };
}

export function evaluate(input: EngineInput, rules: RuleSet): Notes {
  const rule = ruleForPayer(rules, input.payer);
  const distinct = [...new Set(input.codes.map((c) => c.code))].sort();
  const codes = distinct.map((code) => codeNote(rule, code, input));
  let sources = rule.sources;
  const warnings: Warning[] = [];

  const clash = sameDates(input.codes);
  // Payers without their own words on this use the general rule in unknown.json.
  const sameDate = rule.warnings.sameDate ?? rules.unknown.warnings.sameDate;
  if (clash.length > 0 && sameDate) {
    warnings.push(fill(sameDate, 'same-date', { date: clash.join(', ') }));
    if (!rule.warnings.sameDate) sources = { ...rules.unknown.sources, ...sources };
  }

  const missedDx = codes.flatMap((c) => c.criteria).find((c) => c.check?.kind === 'program-diagnosis' && c.result === 'missed');
  if (missedDx && input.diagnoses.length > 0 && rule.warnings.diagnosis) {
    warnings.push(fill(rule.warnings.diagnosis, 'medicare-diagnosis', { because: missedDx.because ?? '' }));
  }

  warnings.push(...modifierWarnings(rule, input.codes));

  const planNote = input.payer?.planType ? rule.warnings.planTypes[input.payer.planType] : undefined;
  if (planNote) warnings.push(fill(planNote, 'plan-type', {}));

  if (ruleIsStale(rule.reviewed, input.today)) {
    warnings.push({ kind: 'stale-rule', text: `${rule.name} rules were last reviewed ${rule.reviewed}, more than a year ago: check the current policy.` });
  }

  return {
    payer: input.payer
      ? { id: rule.id, name: input.payer.name, short: rule.short, evidence: input.payer.evidence, ...(input.payer.planType ? { planType: input.payer.planType } : {}) }
      : null,
    reviewed: rule.reviewed,
    codes,
    warnings,
    checklist: checklistFor(rules, rule.id === rules.unknown.id ? null : rule.id),
    sources,
  };
}

const PLAN_LABEL: Partial<Record<string, string>> = {
  'medicare-advantage': 'Medicare Advantage',
  'medicaid-managed-care': 'Medicaid managed care',
};

/** "Aetna (Medicare Advantage)": the plan type says why Medicare's rules apply. */
function payerLabel(payer: NonNullable<Notes['payer']>): string {
  const plan = payer.planType ? PLAN_LABEL[payer.planType] : undefined;
  return plan && !payer.name.includes(plan) ? `${payer.name} (${plan})` : payer.name;
}

/** One line for the collapsed overlay pill and the popup header. */
export function summaryLine(notes: Notes): string {
  const codes = notes.codes.map((c) => c.code).join(', ');
  const who = notes.payer ? `${payerLabel(notes.payer)}: ${notes.payer.short}` : 'Payer unknown: check the plan';
  return codes ? `${codes} · ${who}` : who;
}
