// Checks that span files in rules/: every payer the product promises is
// there, each file's id matches its name, and the set assembles into one RuleSet.
import { PAYER_IDS, RuleSetSchema, formatIssues, type PayerRule, type RuleSet } from './rules-schema';

const SPECIAL = new Set(['unknown', 'checklist', 'appeals', 'portals']);

export function ruleSetProblems(files: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const required of [...PAYER_IDS, ...SPECIAL]) {
    if (!(`${required}.json` in files)) problems.push(`rules/${required}.json: (file): missing`);
  }
  for (const [file, data] of Object.entries(files)) {
    const base = file.replace(/\.json$/, '');
    if (SPECIAL.has(base) && base !== 'unknown') continue;
    const id = (data as PayerRule).id;
    if (id !== base) problems.push(`rules/${file}: id: is "${id}" but the file name says "${base}"`);
  }
  if (problems.length === 0) {
    const result = RuleSetSchema.safeParse(assemble(files));
    if (!result.success) problems.push(...formatIssues(result.error).map((l) => `rules/: ${l}`));
  }
  return problems;
}

function assemble(files: Record<string, unknown>) {
  const payers = Object.entries(files)
    .filter(([f]) => !SPECIAL.has(f.replace(/\.json$/, '')))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, d]) => d);
  return {
    payers,
    unknown: files['unknown.json'],
    checklist: files['checklist.json'],
    appeals: files['appeals.json'],
    portals: files['portals.json'],
  };
}

export function ruleSetFromFiles(files: Record<string, unknown>): RuleSet {
  return RuleSetSchema.parse(assemble(files));
}
