// Everything the options page shows, read from storage the way the
// background reads it (same modules), and re-read whenever storage changes:
// a policy change or another window's edit shows up without a reload.
import { useEffect, useState } from 'preact/hooks';
import { applyLocks, effectiveSites, type EffectiveSite, type ManagedConfig } from '../core/effective-config';
import type { RuleSet } from '../core/rules-schema';
import type { Settings } from '../core/settings-migrations';
import { matchPatternFor } from '../core/site-patterns';
import { portalsGranted } from '../background/first-run';
import { forgetManaged, readManaged } from '../background/managed';
import { invalidateRules, loadRules, shippedRules } from '../background/rules-store';
import { RECOVERED_KEY, readStoredSettings } from '../background/settings';
import { readUserRules, type StoredUserRules } from '../background/user-rules';
import browser from '../shared/browser';

export interface OptionsState {
  stored: Settings;
  effective: Settings;
  managed: ManagedConfig;
  rules: RuleSet;
  shipped: RuleSet;
  userRules: StoredUserRules;
  managedRuleProblems: string[];
  sites: (EffectiveSite & { granted: boolean })[];
  recoveredAt: string | null;
  portalsGranted: boolean;
}

async function readState(): Promise<OptionsState> {
  const [stored, managed, loaded, userRules, recovered, granted] = await Promise.all([
    readStoredSettings(),
    readManaged(),
    loadRules(),
    readUserRules(),
    browser.storage.local.get(RECOVERED_KEY),
    portalsGranted(),
  ]);
  const sites = await Promise.all(
    effectiveSites(loaded.rules, stored, managed).map(async (site) => ({
      ...site,
      granted: site.origin === 'built-in' ? granted : await browser.permissions.contains({ origins: [matchPatternFor(site.pattern)] }),
    })),
  );
  return {
    stored,
    effective: applyLocks(stored, managed.locked),
    managed,
    rules: loaded.rules,
    shipped: shippedRules(),
    userRules,
    managedRuleProblems: loaded.managedProblems,
    sites,
    recoveredAt: typeof recovered[RECOVERED_KEY] === 'string' ? (recovered[RECOVERED_KEY] as string) : null,
    portalsGranted: granted,
  };
}

export function useOptionsState(): { state: OptionsState | null; error: string } {
  const [state, setState] = useState<OptionsState | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let alive = true;
    const reload = () =>
      readState().then(
        (s) => alive && setState(s),
        (e: unknown) => alive && setError(String(e)),
      );
    const onStorage = (_changes: unknown, area: string) => {
      if (area === 'local' || area === 'managed') {
        forgetManaged();
        invalidateRules();
        void reload();
      }
    };
    const onPermissions = () => void reload();
    browser.storage.onChanged.addListener(onStorage);
    browser.permissions.onAdded.addListener(onPermissions);
    browser.permissions.onRemoved.addListener(onPermissions);
    void reload();
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onStorage);
      browser.permissions.onAdded.removeListener(onPermissions);
      browser.permissions.onRemoved.removeListener(onPermissions);
    };
  }, []);
  return { state, error };
}
