// Least privilege, kept honest: every permission the manifest asks for has a
// line in the README's "Permissions and why" table, every portal host the
// content script may run on is named there, and the table lists nothing the
// manifest does not ask for. Adding a permission without saying why fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentMatchPatterns } from '../../src/core/directory';
import { bundledRules } from '../../src/rules/bundled';

const root = join(__dirname, '../..');
const base = JSON.parse(readFileSync(join(root, 'extension/manifest.base.json'), 'utf8')) as Record<string, unknown>;
const list = (key: string) => (Array.isArray(base[key]) ? (base[key] as string[]) : []);

// As build.mjs writes them: the base's lists, with host permissions (and content-script matches) from the rules.
const apiPermissions = [...list('permissions'), ...list('optional_permissions')];
const hostPatterns = [...list('host_permissions'), ...contentMatchPatterns(bundledRules())];
const optionalHostPatterns = list('optional_host_permissions');

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Permissions and why'), readme.indexOf('\n## ', readme.indexOf('## Permissions and why') + 3));
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
  .slice(1)
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .map(([, first = '', why = '']) => ({ first, why }));
const quoted = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("the README's permission table matches the manifest", () => {
  it('the section and its table are there', () => {
    expect(section.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.why.length, row.first).toBeGreaterThan(20);
  });

  it('every API permission the manifest asks for has its own row', () => {
    for (const permission of apiPermissions) expect(rows.some((r) => quoted(r.first).includes(permission)), permission).toBe(true);
  });

  it('the table names no API permission the manifest does not ask for', () => {
    const named = rows.filter((r) => !/host access/i.test(r.first)).flatMap((r) => quoted(r.first));
    for (const name of named) expect(apiPermissions, name).toContain(name);
  });

  it('host access to the portals has a row, and every portal host is named in the section', () => {
    expect(hostPatterns.length).toBeGreaterThan(0);
    expect(rows.some((r) => /^host access/i.test(r.first))).toBe(true);
    const hostsNamed = new Set(quoted(section));
    for (const pattern of hostPatterns) {
      const host = /^https:\/\/\*\.([^/]+)\/\*$/.exec(pattern)?.[1];
      expect(host, `${pattern} is not a https://*.<host>/* pattern`).toBeDefined();
      expect(hostsNamed.has(host!), `${host} (from ${pattern})`).toBe(true);
    }
  });

  it('every optional host pattern is on the optional host access row', () => {
    const row = rows.find((r) => /^optional host access/i.test(r.first));
    if (optionalHostPatterns.length === 0) return expect(row).toBeUndefined();
    for (const pattern of optionalHostPatterns) expect(quoted(row?.first ?? ''), pattern).toContain(pattern);
  });
});
