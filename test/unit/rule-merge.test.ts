import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeChanges, exportRules, mergeRules, parseRulesFile } from '../../src/core/rule-merge';
import type { PayerRule } from '../../src/core/rules-schema';
import { bundledRules } from '../../src/rules/bundled';

const shipped = bundledRules();
const uhc = shipped.payers.find((p) => p.id === 'uhc')!;

function withHeadline(rule: PayerRule, text: string): PayerRule {
  const copy = structuredClone(rule);
  // The two codes may share one coverage object; change 20560's alone.
  const own = structuredClone(copy.coverage['20560']);
  own.headline.text = text;
  copy.coverage['20560'] = own;
  return copy;
}

const custom: PayerRule = {
  ...structuredClone(uhc),
  id: 'valley-health',
  name: 'Valley Health Plan',
  short: 'covered with prior auth',
  aliases: [{ text: 'Valley Health Plan' }],
  hostnames: [],
};

describe('parsing a rules file with the shipped schema', () => {
  it('accepts one payer rule, or { payers: [...] } as export writes it', () => {
    const single = parseRulesFile(JSON.stringify(custom));
    expect(single.ok && single.payers.map((p) => p.id)).toEqual(['valley-health']);
    const wrapped = parseRulesFile(exportRules({ ...shipped, payers: [custom, withHeadline(uhc, 'Covered by our contract.')] }));
    expect(wrapped.ok && wrapped.payers.map((p) => p.id)).toEqual(['valley-health', 'uhc']);
  });

  it('lists every problem with its path', () => {
    // The shipped file as a user would edit it, with three mistakes.
    const raw = JSON.parse(readFileSync('rules/uhc.json', 'utf8'));
    raw.reviewed = '27/11/2026';
    raw.coverage['20560'].status = 'maybe';
    raw.short = '';
    const r = parseRulesFile(JSON.stringify(raw));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      expect.stringMatching(/^reviewed: must be a date written YYYY-MM-DD/),
      expect.stringMatching(/^short: /),
      expect.stringMatching(/^coverage\.20560\.status: /),
    ]);
  });

  it('a source id that points nowhere is named with its path', () => {
    const raw = JSON.parse(readFileSync('rules/uhc.json', 'utf8'));
    raw.coverage['20560'].headline.sources = ['nowhere'];
    const r = parseRulesFile(JSON.stringify(raw));
    // 20561 says { "sameAs": "20560" } in the file, so the schema reports it under both codes.
    expect(r.ok ? [] : r.problems).toContain('coverage.20560.headline.sources[0]: unknown source id "nowhere"');
  });

  it('paths inside a wrapped file keep the payer index', () => {
    const r = parseRulesFile(JSON.stringify({ payers: [custom, { ...custom, id: 'X' }] }));
    expect(!r.ok && r.problems.some((p) => p.startsWith('payers[1].id: '))).toBe(true);
  });

  it.each([
    ['not JSON', '{ "payers": [', /^\(file\): not valid JSON/],
    ['an empty list', '{ "payers": [] }', /^payers: a rules file needs at least one payer/],
    ['a list at the top', '[]', /^\(top level\): /],
    ['the reserved id', JSON.stringify({ payers: [{ ...custom, id: 'unknown' }] }), /reserved/],
    ['a payer twice', JSON.stringify({ payers: [custom, custom] }), /appears twice/],
  ])('refuses %s', (_name, text, message) => {
    const r = parseRulesFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => message.test(p))).toBe(true);
  });
});

describe('layering rules: organization over user over shipped', () => {
  it('same id replaces, new id adds, later layers win', () => {
    const user = [withHeadline(uhc, 'User says covered.'), custom];
    const org = [withHeadline(uhc, 'Organization says covered.')];
    const merged = mergeRules(shipped, user, org);
    expect(merged.payers.map((p) => p.id)).toEqual([...shipped.payers.map((p) => p.id), 'valley-health']);
    expect(merged.payers.find((p) => p.id === 'uhc')!.coverage['20560'].headline.text).toBe('Organization says covered.');
    expect(shipped.payers.find((p) => p.id === 'uhc')!.coverage['20560'].headline.text).toBe(uhc.coverage['20560'].headline.text);
  });

  it('describes what an import changes, payer by payer', () => {
    const after = mergeRules(shipped, [withHeadline(uhc, 'Covered by our contract.'), custom]);
    const changes = describeChanges(shipped, after);
    expect(changes.map((c) => [c.id, c.kind])).toEqual([
      ['uhc', 'changed'],
      ['valley-health', 'added'],
    ]);
    expect(changes[0]!.details).toEqual([expect.stringContaining('20560 headline: “')]);
    expect(changes[0]!.details[0]).toContain('→ “Covered by our contract.”');
    expect(describeChanges(after, shipped).find((c) => c.id === 'valley-health')?.kind).toBe('removed');
    expect(describeChanges(shipped, shipped)).toEqual([]);
  });
});
