// The user's settings in storage.local, read through a versioned schema:
// older versions are migrated, anything corrupt or unknown falls back to the
// defaults (never blocking the extension), and the fallback is remembered so
// the options page can say so once. Readers get the effective settings, with
// the organization's locked values applied; writes change only the user's own.
import { applyLocks } from '../core/effective-config';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, migrateSettings, type Settings } from '../core/settings-migrations';
import browser from '../shared/browser';
import { readManaged } from './managed';

export { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, type Settings };

export const SETTINGS_KEY = 'settings';
/** ISO time the stored settings were found unusable; options shows it once and removes it. */
export const RECOVERED_KEY = 'settingsRecovered';

/** The user's own settings, without the organization's locks. */
export async function readStoredSettings(): Promise<Settings> {
  const raw = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings, migrated, recovered } = migrateSettings(raw);
  if (recovered) await browser.storage.local.set({ [SETTINGS_KEY]: settings, [RECOVERED_KEY]: new Date().toISOString() });
  else if (migrated) await browser.storage.local.set({ [SETTINGS_KEY]: settings });
  return settings;
}

/** The settings in force: the user's, with any setting the organization locked. */
export async function readSettings(): Promise<Settings> {
  const [settings, managed] = await Promise.all([readStoredSettings(), readManaged()]);
  return applyLocks(settings, managed.locked);
}

export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  const next = SettingsSchema.parse(change(await readStoredSettings()));
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}
