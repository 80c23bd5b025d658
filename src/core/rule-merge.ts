// A practice's own rules: a file of payer rules checked with the very schema
// the shipped rules pass (PayerRuleSchema), layered over the shipped set by
// payer id. Same id: that payer's rule is replaced (an override of its notes);
// a new id: a custom payer is added. Managed rules go over the user's.
import * as z from 'zod';
import { DN_CODES, PayerRuleSchema, formatIssues, type PayerRule, type RuleSet } from './rules-schema';

export const RULES_FILE_FORMAT = 'dry-needling-coverage-rules';

/** One payer rule, or { payers: [...] } as export writes it. */
const RulesFileSchema = z
  .object({
    format: z.literal(RULES_FILE_FORMAT).optional(),
    payers: z.array(PayerRuleSchema).min(1, 'a rules file needs at least one payer'),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.payers.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['payers', i, 'id'], message: `payer "${p.id}" appears twice` });
      seen.add(p.id);
      if (p.id === 'unknown') ctx.addIssue({ code: 'custom', path: ['payers', i, 'id'], message: '"unknown" is reserved for pages with no payer' });
    });
  });

export type ParsedRules = { ok: true; payers: PayerRule[] } | { ok: false; problems: string[] };

export function parseRulesFile(text: string): ParsedRules {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`(file): not valid JSON: ${(e as Error).message}`] };
  }
  const single = data && typeof data === 'object' && !Array.isArray(data) && !('payers' in data);
  const result = RulesFileSchema.safeParse(single ? { payers: [data] } : data);
  if (result.success) return { ok: true, payers: result.data.payers };
  // A single payer's paths read as they do in its file, without the wrapper.
  const lines = formatIssues(result.error).map((l) => (single ? l.replace(/^payers\[0\]\.?/, '') : l));
  return { ok: false, problems: lines.map((l) => (l.startsWith(':') ? `(top level)${l}` : l)) };
}

/** The rule set with each layer's payers over the one before. */
export function mergeRules(base: RuleSet, ...layers: readonly (readonly PayerRule[])[]): RuleSet {
  const payers = [...base.payers];
  for (const layer of layers) {
    for (const rule of layer) {
      const at = payers.findIndex((p) => p.id === rule.id);
      if (at >= 0) payers[at] = rule;
      else payers.push(rule);
    }
  }
  return { ...base, payers };
}

export function exportRules(rules: RuleSet): string {
  return `${JSON.stringify({ format: RULES_FILE_FORMAT, payers: rules.payers }, null, 2)}\n`;
}

export interface PayerChange {
  id: string;
  name: string;
  kind: 'added' | 'changed' | 'removed';
  /** What differs, in words: "20560 headline: … → …". */
  details: string[];
}

const quote = (s: string) => `“${s.length > 90 ? `${s.slice(0, 87)}…` : s}”`;

function payerDetails(before: PayerRule, after: PayerRule): string[] {
  const details: string[] = [];
  if (before.name !== after.name) details.push(`name: ${quote(before.name)} → ${quote(after.name)}`);
  if (before.short !== after.short) details.push(`summary: ${quote(before.short)} → ${quote(after.short)}`);
  if (before.reviewed !== after.reviewed) details.push(`reviewed: ${before.reviewed} → ${after.reviewed}`);
  for (const code of DN_CODES) {
    const a = before.coverage[code];
    const b = after.coverage[code];
    if (a.status !== b.status) details.push(`${code} status: ${a.status} → ${b.status}`);
    if (a.headline.text !== b.headline.text) details.push(`${code} headline: ${quote(a.headline.text)} → ${quote(b.headline.text)}`);
    const listed = (label: string, x: readonly { text: string }[], y: readonly { text: string }[]) => {
      const added = y.filter((s) => !x.some((t) => t.text === s.text)).length;
      const removed = x.filter((s) => !y.some((t) => t.text === s.text)).length;
      if (added || removed) details.push(`${code} ${label}: ${added} added, ${removed} removed`);
    };
    listed('details', a.details, b.details);
    listed('criteria', a.criteria, b.criteria);
  }
  const hostsA = before.hostnames.join(', ');
  const hostsB = after.hostnames.join(', ');
  if (hostsA !== hostsB) details.push(`sites: ${hostsA || 'none'} → ${hostsB || 'none'}`);
  const aliasesA = before.aliases.map((a) => a.text).join(', ');
  const aliasesB = after.aliases.map((a) => a.text).join(', ');
  if (aliasesA !== aliasesB) details.push(`names recognised on pages: ${aliasesA || 'none'} → ${aliasesB || 'none'}`);
  if (details.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) details.push('sources or other details');
  return details;
}

/** What changes, payer by payer, when `after` replaces `before`: shown before an import is applied. */
export function describeChanges(before: RuleSet, after: RuleSet): PayerChange[] {
  const changes: PayerChange[] = [];
  for (const b of after.payers) {
    const a = before.payers.find((p) => p.id === b.id);
    if (!a) changes.push({ id: b.id, name: b.name, kind: 'added', details: [`new payer: ${b.coverage['20560'].headline.text}`] });
    else {
      const details = payerDetails(a, b);
      if (details.length) changes.push({ id: b.id, name: b.name, kind: 'changed', details });
    }
  }
  for (const a of before.payers) {
    if (!after.payers.some((p) => p.id === a.id)) changes.push({ id: a.id, name: a.name, kind: 'removed', details: [] });
  }
  return changes;
}
