// npm start: build, serve the demo portal pages over HTTPS under their real
// hostnames, and open Chromium with the extension on them.
//   npm start                 a browser window (needs a display; use xvfb-run on a server)
//   npm start -- --headless   screenshots of every demo page with the overlay into out/
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { launchWithExtension } from './lib/launch-chromium.mjs';
import { startPortalServer } from './lib/portal-server.mjs';

const headless = process.argv.includes('--headless');

function demoPages(dir = 'demo/sites') {
  const pages = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) {
        const [host, ...rest] = relative(dir, full).split(sep);
        pages.push({ host, path: `/${rest.join('/')}` });
      }
    }
  };
  walk(dir);
  return pages;
}

execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });

if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found. Run `npm start -- --headless` for screenshots, or `xvfb-run npm start` on a server.');
  process.exit(1);
}

const server = await startPortalServer(0);
const browser = await launchWithExtension({ headless });
const pages = demoPages();
console.log(`Extension ${browser.extensionId} loaded; demo portal served on port ${server.port}.`);

if (headless) {
  // Screenshots show the notes opened, so they say what a biller would read.
  await browser.worker.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? { version: 1, highlights: true, keepAnswers: false, sitePayer: {}, hiddenSites: [] }), overlayExpanded: true } });
  });
  mkdirSync('out', { recursive: true });
  for (const { host, path } of pages) {
    const page = await browser.context.newPage();
    await page.goto(server.origin(host) + path, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    const file = join('out', `${host}${path.replace(/\//g, '_').replace(/\.html$/, '')}.png`);
    await page.screenshot({ path: file });
    console.log(`  ${file}`);
    await page.close();
  }
  await browser.close();
  await server.close();
} else {
  for (const { host, path } of pages) {
    const page = await browser.context.newPage();
    await page.goto(server.origin(host) + path);
    console.log(`  ${server.origin(host)}${path}`);
  }
  console.log('Close the browser window to stop.');
  browser.context.on('close', () => void server.close().then(() => process.exit(0)));
}
