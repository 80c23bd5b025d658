// The user's settings in storage.local, read through a schema: anything
// corrupt or unknown falls back to the defaults instead of breaking the
// extension, and the fallback is remembered so the options page can say so.
import * as z from 'zod';
import browser from '../shared/browser';

export const SETTINGS_VERSION = 1;

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  highlights: z.boolean(),
  overlayExpanded: z.boolean(),
  keepAnswers: z.boolean(),
  /** hostname → payer id chosen by the user for that site. */
  sitePayer: z.record(z.string(), z.string()),
  /** hostnames where the user hid the overlay. */
  hiddenSites: z.array(z.string()),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  highlights: true,
  overlayExpanded: false,
  keepAnswers: false,
  sitePayer: {},
  hiddenSites: [],
};

const KEY = 'settings';

export async function readSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(KEY);
  const raw = got[KEY];
  if (raw === undefined) return DEFAULT_SETTINGS;
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  await browser.storage.local.set({ [KEY]: DEFAULT_SETTINGS, settingsRecovered: new Date().toISOString() });
  return DEFAULT_SETTINGS;
}

export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  const next = SettingsSchema.parse(change(await readSettings()));
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
