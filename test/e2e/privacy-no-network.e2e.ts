// Nothing leaves the machine: a whole session in real Chromium with every
// request of the extension's service worker, its pages and the portal tabs
// (where the content script runs) recorded through CDP's Network domain.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_DIR } from '../../scripts/lib/launch-chromium.mjs';
import { runCallSession } from './support/call-session';
import { ChromiumSession } from './support/chromium-session';
import { contentWorld, leavingRequests, watchRequests, type SeenRequest } from './support/extension-probe';

let s: ChromiumSession;
let seen: SeenRequest[];
let imported = false;

beforeAll(async () => {
  s = await ChromiumSession.start();
  seen = watchRequests(s.context, s.extensionId);
});

afterAll(async () => {
  await s?.close();
});

const portalPort = () => Number(new URL(s.url('x', '/')).port);

describe('no request leaves the extension', () => {
  it('a full session: portal pages, overlay, popup sections and answers, options, a rules import', async () => {
    const run = await runCallSession(s, {
      async afterOptionsOpen(options) {
        // The import exists once the options page has a file picker; until then this step has nothing to drive.
        const picker = options.locator('input[type="file"]');
        if ((await picker.count()) === 0) return;
        await picker.first().setInputFiles(resolve('rules/uhc.json'));
        // A valid file is previewed first; applying it stores the rules and re-reads them everywhere.
        await options.getByRole('button', { name: /apply/i }).first().click();
        await options.getByText(/applied|in force|imported/i).first().waitFor({ timeout: 5000 }).catch(() => undefined);
        imported = true;
      },
    });
    expect(run.pages).toHaveLength(3);
    expect(run.typed).toBeGreaterThan(0);
    expect(imported).toBe(true);
    // The import took: the user's rules are stored.
    expect(await s.worker().evaluate(async () => JSON.stringify((await chrome.storage.local.get('userRules')).userRules ?? null))).toContain('"id":"uhc"');
    // The session really ran through the extension: pages and extension pages made requests we saw.
    expect(seen.some((r) => r.by === 'extension-page' && r.url.endsWith('/popup.js'))).toBe(true);
    expect(seen.some((r) => r.by === 'web-page' && r.url.includes('claim-detail.html'))).toBe(true);
    expect(leavingRequests(seen, s.extensionId, portalPort())).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('the monitor is not blind: requests made from the worker, an extension page and a content script are all seen', async () => {
    const before = seen.length;
    await s.worker().evaluate(() => fetch('https://probe-worker.invalid/').catch(() => undefined));
    await s.sendFromExtensionPage({ type: 'tab-state', tabId: 1 });
    // Its own URL: the session above left its claim-status tab open, and tabs are told apart by URL.
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html?probe=content');
    await s.waitForTabState(page, (st) => st.frames > 0);
    const world = await contentWorld(s.context, page, s.extensionId);
    await world.evaluate('fetch("https://probe-content.invalid/").catch(() => undefined)');
    await world.detach();
    const extPage = s.context.pages().find((p) => p.url().startsWith(`chrome-extension://${s.extensionId}/options.html`));
    await extPage!.evaluate(() => fetch('https://probe-page.invalid/').catch(() => undefined));
    await page.waitForTimeout(300);
    // The probes' own failures (nothing listens there) are expected console errors.
    s.errors.splice(0, s.errors.length, ...s.errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED')));
    const leaving = leavingRequests(seen.slice(before), s.extensionId, portalPort()).map((r) => `${r.by} ${r.url}`);
    expect(leaving).toEqual(
      expect.arrayContaining(['service-worker https://probe-worker.invalid/', 'web-page https://probe-content.invalid/', 'extension-page https://probe-page.invalid/']),
    );
    await page.close();
  });
});

describe('the extension pages run under a strict content security policy', () => {
  const manifest = JSON.parse(readFileSync(join(CHROME_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_security_policy?: { extension_pages?: string };
  };
  const directives = new Map(
    (manifest.content_security_policy?.extension_pages ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );

  it("scripts only from the extension itself: script-src 'self', no remote host, no eval", () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });

  it('every extension page loads only its own packaged scripts', () => {
    for (const name of ['popup.html', 'options.html']) {
      const html = readFileSync(join(CHROME_EXTENSION_DIR, name), 'utf8');
      const sources = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => /\bsrc="([^"]+)"/.exec(m[0])?.[1] ?? '(inline)');
      expect(sources.length).toBeGreaterThan(0);
      for (const src of sources) expect(src).toMatch(/^[\w./-]+\.js$/);
    }
  });

  it('the browser enforces it: eval is refused in an extension page', async () => {
    const page = await s.context.newPage();
    await page.goto(`chrome-extension://${s.extensionId}/popup.html`);
    const cdp = await s.context.newCDPSession(page);
    // The debugger lifts the eval check by default; with it kept, the page is what a script in it would see.
    const attempt = (expression: string) =>
      cdp.send('Runtime.evaluate', { expression, allowUnsafeEvalBlockedByCSP: false, returnByValue: true }).then((r) => r.result.value as string);
    expect(await attempt('try { eval("1"); "allowed" } catch (e) { e.name }')).toBe('EvalError');
    expect(await attempt('try { new Function("return 1")(); "allowed" } catch (e) { e.name }')).toBe('EvalError');
    await cdp.detach();
    await page.close();
  });
});
