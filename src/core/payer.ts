// Works out which payer a page is about. A single-payer portal's hostname
// decides; on multi-payer portals (Availity, clearinghouses) only the page's
// own words do. A payer named next to a label that speaks for the claim or
// member ("Payer:", "Health plan") beats one merely mentioned, and one named
// as other coverage ("Secondary payer:") or in a list never decides. No
// evidence, or a tie between payers, means null, never a guess.
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

function isAcronym(text: string): boolean {
  return text.length <= 5 && text === text.toUpperCase();
}

// Short all-caps aliases ("UHC", "BCBS") are matched case-sensitively; words are
// matched in any case. Longer aliases come first so "Aetna Better Health" wins over "Aetna".
function compile(directory: readonly PayerDirectoryEntry[]): Compiled {
  const cached = compiledCache.get(directory);
  if (cached) return cached;
  const byKey = new Map<string, CompiledAlias>();
  for (const entry of directory) {
    for (const alias of [{ text: entry.name }, ...entry.aliases]) {
      const key = isAcronym(alias.text) ? alias.text : alias.text.toLowerCase();
      const existing = byKey.get(key);
      // The entry's own name carries no plan type; an alias of the same text that has one wins.
      if (!existing || (existing.entry === entry && !existing.planType && alias.planType)) {
        byKey.set(key, { entry, text: alias.text, planType: 'planType' in alias ? alias.planType : undefined });
      }
    }
  }
  const alternatives = [...byKey.values()]
    .sort((a, b) => b.text.length - a.text.length)
    .map((a) => escapeRegex(a.text).replace(/\\? /g, '\\s+'));
  // ASCII boundaries and no "u" flag: payer names are ASCII, and the unicode mode makes this scan several times slower.
  const regex = new RegExp(`(?<![A-Za-z0-9])(?:${alternatives.join('|') || '(?!)'})(?![A-Za-z0-9])`, 'gi');
  const result = { regex, byKey };
  compiledCache.set(directory, result);
  return result;
}

function lookup(compiled: Compiled, matched: string): CompiledAlias | undefined {
  const normal = matched.replace(/\s+/g, ' ');
  return compiled.byKey.get(normal) ?? (isAcronym(normal) && normal.length < 4 ? undefined : compiled.byKey.get(normal.toLowerCase()));
}

// A label that names the payer of what the page is about, with the value after
// a colon, a dash, or in the next cell (segments are joined with "\n").
const LABEL =
  /(?:^|[^A-Za-z])((?:(?:primary|secondary|tertiary|other|prior|previous|member'?s?|patient'?s?|subscriber'?s?|current)\s+)?(?:payer|payor|health\s*plan|benefit\s+plan|plan|insurance(?:\s+(?:company|carrier|plan))?|insurer|carrier|coverage)(?:\s*(?:name|id\s*\/\s*name))?)\s*(?:[:\-–]\s*|\n\s*)(?:[A-Z0-9]{3,6}\s*[-–]\s*)?$/i;
const LIST_SEPARATOR = /^[\s,;|/·•-]*$/;
const OTHER_COVERAGE = /^(?:secondary|tertiary|other|prior|previous)\b/i;
const COB_SECTION = /\b(?:coordination of benefits|other (?:insurance|coverage|payer\b)|COB\b|secondary (?:insurance|coverage))/i;
// "Medicare" and "Medicaid" also name ids, fee schedules and rules, not a payer.
const GENERIC_PROGRAM = new Set(['medicare', 'medicaid']);
const NOT_A_PAYER_AFTER =
  /^[\s-]*(?:ID\b|identifier|number|no\.|#|beneficiary|MBI\b|fee\s+schedules?|allowables?|allowed|rates?\b|guidelines?|approved|crossover|secondary\s+payer|card|eligib|coverage\s+(?:guidelines|rules)|(?:national|local)\s+coverage|NCD|LCD|benefit\s+policy|manual|policy\s+manual|physician\s+fee)/i;
const NOT_A_PAYER_BEFORE = /(?:\bnon[-\s]?|\bnot\s+)$/i;

export interface AliasMention {
  id: string;
  name: string;
  alias: string;
  planType?: PlanType;
  index: number;
  /** The words as the page writes them ("AETNA"). */
  matched?: string;
  /** The label right before it ("Payer:"), when there is one. */
  label?: string;
  /** 'claim' when a label speaks for this claim or member; 'other' for other coverage; 'list' in a list of payers. */
  role?: 'claim' | 'other' | 'list';
}

/** Does the text name any payer at all? A cheap first look; findPayerMentions decides. */
export function namesAnyPayer(text: string, directory: readonly PayerDirectoryEntry[]): boolean {
  const { regex } = compile(directory);
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}

export function findPayerMentions(text: string, directory: readonly PayerDirectoryEntry[]): AliasMention[] {
  const compiled = compile(directory);
  const raw: (AliasMention & { end: number })[] = [];
  compiled.regex.lastIndex = 0;
  for (let m = compiled.regex.exec(text); m; m = compiled.regex.exec(text)) {
    const alias = lookup(compiled, m[0]);
    if (!alias) continue; // a case-sensitive acronym seen in the wrong case
    const end = m.index + m[0].length;
    if (GENERIC_PROGRAM.has(alias.text.toLowerCase())) {
      if (NOT_A_PAYER_AFTER.test(text.slice(end, end + 30)) || NOT_A_PAYER_BEFORE.test(text.slice(Math.max(0, m.index - 5), m.index))) continue;
    }
    const labelMatch = LABEL.exec(text.slice(Math.max(0, m.index - 48), m.index));
    const mention: AliasMention & { end: number } = {
      id: alias.entry.id,
      name: alias.entry.name,
      alias: alias.text,
      planType: alias.planType,
      index: m.index,
      matched: m[0].replace(/\s+/g, ' '),
      end,
    };
    if (labelMatch) {
      const label = labelMatch[1]!.replace(/\s+/g, ' ');
      const cob = OTHER_COVERAGE.test(label) || COB_SECTION.test(text.slice(Math.max(0, m.index - 160), m.index));
      Object.assign(mention, { label, role: cob ? 'other' : 'claim' });
    }
    raw.push(mention);
  }
  // Payers one after another ("Aetna, Cigna", a menu of plans) are a list to choose from:
  // neither a label's answer nor evidence by count.
  for (let i = 0; i + 1 < raw.length; i++) {
    const a = raw[i]!;
    const b = raw[i + 1]!;
    if (b.index - a.end <= 6 && LIST_SEPARATOR.test(text.slice(a.end, b.index))) {
      for (const m of [a, b]) {
        delete m.label;
        m.role = 'list';
      }
    }
  }
  return raw.map(({ end: _end, ...m }) => m);
}

export interface IdentifyInput {
  hostname: string;
  /** Text segments of the page, in document order. */
  text: string;
  /** The user's choice for this site; beats everything. */
  override?: { id: string } | null;
}

// "Plan type: Medicare Advantage", "Line of business: Commercial": the page saying what kind of plan it is.
const PLAN_TYPE_LABEL =
  /(?:^|[^A-Za-z])(plan\s+type|line\s+of\s+business|LOB|product(?:\s+(?:line|type))?|coverage\s+type|program)\s*(?:[:\-–]\s*|\n\s*)(commercial|medicare\s+advantage|medicare\s+part\s+c|medicare|medicaid\s+managed\s+care|managed\s+medicaid|medicaid)(?![A-Za-z])/i;

function planTypeFromText(text: string, payerId: string): { planType: PlanType; words: string } | null {
  const m = PLAN_TYPE_LABEL.exec(text);
  if (!m) return null;
  const value = m[2]!.toLowerCase().replace(/\s+/g, ' ');
  const words = `${m[1]!.replace(/\s+/g, ' ')}: ${m[2]!.replace(/\s+/g, ' ')}`;
  if (value === 'commercial') return { planType: 'commercial', words };
  if (value.startsWith('medicare') && value !== 'medicare') return { planType: 'medicare-advantage', words };
  if (value === 'medicare') return { planType: payerId === 'medicare' ? 'traditional' : 'medicare-advantage', words };
  if (value === 'medicaid') return { planType: payerId === 'medicaid' ? 'traditional' : 'medicaid-managed-care', words };
  return { planType: 'medicaid-managed-care', words };
}

// A private plan's Medicare Advantage or Medicaid managed-care product follows that
// program's rules (as "Aetna Medicare Advantage" does in the rules data).
const PROGRAM_OF: Partial<Record<PlanType, string>> = { 'medicare-advantage': 'medicare', 'medicaid-managed-care': 'medicaid' };

function withPlanType(match: PayerMatch, text: string, directory: readonly PayerDirectoryEntry[]): PayerMatch {
  if (match.planType) return match;
  const found = planTypeFromText(text, match.id);
  if (!found) return match;
  const evidence = `${match.evidence}; "${found.words}" on the page`;
  const programId = PROGRAM_OF[found.planType];
  const program = programId && programId !== match.id ? directory.find((d) => d.id === programId) : undefined;
  if (program) return { ...match, id: program.id, name: program.name, evidence, planType: found.planType };
  return { ...match, evidence, planType: found.planType };
}

function describe(m: AliasMention, evidence: string, source: PayerMatch['source'], mentions: readonly AliasMention[]): PayerMatch {
  // "Payer: BCBS of Texas" then "Plan: Blue Choice PPO": the plan names the type the payer line does not.
  const planType = m.planType ?? mentions.find((o) => o.id === m.id && o.planType && (o.role === undefined || o.role === 'claim'))?.planType;
  return { id: m.id, name: m.name, evidence, source, ...(planType ? { planType } : {}) };
}

function quoted(m: AliasMention): string {
  return m.matched ?? m.alias;
}

function mostNamed(mentions: readonly AliasMention[]): { mention: AliasMention; count: number } | null {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  // Two payers named equally often: the page does not say which one it is about.
  if (!first || (second && second[1] === first[1])) return null;
  return { mention: mentions.find((m) => m.id === first[0])!, count: first[1] };
}

export function identifyPayer(input: IdentifyInput, directory: readonly PayerDirectoryEntry[]): PayerMatch | null {
  if (input.override) {
    const entry = directory.find((d) => d.id === input.override!.id);
    if (entry) return { id: entry.id, name: entry.name, evidence: 'chosen by you for this site', source: 'user' };
  }
  const { text } = input;
  const mentions = findPayerMentions(text, directory);
  const labeled = mentions.find((m) => m.role === 'claim');
  const byHost = payerFromHostname(input.hostname, directory);
  const labelMatch = (m: AliasMention) => describe(m, `"${m.label}: ${quoted(m)}" on the page`, 'label', mentions);

  if (byHost) {
    // On a payer's own portal a label refines the answer only to that payer or to a
    // Medicare Advantage or Medicaid plan it runs (a UHC page showing a Community Plan member).
    if (labeled && (labeled.id === byHost.id || (labeled.planType && PROGRAM_OF[labeled.planType] === labeled.id))) {
      return withPlanType(labelMatch(labeled), text, directory);
    }
    const typed = mentions.find((m) => m.id === byHost.id && m.planType && m.role !== 'other' && m.role !== 'list');
    return withPlanType(typed?.planType ? { ...byHost, planType: typed.planType } : byHost, text, directory);
  }
  if (labeled) return withPlanType(labelMatch(labeled), text, directory);

  const best = mostNamed(mentions.filter((m) => m.role === undefined));
  if (!best) return null;
  const { mention, count } = best;
  const times = count === 1 ? 'once' : `${count} times`;
  const others = new Set(mentions.map((m) => m.id)).size > 1 ? ', more than any other payer' : '';
  return withPlanType(describe(mention, `"${quoted(mention)}" named ${times} on the page${others}`, 'text', mentions), text, directory);
}
