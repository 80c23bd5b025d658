// Effective configuration = organization (managed storage) over user
// (storage.local) over built-in (the shipped rules). Pure: the background and
// the options page both compute what applies from the same three inputs.
import * as z from 'zod';
import type { RuleSet } from './rules-schema';
import type { Settings, SiteEntry } from './settings-migrations';
import { SiteEntrySchema } from './settings-migrations';
import { hostMatchesPattern, normalizeSitePattern, patternCovers } from './site-patterns';

export const LOCKABLE_SETTINGS = ['highlights', 'overlayExpanded', 'keepAnswers'] as const;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];
export type Locks = Partial<Record<LockableSetting, boolean>>;

/** What an admin may set (extension/managed-schema.json declares the same keys). */
export interface ManagedConfig {
  sites: SiteEntry[];
  /** The organization's rules file, as JSON text; parsed with the rules schema where it is used. */
  rules: string | null;
  locked: Locks;
  /** Values that were present but unusable, for the options page to show. */
  problems: string[];
}

export const EMPTY_MANAGED: ManagedConfig = { sites: [], rules: null, locked: {}, problems: [] };

/** Reads managed storage leniently: one bad value is reported and skipped, never the whole policy. */
export function parseManaged(raw: unknown): ManagedConfig {
  if (!raw || typeof raw !== 'object') return EMPTY_MANAGED;
  const value = raw as Record<string, unknown>;
  const problems: string[] = [];
  const sites: SiteEntry[] = [];
  if (value.sites !== undefined) {
    if (!Array.isArray(value.sites)) problems.push('sites: must be a list');
    else
      value.sites.forEach((entry, i) => {
        const parsed = SiteEntrySchema.safeParse(entry);
        const pattern = parsed.success ? normalizeSitePattern(parsed.data.pattern) : null;
        if (!parsed.success || !pattern) problems.push(`sites[${i}]: needs a "pattern" text and an optional "payer" text`);
        else if (!pattern.ok) problems.push(`sites[${i}].pattern: ${pattern.message}`);
        else sites.push({ pattern: pattern.pattern, ...(parsed.data.payer ? { payer: parsed.data.payer } : {}) });
      });
  }
  let rules: string | null = null;
  if (typeof value.rules === 'string' && value.rules.trim()) rules = value.rules;
  else if (value.rules !== undefined && value.rules !== '') problems.push('rules: must be the text of a rules file');
  const locked: Locks = {};
  const lockedRaw = z.record(z.string(), z.unknown()).safeParse(value.locked ?? {});
  if (!lockedRaw.success) problems.push('locked: must be an object of settings');
  else
    for (const [key, v] of Object.entries(lockedRaw.data)) {
      if (!(LOCKABLE_SETTINGS as readonly string[]).includes(key)) problems.push(`locked.${key}: not a setting that can be locked`);
      else if (typeof v !== 'boolean') problems.push(`locked.${key}: must be true or false`);
      else locked[key as LockableSetting] = v;
    }
  return { sites, rules, locked, problems };
}

export function applyLocks(settings: Settings, locks: Locks): Settings {
  return { ...settings, ...locks };
}

export interface BuiltInSite {
  pattern: string;
  name: string;
}

/** Every portal the manifest's content script covers, named for people. */
export function builtInSites(rules: RuleSet): BuiltInSite[] {
  const byPattern = new Map<string, BuiltInSite>();
  const add = (host: string, name: string) => {
    const pattern = `*.${host.replace(/^\*\./, '')}`;
    if (!byPattern.has(pattern)) byPattern.set(pattern, { pattern, name });
  };
  for (const p of rules.portals.portals) add(p.pattern, p.name);
  for (const payer of rules.payers) for (const h of payer.hostnames) add(h, payer.name);
  return [...byPattern.values()].sort((a, b) => a.name.localeCompare(b.name) || a.pattern.localeCompare(b.pattern));
}

export type SiteOrigin = 'built-in' | 'user' | 'organization';

export interface EffectiveSite {
  pattern: string;
  name?: string;
  payer?: string;
  origin: SiteOrigin;
  enabled: boolean;
}

export function effectiveSites(rules: RuleSet, settings: Settings, managed: ManagedConfig): EffectiveSite[] {
  const disabled = new Set(settings.disabledPortals);
  return [
    ...managed.sites.map((s) => ({ ...s, origin: 'organization' as const, enabled: true })),
    ...settings.sites.map((s) => ({ ...s, origin: 'user' as const, enabled: true })),
    ...builtInSites(rules).map((s) => ({ ...s, origin: 'built-in' as const, enabled: !disabled.has(s.pattern) })),
  ];
}

/** Added sites (organization and user) that need their own registered content script. */
export function addedSitesToRegister(rules: RuleSet, settings: Settings, managed: ManagedConfig): SiteEntry[] {
  const builtIn = builtInSites(rules).map((s) => s.pattern);
  const seen = new Set<string>();
  return effectiveSites(rules, settings, managed).filter((s) => {
    if (s.origin === 'built-in' || seen.has(s.pattern)) return false;
    seen.add(s.pattern);
    // On an enabled built-in portal the manifest's script already runs.
    return !builtIn.some((b) => patternCovers(b, s.pattern) && !settings.disabledPortals.includes(b));
  });
}

/** A host on a built-in portal the user turned off, and on no site added back. */
export function siteTurnedOff(host: string, rules: RuleSet, settings: Settings, managed: ManagedConfig): boolean {
  const sites = effectiveSites(rules, settings, managed).filter((s) => hostMatchesPattern(host, s.pattern));
  return sites.length > 0 && sites.every((s) => !s.enabled);
}

/** The payer set for a host: the organization's site payer, then the user's choice on the page, then the user's site payer. */
export function sitePayerFor(host: string, settings: Settings, managed: ManagedConfig): { id: string; by: 'organization' | 'user' } | undefined {
  const fromSites = (list: SiteEntry[]) => list.find((s) => s.payer && hostMatchesPattern(host, s.pattern))?.payer;
  const organization = fromSites(managed.sites);
  if (organization) return { id: organization, by: 'organization' };
  const user = settings.sitePayer[host] ?? fromSites(settings.sites);
  return user ? { id: user, by: 'user' } : undefined;
}
