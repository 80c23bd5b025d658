// Firefox grants an MV3 extension's host permissions only when the user says
// so. On install, if the portals are not granted, open options: its first-run
// step asks for them from a click, the user action permissions.request needs.
import browser from '../shared/browser';

export function manifestOrigins(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

export async function portalsGranted(): Promise<boolean> {
  const origins = manifestOrigins();
  return origins.length === 0 || browser.permissions.contains({ origins });
}

export async function openOptionsIfPortalsWithheld(): Promise<void> {
  if (!(await portalsGranted())) await browser.runtime.openOptionsPage();
}
