// Starts Debian's Firefox ESR with the Firefox build installed as a temporary
// add-on, driven by puppeteer-core over WebDriver BiDi (Debian ships no
// geckodriver). The portal hostnames resolve to this machine and the run's
// self-signed certificate is accepted, so the real match patterns apply.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { DIST_DIR } from './launch-chromium.mjs';
import { SITE_ROOTS } from './portal-server.mjs';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
export const FIREFOX_EXTENSION_DIR = join(DIST_DIR, 'firefox');
export const GECKO_ID = JSON.parse(readFileSync(join(repo, 'extension/key.json'), 'utf8')).geckoId;
/** Pinned so moz-extension:// pages have the same address in every run. */
export const FIREFOX_EXTENSION_UUID = '6f3c1a52-8d7e-4b0a-9c2d-1e5f7a9b3c40';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox'];

/** The Firefox to drive: FIREFOX_PATH first, then Debian's install paths. Throws with the fix when there is none. */
export function findFirefox() {
  if (process.env.FIREFOX_PATH) {
    if (existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
    throw new Error(`FIREFOX_PATH is set to ${process.env.FIREFOX_PATH}, but no file is there.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new Error('No Firefox found: the Firefox suite cannot run. Install one (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH.');
}

/** Every hostname the portal server has pages for. */
export function portalHostnames() {
  const names = new Set();
  for (const dir of SITE_ROOTS) if (existsSync(dir)) for (const name of readdirSync(dir)) names.add(name);
  return [...names].sort();
}

/**
 * @param {{ headless?: boolean, extensionDir?: string, prefs?: Record<string, unknown> }} [options]
 */
export async function launchFirefoxWithExtension({ headless = true, extensionDir = FIREFOX_EXTENSION_DIR, prefs = {} } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless,
    acceptInsecureCerts: true,
    // Lets BiDi navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // Firefox's own way to send named hosts to the loopback address.
      'network.dns.localDomains': portalHostnames().join(','),
      ...prefs,
    },
  });
  try {
    await browser.installExtension(resolve(extensionDir));
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    close: () => browser.close(),
  };
}
