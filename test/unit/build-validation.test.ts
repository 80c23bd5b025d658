// build.mjs refuses to build from a malformed rules/ folder and says which file
// and which field are wrong. Each case copies the shipped rules/ to a temp folder,
// breaks one thing, and runs the build's own validateRules over it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateRules } from '../../build.mjs';
import * as ruleFiles from '../../src/core/rule-files';
import * as schema from '../../src/core/rules-schema';

// The same modules build.mjs bundles for itself (rules-schema and rule-files).
const core = { ...schema, ...ruleFiles };
const shipped = join(import.meta.dirname, '../../rules');
const dirs: string[] = [];

function copyOfRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dnca-rules-'));
  dirs.push(dir);
  cpSync(shipped, dir, { recursive: true });
  return dir;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function edit(dir: string, file: string, change: (data: Json) => void): void {
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8')) as Json;
  change(data);
  writeFileSync(path, JSON.stringify(data));
}

async function problemsAfter(file: string, change: (data: Json) => void): Promise<string[]> {
  const dir = copyOfRules();
  edit(dir, file, change);
  return (await validateRules(core, dir)).problems as string[];
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('validateRules (build.mjs)', () => {
  it('accepts the shipped rules', async () => {
    expect((await validateRules(core, copyOfRules())).problems).toEqual([]);
  });

  it.each<[string, string, (d: Json) => void, string]>([
    ['a status outside the closed set', 'medicare.json', (d) => (d.coverage['20560'].status = 'probably'), 'rules/medicare.json: coverage.20560.status: '],
    ['a statement citing a source that does not exist', 'aetna.json', (d) => (d.coverage['20560'].headline.sources = ['nowhere']), 'rules/aetna.json: coverage.20560.headline.sources[0]: unknown source id "nowhere"'],
    ['a statement with no source', 'cigna.json', (d) => (d.coverage['20560'].details[0].sources = []), 'rules/cigna.json: coverage.20560.details[0].sources: every statement needs at least one source id'],
    ['a source without a checked date', 'uhc.json', (d) => delete d.sources.seed.checked, 'rules/uhc.json: sources.seed.checked: '],
    ['a source of an unknown kind', 'bcbs.json', (d) => (d.sources.seed.kind = 'blog'), 'rules/bcbs.json: sources.seed.kind: '],
    ['a bad date in the program', 'medicare.json', (d) => (d.program.lowBackPainCodes[3].validUntil = '30/09/2021'), 'rules/medicare.json: program.lowBackPainCodes[3].validUntil: must be a date written YYYY-MM-DD'],
    ['a missing program number', 'medicare.json', (d) => delete d.program.annualMax, 'rules/medicare.json: program.annualMax: '],
    ['a program check in a file without a program', 'medicaid.json', (d) => d.coverage['20560'].criteria.push({ id: 'x', text: 'x', sources: ['seed'], check: { kind: 'program-visits' } }), 'rules/medicaid.json: coverage.20560.criteria[2].check.kind: "program-visits" needs a program block in this file'],
    ['20561 pointing at something other than 20560', 'aetna.json', (d) => (d.coverage['20561'] = { sameAs: '20561' }), 'rules/aetna.json: coverage.20561'],
    ['a warning citing a missing source', 'medicare.json', (d) => (d.warnings.sameDate.sources = ['gone']), 'rules/medicare.json: warnings.sameDate.sources[0]: unknown source id "gone"'],
    ['a checklist answer type outside the set', 'checklist.json', (d) => (d.questions[0].answer = 'maybe'), 'rules/checklist.json: questions[0].answer: '],
    ['an appeal step citing a missing source', 'appeals.json', (d) => (d.steps[0].sources = ['gone']), 'rules/appeals.json: steps[0].sources[0]: unknown source id "gone"'],
    ['an appeal step with no source', 'appeals.json', (d) => (d.steps[1].sources = []), 'rules/appeals.json: steps[1].sources: every step needs at least one source id'],
    ['a file whose id is not its name', 'uhc.json', (d) => (d.id = 'united'), 'rules/uhc.json: id: is "united" but the file name says "uhc"'],
    ['one source id naming two pages', 'cigna.json', (d) => (d.sources.seed.url = 'https://example.org/other'), 'sources.seed: differs from the source of the same id in rules/'],
    ['no default same-date warning', 'unknown.json', (d) => delete d.warnings.sameDate, 'rules/unknown.json: warnings.sameDate: missing'],
    ['a payer file without its source catalogue', 'medicaid.json', (d) => delete d.sources, 'rules/medicaid.json: sources: '],
    ['a portal hostname that is not one', 'portals.json', (d) => (d.portals[0].pattern = 'https://availity.com/'), 'rules/portals.json: portals[0].pattern: must be a hostname'],
  ])('fails on %s, naming file and field', async (_name, file, change, message) => {
    const problems = await problemsAfter(file, change);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.includes(message)), problems.join('\n')).toBe(true);
  });

  it('names a file that is not JSON', async () => {
    const dir = copyOfRules();
    writeFileSync(join(dir, 'aetna.json'), '{ "id": "aetna", ');
    expect((await validateRules(core, dir)).problems[0]).toMatch(/^rules\/aetna\.json: \(file\): not valid JSON/);
  });

  it('names a payer file that is missing', async () => {
    const dir = copyOfRules();
    rmSync(join(dir, 'bcbs.json'));
    expect((await validateRules(core, dir)).problems).toContain('rules/bcbs.json: (file): missing');
  });
});
