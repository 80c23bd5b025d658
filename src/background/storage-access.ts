// Content scripts may read and write storage.local and storage.sync unless
// told otherwise, so a content script subverted by a hostile page could
// rewrite settings and rules. Ours never touch storage (they ask the
// background), so only the extension's own pages and worker may. Chrome
// resets the level when the browser restarts: call this on every worker start.
// Firefox has no setAccessLevel; there the areas stay open to content scripts.
type Area = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

export function restrictStorageToExtension(): void {
  const storage = (globalThis as { chrome?: { storage?: Record<'local' | 'sync', Area | undefined> } }).chrome?.storage;
  for (const area of [storage?.local, storage?.sync]) void area?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}
