// Every message crossing a runtime boundary, as zod schemas. The background
// parses each one before acting; anything else is refused. Names say the
// direction: content→background, page (popup/options)→background.
import * as z from 'zod';
import { DN_CODES, PlanTypeSchema } from './rules-schema';

const DnCodeSchema = z.enum(DN_CODES);

export const PayerMatchSchema = z.object({
  id: z.string().max(60),
  name: z.string().max(120),
  evidence: z.string().max(300),
  source: z.enum(['hostname', 'label', 'text', 'user']),
  planType: PlanTypeSchema.optional(),
});

export const CodeFindingSchema = z.object({
  code: DnCodeSchema,
  modifiers: z.array(z.string().max(4)).max(8).optional(),
  units: z.number().int().min(0).max(99).optional(),
  dateOfService: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

export const FrameReportSchema = z.object({
  url: z.string().max(4096),
  codes: z.array(CodeFindingSchema).max(5000),
  diagnoses: z.array(z.string().max(10)).max(500),
  payer: PayerMatchSchema.nullable(),
});
export type FrameReport = z.infer<typeof FrameReportSchema>;

/** Messages a content script may send. None of them can name another tab. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('content:hello') }),
  z.object({ type: z.literal('content:report'), report: FrameReportSchema }),
  z.object({ type: z.literal('content:frame-gone') }),
  /** "Not this payer?" in the overlay: applies to the sender's own site only. */
  z.object({ type: z.literal('content:choose-payer'), payerId: z.string().max(60).nullable() }),
  /** "Hide on this site": also scoped to the sender's own site. */
  z.object({ type: z.literal('content:dismiss-site') }),
  /** The top frame has codes to show: inject the overlay bundle into it. */
  z.object({ type: z.literal('content:load-overlay') }),
]);

/** What a content script needs to start: the payer directory and the user's choices for its site. */
export interface ContentConfig {
  directory: import('./payer').PayerDirectoryEntry[];
  highlights: boolean;
  overlayExpanded: boolean;
  dismissed: boolean;
}
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

/**
 * A message on a content script's port: JSON text (see ExtensionContext.post),
 * still to be checked against ContentMessageSchema like any other. Anything
 * that is not JSON text is nothing.
 */
export function portMessageFromText(raw: unknown): unknown {
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

const tabId = z.number().int().nonnegative();

/** Messages only extension pages (popup, options) may send. */
export const PageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tab-state'), tabId }),
  z.object({ type: z.literal('page:notes'), tabId }),
  z.object({ type: z.literal('page:scan-tab'), tabId }),
  z.object({ type: z.literal('page:choose-payer'), tabId, payerId: z.string().max(60).nullable() }),
  z.object({ type: z.literal('page:toggle-overlay'), tabId }),
  /** The rules the popup shows beside a tab's notes: payer names, appeal steps, Medicare's visit limits. */
  z.object({ type: z.literal('page:rules') }),
]);
export type PageMessage = z.infer<typeof PageMessageSchema>;

/** The background's push to a tab's content scripts. */
export const BackgroundPushSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bg:notes'), notes: z.unknown(), summary: z.string() }),
  z.object({ type: z.literal('bg:toggle-overlay') }),
  z.object({ type: z.literal('bg:rescan') }),
]);
export type BackgroundPush = z.infer<typeof BackgroundPushSchema>;

export const TabStateSchema = z.object({
  codes: z.array(DnCodeSchema),
  diagnoses: z.array(z.string()),
  payer: PayerMatchSchema.nullable(),
  findings: z.array(CodeFindingSchema),
  url: z.string().optional(),
  frames: z.number().int(),
});
export type TabState = z.infer<typeof TabStateSchema>;

/** The background's answer to `page:rules`. */
export interface RulesView {
  payers: { id: string; name: string }[];
  appeals: import('./rules-schema').Appeals;
  /** Medicare's program numbers, with the sources they cite; null if the rules have none. */
  medicare: { program: import('./rules-schema').MedicareProgram; sources: Record<string, import('./rules-schema').Source> } | null;
}
