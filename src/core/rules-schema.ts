// The one definition of what a rule file may contain. Shipped rules are checked
// against it by build.mjs and rules a user imports are checked by the same code,
// so the two can never disagree.
import * as z from 'zod';

export const PAYER_IDS = ['aetna', 'cigna', 'uhc', 'bcbs', 'medicare', 'medicaid'] as const;
export const PayerIdSchema = z.enum(PAYER_IDS);
export type PayerId = z.infer<typeof PayerIdSchema>;

export const DN_CODES = ['20560', '20561'] as const;
export type DnCode = (typeof DN_CODES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const CoverageStatusSchema = z.enum([
  'covered-with-criteria',
  'not-covered',
  'investigational',
  'varies-by-plan',
  'unknown',
]);
export type CoverageStatus = z.infer<typeof CoverageStatusSchema>;

export const PlanTypeSchema = z.enum(['commercial', 'medicare-advantage', 'medicaid-managed-care', 'traditional']);
export type PlanType = z.infer<typeof PlanTypeSchema>;

export const SourceSchema = z.object({
  title: z.string().min(1),
  url: z.string().url(),
  checked: isoDate,
  /** Whose page it is: the payer's or the government's own, or someone restating them. */
  kind: z.enum(['payer', 'government', 'association', 'secondary']),
  confidence: z.enum(['seen-verbatim', 'seen-secondary', 'inferred']),
  /** What this source does not show, or how it was seen (a stored copy, an old version). */
  note: z.string().min(1).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** Every sentence shown to a user carries the ids of the sources behind it. */
const sourceRefs = z.array(z.string().min(1)).min(1, 'every statement needs at least one source id');

export const StatementSchema = z.object({ text: z.string().min(1), sources: sourceRefs });
export type Statement = z.infer<typeof StatementSchema>;

const icd10Pattern = z.string().regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{0,4})\*?$/, 'must be an ICD-10-CM code or prefix');

/** A machine-checkable test a criterion can apply to the page's own facts. */
export const CriterionCheckSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('diagnosis'),
    /** ICD-10-CM codes or prefixes (a trailing * matches any continuation). */
    anyOf: z.array(icd10Pattern).min(1),
    label: z.string().min(1),
  }),
  /** The diagnosis is one of the program's low back pain codes, valid on the date of service. */
  z.object({ kind: z.literal('program-diagnosis'), label: z.string().min(1) }),
  /** The visit about to be billed fits the program's visit limits. */
  z.object({ kind: z.literal('program-visits') }),
  /** The rendering provider is one the program lets furnish the service. */
  z.object({ kind: z.literal('program-provider') }),
]);
export type CriterionCheck = z.infer<typeof CriterionCheckSchema>;

export const CriterionSchema = StatementSchema.extend({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase words joined by hyphens'),
  check: CriterionCheckSchema.optional(),
});
export type Criterion = z.infer<typeof CriterionSchema>;

const CodeCoverageObject = z.object({
  status: CoverageStatusSchema,
  headline: StatementSchema,
  details: z.array(StatementSchema).default([]),
  criteria: z.array(CriterionSchema).default([]),
  /** Questions specific to this payer and code, asked on the verification call. */
  verify: z.array(z.string().min(1)).default([]),
});
export const CodeCoverageSchema = CodeCoverageObject;
export type CodeCoverage = z.infer<typeof CodeCoverageSchema>;

/**
 * 20561 usually says exactly what 20560 says; `{ "sameAs": "20560" }` keeps one
 * copy in the file so the two cannot drift apart. Parsed rules always hold both.
 */
const SameAs20560 = z.object({ sameAs: z.literal('20560') }).strict();
const CoverageByCodeSchema = z
  .object({ '20560': CodeCoverageSchema, '20561': z.union([SameAs20560, CodeCoverageSchema]) })
  .transform((c) => ({ '20560': c['20560'], '20561': 'sameAs' in c['20561'] ? c['20560'] : c['20561'] }));

export const AliasSchema = z.object({
  text: z.string().min(2),
  planType: PlanTypeSchema.optional(),
});
export type Alias = z.infer<typeof AliasSchema>;

const hostname = z
  .string()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a hostname such as uhcprovider.com or *.availity.com');

const Numbered = z.object({ value: z.number().int().positive(), sources: sourceRefs });

/** Medicare's numbers are data the visit arithmetic runs on, not only prose. */
export const MedicareProgramSchema = z.object({
  chronicLowBackPainMinWeeks: Numbered,
  windowDays: Numbered,
  initialVisits: Numbered,
  additionalVisits: Numbered,
  annualMax: Numbered,
  /** The session number from which plans that ask for it want the KX modifier. */
  kxFromVisit: Numbered,
  /** Low back pain diagnosis codes, with the date a code stopped being valid. */
  lowBackPainCodes: z
    .array(z.object({ code: z.string().min(3), label: z.string().min(1), validUntil: isoDate.optional(), sources: sourceRefs }))
    .min(1),
  /** Who may furnish the service; `eligible: false` names those who may not bill it. */
  providers: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        label: z.string().min(1),
        eligible: z.boolean(),
        requirements: z.array(z.string().min(1)).default([]),
        sources: sourceRefs,
      }),
    )
    .default([]),
  /** Claim modifiers the program gives a meaning to (ABN: GA, GY, GZ; KX for sessions 13 to 20). */
  modifiers: z.array(z.object({ code: z.string().regex(/^[A-Z0-9]{2}$/), meaning: z.string().min(1), sources: sourceRefs })).default([]),
  /**
   * What the visit tracker says the next visit needs. Placeholders: {number}
   * (the visit), {why} (which limit it passed), and the numbers above by name
   * ({initialVisits}, {windowDays}, {additionalVisits}, {annualMax},
   * {kxFromVisit}). Optional: a practice's own program without it still loads,
   * and the tracker shows its counts without a sentence.
   */
  visitAdvice: z
    .object({
      withinInitial: StatementSchema,
      needsImprovement: StatementSchema,
      overAnnual: StatementSchema,
      overAdditional: StatementSchema,
      kx: StatementSchema,
    })
    .optional(),
});
export type MedicareProgram = z.infer<typeof MedicareProgramSchema>;

/**
 * Warnings are coverage facts too, so their words and sources live in the rules.
 * Placeholders the engine fills: {date} (same-date) and {because} (diagnosis).
 */
export const WarningsSchema = z.object({
  /** 20560 and 20561 on one date of service. unknown.json holds the default for payers without their own. */
  sameDate: StatementSchema.optional(),
  /** The diagnosis on the page does not meet the program's diagnosis criterion. */
  diagnosis: StatementSchema.optional(),
  /** Shown when the page names this plan type (a Medicare Advantage or Medicaid managed-care plan). */
  planTypes: z.partialRecord(PlanTypeSchema, StatementSchema).default({}),
});
export type RuleWarnings = z.infer<typeof WarningsSchema>;

export const PayerRuleSchema = z
  .object({
    id: z.union([PayerIdSchema, z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be a short lowercase id')]),
    name: z.string().min(1),
    reviewed: isoDate,
    /** "bullet" for pills: a few words a biller can read at a glance. */
    short: z.string().min(1).max(40),
    aliases: z.array(AliasSchema).default([]),
    hostnames: z.array(hostname).default([]),
    coverage: CoverageByCodeSchema,
    program: MedicareProgramSchema.optional(),
    warnings: WarningsSchema.default({ planTypes: {} }),
    sources: z.record(z.string(), SourceSchema),
  })
  .superRefine((rule, ctx) => {
    checkSourceRefs(rule, ctx);
    // A check that reads the program needs a program to read.
    if (!rule.program) {
      for (const code of DN_CODES) {
        // Refinements also run after a field failed, when the value may be unparsed input.
        const criteria: Criterion[] = rule.coverage?.[code]?.criteria ?? [];
        criteria.forEach((c, i) => {
          if (c.check && c.check.kind !== 'diagnosis') {
            ctx.addIssue({ code: 'custom', path: ['coverage', code, 'criteria', i, 'check', 'kind'], message: `"${c.check.kind}" needs a program block in this file` });
          }
        });
      }
    }
  });
export type PayerRule = z.infer<typeof PayerRuleSchema>;

/** A source id that points nowhere would show a fact without its source. */
function checkSourceRefs(file: { sources: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  const known = new Set(Object.keys(file.sources ?? {})); // absent when the catalogue itself failed to parse
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, i]));
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 0 && k === 'sources') continue; // the catalogue itself
      if (k === 'sources' && Array.isArray(v)) {
        v.forEach((ref, i) => {
          if (typeof ref === 'string' && !known.has(ref)) ctx.addIssue({ code: 'custom', path: [...path, k, i], message: `unknown source id "${ref}"` });
        });
      } else visit(v, [...path, k]);
    }
  };
  visit(file, []);
}

export const AnswerTypeSchema = z.enum(['yes-no-unknown', 'amount', 'percentage', 'text', 'date', 'datetime', 'choice']);
export type AnswerType = z.infer<typeof AnswerTypeSchema>;

export const ChecklistQuestionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string().min(1),
  answer: AnswerTypeSchema,
  choices: z.array(z.string()).optional(),
  /** Empty means every payer, including an unknown one. */
  payers: z.array(z.string()).default([]),
  /** Filled from the page: the codes or diagnoses found. */
  prefill: z.enum(['cpt', 'icd10', 'payer', 'now']).optional(),
  fromSeed: z.boolean().default(false),
});
export type ChecklistQuestion = z.infer<typeof ChecklistQuestionSchema>;

export const ChecklistSchema = z.object({
  reviewed: isoDate,
  questions: z.array(ChecklistQuestionSchema).min(1),
});
export type Checklist = z.infer<typeof ChecklistSchema>;

export const AppealStepSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  text: z.string().min(1),
  items: z.array(z.string().min(1)).default([]),
  payers: z.array(z.string()).default([]),
  /** Ids in the file's `sources`: the step is a fact about appeal rights and needs one. */
  sources: z.array(z.string().min(1)).default([]),
});
export const AppealsSchema = z
  .object({
    reviewed: isoDate,
    steps: z.array(AppealStepSchema).min(1),
    letterOutline: z.array(z.string()).min(1),
    sources: z.record(z.string(), SourceSchema).default({}),
  })
  .superRefine(checkSourceRefs);
export type Appeals = z.infer<typeof AppealsSchema>;

export const PortalSchema = z.object({
  pattern: hostname,
  name: z.string().min(1),
  /** A multi-payer portal (clearinghouse, Availity) names no payer. */
  kind: z.enum(['payer', 'medicare-contractor', 'medicaid', 'multi-payer', 'clearinghouse']),
});
export const PortalsSchema = z.object({ portals: z.array(PortalSchema).min(1) });
export type Portal = z.infer<typeof PortalSchema>;

export const RuleSetSchema = z.object({
  payers: z.array(PayerRuleSchema),
  unknown: PayerRuleSchema,
  checklist: ChecklistSchema,
  appeals: AppealsSchema,
  portals: PortalsSchema,
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

/** Which schema each file in rules/ must satisfy, by file name. */
export function schemaForRuleFile(fileName: string): z.ZodType {
  const base = fileName.replace(/\.json$/, '');
  if (base === 'checklist') return ChecklistSchema;
  if (base === 'appeals') return AppealsSchema;
  if (base === 'portals') return PortalsSchema;
  return PayerRuleSchema;
}

/** "coverage.20560.headline.sources[0]: unknown source id" — file-and-field messages for people. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => {
        if (typeof p === 'number') return `[${p}]`;
        // An empty key, or one with a dot, bracket, colon or space, would make the path ambiguous: quote it.
        if (typeof p !== 'string' || !/^[^.:[\]\s"]+$/.test(p)) return `[${JSON.stringify(String(p))}]`;
        return i === 0 ? p : `.${p}`;
      })
      .join('');
    return `${path || '(top level)'}: ${issue.message}`;
  });
}
