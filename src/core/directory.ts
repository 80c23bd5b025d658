import type { PayerDirectoryEntry } from './payer';
import type { RuleSet } from './rules-schema';

/** The slice of the rules that content scripts need to recognise payers. */
export function payerDirectory(rules: RuleSet): PayerDirectoryEntry[] {
  return rules.payers.map(({ id, name, aliases, hostnames }) => ({ id, name, aliases, hostnames }));
}

/** Every host the content scripts run on, as match patterns, from the rules. */
export function contentMatchPatterns(rules: RuleSet): string[] {
  const hosts = new Set<string>();
  for (const p of rules.payers) for (const h of p.hostnames) hosts.add(h.replace(/^\*\./, ''));
  for (const p of rules.portals.portals) hosts.add(p.pattern.replace(/^\*\./, ''));
  return [...hosts].sort().map((h) => `https://*.${h}/*`);
}
