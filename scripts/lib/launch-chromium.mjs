// Starts Debian's Chromium with the unpacked extension loaded, every hostname
// resolved to this machine, and the self-signed certificate accepted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChrome } from './chrome-path.mjs';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
export const DIST_DIR = resolve(repo, process.env.DNCA_DIST_DIR ?? 'dist');
export const CHROME_EXTENSION_DIR = join(DIST_DIR, 'chrome');

/**
 * @param {{ headless?: boolean, extensionDir?: string, userDataDir?: string, args?: string[], viewport?: { width: number, height: number } }} [options]
 */
export async function launchWithExtension({ headless = true, extensionDir = CHROME_EXTENSION_DIR, userDataDir, args = [], viewport } = {}) {
  const dataDir = userDataDir ?? mkdtempSync(join(tmpdir(), 'dnca-profile-'));
  const context = await chromium.launchPersistentContext(dataDir, {
    executablePath: findChrome(),
    headless,
    viewport: viewport ?? { width: 1280, height: 860 },
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost',
      '--ignore-certificate-errors',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    userDataDir: dataDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !userDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
