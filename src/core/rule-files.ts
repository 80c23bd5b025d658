// Checks that span files in rules/: every payer the product promises is
// there, each file's id matches its name, a source id means one page in every
// file, and the set assembles into one RuleSet.
import { PAYER_IDS, RuleSetSchema, formatIssues, type PayerRule, type RuleSet, type Source } from './rules-schema';

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
    else problems.push(...consistencyProblems(result.data));
  }
  return problems;
}

/**
 * Facts the engine may show from more than one file stay traceable: a source id
 * names the same page everywhere (notes merge catalogues), the general same-date
 * warning exists, a program has its diagnosis warning, and every appeal step is sourced.
 */
function consistencyProblems(rules: RuleSet): string[] {
  const problems: string[] = [];
  const firstSeen = new Map<string, { file: string; source: Source }>();
  const catalogues: [string, Record<string, Source>][] = [
    ...[...rules.payers, rules.unknown].map((p): [string, Record<string, Source>] => [`${p.id}.json`, p.sources]),
    ['appeals.json', rules.appeals.sources],
  ];
  for (const [file, sources] of catalogues) {
    for (const [id, source] of Object.entries(sources)) {
      const earlier = firstSeen.get(id);
      if (!earlier) firstSeen.set(id, { file, source });
      else if (earlier.source.url !== source.url || earlier.source.title !== source.title) {
        problems.push(`rules/${file}: sources.${id}: differs from the source of the same id in rules/${earlier.file}`);
      }
    }
  }
  if (!rules.unknown.warnings.sameDate) problems.push('rules/unknown.json: warnings.sameDate: missing (the default for every payer)');
  for (const payer of rules.payers) {
    if (payer.program && !payer.warnings.diagnosis) problems.push(`rules/${payer.id}.json: warnings.diagnosis: missing (a program needs it)`);
  }
  rules.appeals.steps.forEach((step, i) => {
    if (step.sources.length === 0) problems.push(`rules/appeals.json: steps[${i}].sources: every step needs at least one source id`);
  });
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
