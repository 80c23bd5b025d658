// Where the content script runs beyond the manifest's portals. A site the
// user or the organization adds gets its own registered content script
// (persisting across sessions) once its host permission is granted. A
// built-in portal the user turns off keeps the manifest's script, which
// cannot be unregistered, but that script asks at hello and is told to stay
// idle (see content-handlers: no config, no scan, no overlay).
import { addedSitesToRegister, sitePayerFor, siteTurnedOff } from '../core/effective-config';
import { matchPatternFor } from '../core/site-patterns';
import browser from '../shared/browser';
import { readManaged } from './managed';
import { loadRules } from './rules-store';
import { readStoredSettings } from './settings';

const ID_PREFIX = 'site:';

async function desiredScripts(): Promise<Map<string, string>> {
  const [settings, managed, { rules }] = await Promise.all([readStoredSettings(), readManaged(), loadRules()]);
  const wanted = new Map<string, string>();
  for (const site of addedSitesToRegister(rules, settings, managed)) {
    const origin = matchPatternFor(site.pattern);
    // Registering where we hold no permission would throw; the site waits until access is granted.
    if (await browser.permissions.contains({ origins: [origin] })) wanted.set(`${ID_PREFIX}${site.pattern}`, origin);
  }
  return wanted;
}

async function reconcile(): Promise<void> {
  const wanted = await desiredScripts();
  const registered = await browser.scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => s.id.startsWith(ID_PREFIX));
  const stale = ours.filter((s) => wanted.get(s.id) !== s.matches?.[0]).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const kept = new Set(ours.map((s) => s.id).filter((id) => !stale.includes(id)));
  const missing = [...wanted].filter(([id]) => !kept.has(id));
  if (missing.length) {
    await browser.scripting.registerContentScripts(
      // matchOriginAsFallback: frames the page makes from script (about:blank, srcdoc) are read too.
      missing.map(([id, origin]) => ({ id, matches: [origin], js: ['content.js'], allFrames: true, matchOriginAsFallback: true, runAt: 'document_idle' as const, persistAcrossSessions: true })),
    );
  }
}

let queue: Promise<void> = Promise.resolve();

/** Brings the registered scripts in line with the site lists and granted permissions; calls run one at a time. */
export function syncContentScripts(): Promise<void> {
  queue = queue.then(reconcile).catch((error: unknown) => console.warn('content script registration failed', error));
  return queue;
}

/** The content script on a built-in portal the user turned off stays idle. */
export async function siteIsOff(host: string): Promise<boolean> {
  if (!host) return false;
  const [settings, managed, { rules }] = await Promise.all([readStoredSettings(), readManaged(), loadRules()]);
  return siteTurnedOff(host, rules, settings, managed);
}

/** The payer set for a host by the organization's or the user's site list, or the user's choice on the page. */
export async function payerSetFor(host: string): Promise<ReturnType<typeof sitePayerFor>> {
  if (!host) return undefined;
  const [settings, managed] = await Promise.all([readStoredSettings(), readManaged()]);
  return sitePayerFor(host, settings, managed);
}
