// The one thing the popup needs of an organization's policy: whether it locks
// a setting. parseManaged (effective-config.ts) reads the whole policy with
// zod and reports every problem; this reads one lock the same way without
// pulling the schema library into the popup, whose budget is 100 ms to open.
import type { LockableSetting } from './effective-config';

/** Where the background mirrors the policy in storage.local (see background/managed.ts). */
export const MANAGED_MIRROR_KEY = 'managedMirror';

/** The value the policy locks `key` to, or undefined when it does not lock it (or says so wrongly). */
export function lockedSetting(policy: unknown, key: LockableSetting): boolean | undefined {
  if (typeof policy !== 'object' || policy === null) return undefined;
  const locked = (policy as { locked?: unknown }).locked;
  if (typeof locked !== 'object' || locked === null || Array.isArray(locked)) return undefined;
  const value = (locked as Record<string, unknown>)[key];
  return typeof value === 'boolean' ? value : undefined;
}
