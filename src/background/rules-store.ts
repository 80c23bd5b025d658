// The rules in force: the organization's over the user's over the shipped
// ones, by payer id. Every consumer reads one effective set through
// currentRules()/currentDirectory(); loadRules() (awaited before each message
// is handled) fills the cache from storage, so a restarted worker re-reads
// it, and invalidateRules() drops it when storage changes.
import { payerDirectory } from '../core/directory';
import type { PayerDirectoryEntry } from '../core/payer';
import { mergeRules, parseRulesFile } from '../core/rule-merge';
import type { PayerRule, RuleSet } from '../core/rules-schema';
import { bundledRules } from '../rules/bundled';
import { readManaged } from './managed';
import { readUserRules } from './user-rules';

interface Loaded {
  rules: RuleSet;
  directory: PayerDirectoryEntry[];
  /** Why the organization's rules were not used, when they were not. */
  managedProblems: string[];
}

let shipped: RuleSet | undefined;
let shippedDirectory: PayerDirectoryEntry[] | undefined;
let loaded: Loaded | undefined;
let loading: Promise<Loaded> | undefined;

export function shippedRules(): RuleSet {
  shipped ??= bundledRules();
  return shipped;
}

async function load(): Promise<Loaded> {
  const [user, managed] = await Promise.all([readUserRules(), readManaged()]);
  let managedPayers: PayerRule[] = [];
  let managedProblems: string[] = [];
  if (managed.rules !== null) {
    const parsed = parseRulesFile(managed.rules);
    if (parsed.ok) managedPayers = parsed.payers;
    else managedProblems = parsed.problems;
  }
  const rules = mergeRules(shippedRules(), user.current, managedPayers);
  return { rules, directory: payerDirectory(rules), managedProblems };
}

export function loadRules(): Promise<Loaded> {
  if (loaded) return Promise.resolve(loaded);
  const attempt = load();
  loading = attempt;
  return attempt.then((result) => {
    // A newer load started while this one ran (storage changed): its result wins.
    if (loading === attempt) loaded = result;
    return result;
  });
}

export function invalidateRules(): void {
  loaded = undefined;
  loading = undefined;
}

/** The effective rules once loadRules() has run; the shipped ones before that. */
export function currentRules(): RuleSet {
  return loaded?.rules ?? shippedRules();
}

export function currentDirectory(): PayerDirectoryEntry[] {
  if (loaded) return loaded.directory;
  shippedDirectory ??= payerDirectory(shippedRules());
  return shippedDirectory;
}
