// The rules in force. For now the shipped rules; user and managed rules are
// layered over them here so every consumer reads one effective set.
import { payerDirectory } from '../core/directory';
import type { PayerDirectoryEntry } from '../core/payer';
import type { RuleSet } from '../core/rules-schema';
import { bundledRules } from '../rules/bundled';

let rules: RuleSet | undefined;
let directory: PayerDirectoryEntry[] | undefined;

export function currentRules(): RuleSet {
  rules ??= bundledRules();
  return rules;
}

export function currentDirectory(): PayerDirectoryEntry[] {
  directory ??= payerDirectory(currentRules());
  return directory;
}
