import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, migrateSettings } from '../../src/core/settings-migrations';

const v1 = { version: 1, highlights: false, overlayExpanded: true, keepAnswers: true, sitePayer: { 'apps.availity.com': 'cigna' }, hiddenSites: ['x.uhc.com'] };

describe('stored settings: versions and migrations', () => {
  it('nothing stored: defaults, not a recovery', () => {
    expect(migrateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, migrated: false, recovered: false });
  });

  it('version 1 keeps every value and gains the site lists', () => {
    const r = migrateSettings(v1);
    expect(r.recovered).toBe(false);
    expect(r.migrated).toBe(true);
    expect(r.settings).toEqual({ ...v1, version: SETTINGS_VERSION, disabledPortals: [], sites: [] });
  });

  it('the current version passes through unchanged', () => {
    const current = { ...DEFAULT_SETTINGS, highlights: false, sites: [{ pattern: 'portal.example.org', payer: 'aetna' }] };
    expect(migrateSettings(current)).toEqual({ settings: current, migrated: false, recovered: false });
  });

  it.each([
    ['a string', 'garbage'],
    ['an array', [1, 2]],
    ['null', null],
    ['no version', { highlights: true }],
    ['a future version', { ...DEFAULT_SETTINGS, version: SETTINGS_VERSION + 1 }],
    ['a version 0', { ...DEFAULT_SETTINGS, version: 0 }],
    ['a wrong field type', { ...DEFAULT_SETTINGS, highlights: 'yes' }],
    ['version 1 with a broken field', { ...v1, sitePayer: 'nope' }],
  ])('%s falls back to the defaults and says so', (_name, raw) => {
    expect(migrateSettings(raw)).toEqual({ settings: DEFAULT_SETTINGS, migrated: false, recovered: true });
  });
});
