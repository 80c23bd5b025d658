import { describe, expect, it } from 'vitest';
import { hostMatchesPattern, matchPatternFor, normalizeSitePattern, patternCovers } from '../../src/core/site-patterns';

describe('site patterns a user types', () => {
  it.each([
    ['portal.example.org', 'portal.example.org'],
    ['  Portal.Example.ORG ', 'portal.example.org'],
    ['*.example.org', '*.example.org'],
    ['https://portal.example.org/claims/1?x=2', 'portal.example.org'],
    ['portal.example.org:8443', 'portal.example.org'],
  ])('%s → %s', (input, pattern) => {
    expect(normalizeSitePattern(input)).toEqual({ ok: true, pattern });
  });

  it.each(['', 'localhost', 'http://portal.example.org', 'ftp://x.org', '*.', 'exa mple.org', '10.0.0.1', '-bad.example.org', 'a..b.org'])(
    'refuses %j with a message',
    (input) => {
      const r = normalizeSitePattern(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
    },
  );

  it('match patterns are https only', () => {
    expect(matchPatternFor('*.example.org')).toBe('https://*.example.org/*');
    expect(matchPatternFor('portal.example.org')).toBe('https://portal.example.org/*');
  });

  it('a wildcard covers the domain and its subdomains; a host only itself', () => {
    expect(hostMatchesPattern('example.org', '*.example.org')).toBe(true);
    expect(hostMatchesPattern('a.b.example.org', '*.example.org')).toBe(true);
    expect(hostMatchesPattern('badexample.org', '*.example.org')).toBe(false);
    expect(hostMatchesPattern('portal.example.org', 'portal.example.org')).toBe(true);
    expect(hostMatchesPattern('x.portal.example.org', 'portal.example.org')).toBe(false);
  });

  it('covers: wildcard over host and narrower wildcard, never the reverse', () => {
    expect(patternCovers('*.availity.com', 'apps.availity.com')).toBe(true);
    expect(patternCovers('*.availity.com', '*.apps.availity.com')).toBe(true);
    expect(patternCovers('apps.availity.com', '*.availity.com')).toBe(false);
    expect(patternCovers('*.availity.com', 'portal.example.org')).toBe(false);
  });
});
