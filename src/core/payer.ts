// Works out which payer a page is about. A single-payer portal's hostname
// decides; on multi-payer portals (Availity, clearinghouses) only the page's
// own words do, and a payer named next to a label ("Payer:", "Health plan")
// beats one merely mentioned. No evidence means null, never a guess.
import type { PlanType } from './rules-schema';

/** The part of a payer rule detection needs: small enough to send to every frame. */
export interface PayerDirectoryEntry {
  id: string;
  name: string;
  aliases: { text: string; planType?: PlanType }[];
  hostnames: string[];
}

export interface PayerMatch {
  id: string;
  name: string;
  /** Why we think so, in words a biller can check against the page. */
  evidence: string;
  source: 'hostname' | 'label' | 'text' | 'user';
  planType?: PlanType;
}

function hostMatches(hostname: string, pattern: string): boolean {
  const bare = pattern.replace(/^\*\./, '');
  return hostname === bare || hostname.endsWith(`.${bare}`);
}

export function payerFromHostname(hostname: string, directory: readonly PayerDirectoryEntry[]): PayerMatch | null {
  const host = hostname.toLowerCase();
  for (const entry of directory) {
    const hit = entry.hostnames.find((h) => hostMatches(host, h));
    if (hit) return { id: entry.id, name: entry.name, evidence: `site ${host} belongs to ${entry.name}`, source: 'hostname' };
  }
  return null;
}

interface CompiledAlias {
  entry: PayerDirectoryEntry;
  text: string;
  planType?: PlanType;
}

interface Compiled {
  regex: RegExp;
  byKey: Map<string, CompiledAlias>;
}

const compiledCache = new WeakMap<readonly PayerDirectoryEntry[], Compiled>();

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Short all-caps aliases ("UHC", "BCBS") are matched case-sensitively; words are
// matched in any case. Longer aliases come first so "Aetna Better Health" wins over "Aetna".
function compile(directory: readonly PayerDirectoryEntry[]): Compiled {
  const cached = compiledCache.get(directory);
  if (cached) return cached;
  const byKey = new Map<string, CompiledAlias>();
  for (const entry of directory) {
    for (const alias of entry.aliases) {
      const key = alias.text.length <= 5 && alias.text === alias.text.toUpperCase() ? alias.text : alias.text.toLowerCase();
      if (!byKey.has(key)) byKey.set(key, { entry, text: alias.text, planType: alias.planType });
    }
  }
  const alternatives = [...byKey.values()]
    .sort((a, b) => b.text.length - a.text.length)
    .map((a) => escapeRegex(a.text).replace(/\\? /g, '\\s+'));
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'giu');
  const result = { regex, byKey };
  compiledCache.set(directory, result);
  return result;
}

function lookup(compiled: Compiled, matched: string): CompiledAlias | undefined {
  const normal = matched.replace(/\s+/g, ' ');
  return compiled.byKey.get(normal) ?? compiled.byKey.get(normal.toLowerCase());
}

const LABEL = /(?:^|[\s|>])(payer|primary payer|health ?plan|plan name|insurance(?: company| carrier)?|carrier|insurer|plan)\s*(?:name)?\s*[:\-–]\s*$/i;

export interface AliasMention {
  id: string;
  name: string;
  alias: string;
  planType?: PlanType;
  index: number;
  /** The label right before it ("Payer:"), when there is one. */
  label?: string;
}

export function findPayerMentions(text: string, directory: readonly PayerDirectoryEntry[]): AliasMention[] {
  const compiled = compile(directory);
  const mentions: AliasMention[] = [];
  compiled.regex.lastIndex = 0;
  for (let m = compiled.regex.exec(text); m; m = compiled.regex.exec(text)) {
    const alias = lookup(compiled, m[0]);
    if (!alias) continue; // a case-sensitive acronym seen in the wrong case
    const label = LABEL.exec(text.slice(Math.max(0, m.index - 40), m.index))?.[1];
    mentions.push({
      id: alias.entry.id,
      name: alias.entry.name,
      alias: alias.text,
      planType: alias.planType,
      index: m.index,
      ...(label ? { label } : {}),
    });
  }
  return mentions;
}

export interface IdentifyInput {
  hostname: string;
  /** Text segments of the page, in document order. */
  text: string;
  /** The user's choice for this site; beats everything. */
  override?: { id: string } | null;
}

export function identifyPayer(input: IdentifyInput, directory: readonly PayerDirectoryEntry[]): PayerMatch | null {
  if (input.override) {
    const entry = directory.find((d) => d.id === input.override!.id);
    if (entry) return { id: entry.id, name: entry.name, evidence: 'chosen by you for this site', source: 'user' };
  }
  const mentions = findPayerMentions(input.text, directory);
  const labeled = mentions.find((m) => m.label);
  const byHost = payerFromHostname(input.hostname, directory);
  // A labeled plan on a payer's own portal refines it (a UHC page showing a UHC Community Plan member).
  if (labeled && (!byHost || labeled.planType !== undefined || labeled.id === byHost.id)) {
    return describe(labeled, `"${labeled.label}: ${labeled.alias}" on the page`, 'label');
  }
  if (byHost) {
    const sameMention = mentions.find((m) => m.id === byHost.id && m.planType);
    return sameMention?.planType ? { ...byHost, planType: sameMention.planType } : byHost;
  }
  if (mentions.length === 0) return null;
  // Unlabelled mentions: the payer named most often, ties going to the first named.
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  const best = mentions.reduce((a, b) => ((counts.get(b.id) ?? 0) > (counts.get(a.id) ?? 0) ? b : a));
  return describe(best, `"${best.alias}" named on the page`, 'text');
}

function describe(m: AliasMention, evidence: string, source: PayerMatch['source']): PayerMatch {
  return { id: m.id, name: m.name, evidence, source, ...(m.planType ? { planType: m.planType } : {}) };
}
