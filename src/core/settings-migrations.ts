// The stored settings' shape, its versions, and the way up from older ones.
// Anything that is not a known version, or does not fit after migrating,
// comes back as the defaults with `recovered` set: a broken store must never
// block the extension, and the user is told once (options shows it).
import * as z from 'zod';

export const SETTINGS_VERSION = 2;

export const SiteEntrySchema = z.object({
  /** A hostname pattern: portal.example.com, or *.example.com for it and every subdomain. */
  pattern: z.string().min(1).max(253),
  /** The payer every page of the site is about, when the site serves one payer. */
  payer: z.string().max(60).optional(),
});
export type SiteEntry = z.infer<typeof SiteEntrySchema>;

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  highlights: z.boolean(),
  overlayExpanded: z.boolean(),
  keepAnswers: z.boolean(),
  /** hostname → payer id chosen by the user for that site. */
  sitePayer: z.record(z.string(), z.string()),
  /** hostnames where the user hid the overlay. */
  hiddenSites: z.array(z.string()),
  /** Built-in portal patterns the user turned off. */
  disabledPortals: z.array(z.string()),
  /** Sites the user added, each with the host permission they granted. */
  sites: z.array(SiteEntrySchema),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  highlights: true,
  overlayExpanded: false,
  keepAnswers: false,
  sitePayer: {},
  hiddenSites: [],
  disabledPortals: [],
  sites: [],
};

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns version n into version n + 1. */
const MIGRATIONS: Record<number, Migration> = {
  // Version 2 added the site list and the built-in portals a user can turn off.
  1: (old) => ({ ...old, version: 2, disabledPortals: [], sites: [] }),
};

export interface MigrationResult {
  settings: Settings;
  /** The stored value changed shape and should be written back. */
  migrated: boolean;
  /** The stored value was unusable: these are the defaults. */
  recovered: boolean;
}

export function migrateSettings(raw: unknown): MigrationResult {
  if (raw === undefined) return { settings: DEFAULT_SETTINGS, migrated: false, recovered: false };
  const fallback = { settings: DEFAULT_SETTINGS, migrated: false, recovered: true };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fallback;
  let value = raw as Record<string, unknown>;
  const from = value.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1 || from > SETTINGS_VERSION) return fallback;
  for (let v = from; v < SETTINGS_VERSION; v++) value = MIGRATIONS[v]!(value);
  const parsed = SettingsSchema.safeParse(value);
  return parsed.success ? { settings: parsed.data, migrated: from !== SETTINGS_VERSION, recovered: false } : fallback;
}
