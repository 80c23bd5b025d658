import { describe, expect, it } from 'vitest';
import {
  EMPTY_MANAGED,
  addedSitesToRegister,
  applyLocks,
  builtInSites,
  parseManaged,
  sitePayerFor,
  siteTurnedOff,
} from '../../src/core/effective-config';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings-migrations';
import { bundledRules } from '../../src/rules/bundled';

const rules = bundledRules();
const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

describe('managed policy, read leniently', () => {
  it('takes sites, rules text and locks', () => {
    const m = parseManaged({
      sites: [{ pattern: 'Portal.Example.org', payer: 'aetna' }, { pattern: '*.clinic-billing.net' }],
      rules: '{"payers":[]}',
      locked: { highlights: false, keepAnswers: true },
    });
    expect(m).toEqual({
      sites: [{ pattern: 'portal.example.org', payer: 'aetna' }, { pattern: '*.clinic-billing.net' }],
      rules: '{"payers":[]}',
      locked: { highlights: false, keepAnswers: true },
      problems: [],
    });
  });

  it('skips and names each unusable value, keeping the rest', () => {
    const m = parseManaged({ sites: [{ pattern: 'http://x' }, { nope: 1 }, { pattern: 'ok.example.org' }], rules: 5, locked: { highlights: 'no', theme: true } });
    expect(m.sites).toEqual([{ pattern: 'ok.example.org' }]);
    expect(m.rules).toBeNull();
    expect(m.locked).toEqual({});
    expect(m.problems).toEqual([
      'sites[0].pattern: Only https sites can be added.',
      'sites[1]: needs a "pattern" text and an optional "payer" text',
      'rules: must be the text of a rules file',
      'locked.highlights: must be true or false',
      'locked.theme: not a setting that can be locked',
    ]);
  });

  it('no policy is an empty one', () => {
    expect(parseManaged({})).toEqual(EMPTY_MANAGED);
    expect(parseManaged(undefined)).toEqual(EMPTY_MANAGED);
  });
});

describe('effective settings and sites', () => {
  it('locked settings win over the user’s', () => {
    expect(applyLocks(settings({ highlights: true, keepAnswers: false }), { highlights: false })).toMatchObject({ highlights: false, keepAnswers: false });
  });

  it('built-in sites come from the portals and every payer’s hostnames', () => {
    const patterns = builtInSites(rules).map((s) => s.pattern);
    expect(patterns).toContain('*.availity.com');
    expect(patterns).toContain('*.uhcprovider.com');
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('a turned-off portal is off unless a site is added back over it', () => {
    const off = settings({ disabledPortals: ['*.availity.com'] });
    expect(siteTurnedOff('apps.availity.com', rules, off, EMPTY_MANAGED)).toBe(true);
    expect(siteTurnedOff('www.uhcprovider.com', rules, off, EMPTY_MANAGED)).toBe(false);
    expect(siteTurnedOff('portal.example.org', rules, off, EMPTY_MANAGED)).toBe(false);
    const addedBack = settings({ disabledPortals: ['*.availity.com'], sites: [{ pattern: 'apps.availity.com' }] });
    expect(siteTurnedOff('apps.availity.com', rules, addedBack, EMPTY_MANAGED)).toBe(false);
    const byOrg = { ...EMPTY_MANAGED, sites: [{ pattern: '*.availity.com' }] };
    expect(siteTurnedOff('apps.availity.com', rules, off, byOrg)).toBe(false);
  });

  it('registers scripts only for added sites the manifest does not already cover', () => {
    const s = settings({ sites: [{ pattern: 'portal.example.org' }, { pattern: 'apps.availity.com', payer: 'cigna' }] });
    const m = { ...EMPTY_MANAGED, sites: [{ pattern: '*.clinic-billing.net' }, { pattern: 'portal.example.org' }] };
    expect(addedSitesToRegister(rules, s, m).map((x) => x.pattern)).toEqual(['*.clinic-billing.net', 'portal.example.org']);
    // With Availity turned off, the added-back host needs its own script.
    const off = { ...s, disabledPortals: ['*.availity.com'] };
    expect(addedSitesToRegister(rules, off, m).map((x) => x.pattern)).toContain('apps.availity.com');
  });

  it('site payer: organization, then the user’s choice on the page, then the user’s site', () => {
    const s = settings({ sites: [{ pattern: '*.example.org', payer: 'aetna' }], sitePayer: { 'b.example.org': 'cigna' } });
    const m = { ...EMPTY_MANAGED, sites: [{ pattern: 'c.example.org', payer: 'medicare' }] };
    expect(sitePayerFor('a.example.org', s, m)).toEqual({ id: 'aetna', by: 'user' });
    expect(sitePayerFor('b.example.org', s, m)).toEqual({ id: 'cigna', by: 'user' });
    expect(sitePayerFor('c.example.org', s, m)).toEqual({ id: 'medicare', by: 'organization' });
    expect(sitePayerFor('elsewhere.net', s, m)).toBeUndefined();
  });
});
