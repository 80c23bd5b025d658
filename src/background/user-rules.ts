// The rules a user imported, with the version before the last import so it
// can be restored. Stored already checked; checked again on every read, so a
// damaged store drops the user layer instead of breaking the notes.
import { parseRulesFile } from '../core/rule-merge';
import type { PayerRule } from '../core/rules-schema';
import browser from '../shared/browser';

export const USER_RULES_KEY = 'userRules';

export interface StoredUserRules {
  current: PayerRule[];
  previous: PayerRule[] | null;
  importedAt: string | null;
}

const EMPTY: StoredUserRules = { current: [], previous: null, importedAt: null };

function valid(payers: unknown): PayerRule[] | null {
  if (!Array.isArray(payers)) return null;
  if (payers.length === 0) return [];
  const parsed = parseRulesFile(JSON.stringify({ payers }));
  return parsed.ok ? parsed.payers : null;
}

export async function readUserRules(): Promise<StoredUserRules> {
  const raw = (await browser.storage.local.get(USER_RULES_KEY))[USER_RULES_KEY] as Partial<StoredUserRules> | undefined;
  if (!raw || typeof raw !== 'object') return EMPTY;
  return {
    current: valid(raw.current) ?? [],
    previous: raw.previous == null ? null : valid(raw.previous),
    importedAt: typeof raw.importedAt === 'string' ? raw.importedAt : null,
  };
}

/** Replaces the user's rules with `payers`, keeping what was there to restore. */
export async function applyUserRules(payers: PayerRule[]): Promise<void> {
  const { current } = await readUserRules();
  const next: StoredUserRules = { current: payers, previous: current, importedAt: new Date().toISOString() };
  await browser.storage.local.set({ [USER_RULES_KEY]: next });
}

/** Puts back the rules from before the last change (which can itself be restored). */
export async function restorePreviousUserRules(): Promise<void> {
  const { current, previous } = await readUserRules();
  if (previous === null) return;
  await browser.storage.local.set({ [USER_RULES_KEY]: { current: previous, previous: current, importedAt: new Date().toISOString() } });
}
