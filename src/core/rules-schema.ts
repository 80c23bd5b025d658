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
});
export type Source = z.infer<typeof SourceSchema>;

/** Every sentence shown to a user carries the ids of the sources behind it. */
const sourceRefs = z.array(z.string().min(1)).min(1, 'every statement needs at least one source id');

export const StatementSchema = z.object({ text: z.string().min(1), sources: sourceRefs });
export type Statement = z.infer<typeof StatementSchema>;

/** A machine-checkable test a criterion can apply to the page's own facts. */
export const CriterionCheckSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('diagnosis'),
    /** ICD-10-CM codes or prefixes (a trailing * matches any continuation). */
    anyOf: z.array(z.string().regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{0,4})\*?$/, 'must be an ICD-10-CM code or prefix')).min(1),
    label: z.string().min(1),
  }),
]);
export type CriterionCheck = z.infer<typeof CriterionCheckSchema>;

export const CriterionSchema = StatementSchema.extend({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase words joined by hyphens'),
  check: CriterionCheckSchema.optional(),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const CodeCoverageSchema = z.object({
  status: CoverageStatusSchema,
  headline: StatementSchema,
  details: z.array(StatementSchema).default([]),
  criteria: z.array(CriterionSchema).default([]),
  /** Questions specific to this payer and code, asked on the verification call. */
  verify: z.array(z.string().min(1)).default([]),
});
export type CodeCoverage = z.infer<typeof CodeCoverageSchema>;

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
});
export type MedicareProgram = z.infer<typeof MedicareProgramSchema>;

export const PayerRuleSchema = z
  .object({
    id: z.union([PayerIdSchema, z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be a short lowercase id')]),
    name: z.string().min(1),
    reviewed: isoDate,
    /** "bullet" for pills: a few words a biller can read at a glance. */
    short: z.string().min(1).max(40),
    aliases: z.array(AliasSchema).default([]),
    hostnames: z.array(hostname).default([]),
    coverage: z.object({ '20560': CodeCoverageSchema, '20561': CodeCoverageSchema }),
    program: MedicareProgramSchema.optional(),
    sources: z.record(z.string(), SourceSchema),
  })
  .superRefine((rule, ctx) => {
    // A source id that points nowhere would show a fact without its source.
    const known = new Set(Object.keys(rule.sources));
    const visit = (value: unknown, path: (string | number)[]): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, i]));
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'sources' && Array.isArray(v) && path[0] !== 'sources') {
            v.forEach((ref, i) => {
              if (typeof ref === 'string' && !known.has(ref)) {
                ctx.addIssue({ code: 'custom', path: [...path, k, i], message: `unknown source id "${ref}"` });
              }
            });
          } else if (!(path.length === 0 && k === 'sources')) visit(v, [...path, k]);
        }
      }
    };
    visit(rule, []);
  });
export type PayerRule = z.infer<typeof PayerRuleSchema>;

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
});
export const AppealsSchema = z.object({
  reviewed: isoDate,
  steps: z.array(AppealStepSchema).min(1),
  letterOutline: z.array(z.string()).min(1),
});
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
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join('');
    return `${path || '(top level)'}: ${issue.message}`;
  });
}
