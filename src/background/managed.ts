// The organization's policy (storage.managed), read leniently. The first
// managed.get() of a browser session takes 1.5-3 s in Chrome, too long to hold
// up a content script's hello, so the last policy seen is mirrored in
// storage.local: readers get the mirror at once (no policy on the very first
// run) and the fresh policy replaces it moments later. A mirror write is a
// storage change, so everything that depends on the policy reloads through
// the same onChanged path.
import { EMPTY_MANAGED, parseManaged, type ManagedConfig } from '../core/effective-config';
import { MANAGED_MIRROR_KEY } from '../core/locked-setting';
import browser from '../shared/browser';

export { MANAGED_MIRROR_KEY };

let memo: Promise<ManagedConfig> | undefined;

async function fetchManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    // Firefox without a policy, or a browser with no managed storage at all.
    return {};
  }
}

/** Reads the policy now and updates the mirror when it differs. */
export async function refreshManaged(): Promise<ManagedConfig> {
  const raw = await fetchManaged();
  const stored = (await browser.storage.local.get(MANAGED_MIRROR_KEY))[MANAGED_MIRROR_KEY];
  if (JSON.stringify(stored) !== JSON.stringify(raw)) await browser.storage.local.set({ [MANAGED_MIRROR_KEY]: raw });
  return parseManaged(raw);
}

async function load(): Promise<ManagedConfig> {
  const mirror = (await browser.storage.local.get(MANAGED_MIRROR_KEY))[MANAGED_MIRROR_KEY];
  // Not awaited, even on the very first run (no mirror yet): waiting would hold every page's first
  // hello for 2-3 s. A policy found then lands in the mirror within seconds and applies like a change.
  refreshManaged().catch(() => undefined);
  return mirror === undefined ? EMPTY_MANAGED : parseManaged(mirror);
}

export function readManaged(): Promise<ManagedConfig> {
  memo ??= load().catch(() => EMPTY_MANAGED);
  return memo;
}

/** Call when managed storage or its mirror changed. */
export function forgetManaged(): void {
  memo = undefined;
}
