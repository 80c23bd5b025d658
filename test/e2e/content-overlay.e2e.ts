// The overlay by keyboard and pointer in real Chromium (closed root, read
// through CDP), and its accessibility with axe-core. axe cannot enter a
// closed shadow root, so the axe checks render the same Overlay component
// with the same styles into an open root on a plain page (support/overlay-harness.tsx);
// no test-only switch exists in the shipped build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ChromiumSession } from './support/chromium-session';

let s: ChromiumSession;
const HOST = 'www.uhcprovider.com';
const PLAIN = 'overlay-harness.example.org';
const require = createRequire(import.meta.url);

beforeAll(async () => {
  s = await ChromiumSession.start();
  const harness = await esbuild.build({
    entryPoints: [join(__dirname, 'support/overlay-harness.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'error',
  });
  const script = harness.outputFiles[0]!.text;
  await s.context.route(
    (url) => url.hostname === PLAIN,
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Overlay harness</title></head><body><main><h1>Claim</h1><p>A page.</p></main><script>${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`,
      }),
  );
});

afterAll(async () => {
  await s?.close();
});

/** Name and role of the element focused inside the page, closed shadow roots included. */
async function focused(page: Page): Promise<{ role: string; name: string } | null> {
  const cdp = await s.context.newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree', {});
    // The document itself is marked focused too: take the focused element within it.
    const node = nodes.findLast((n) => n.role?.value !== 'RootWebArea' && n.properties?.some((p) => p.name === 'focused' && p.value.value === true));
    return node ? { role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '') } : null;
  } finally {
    await cdp.detach();
  }
}

const hostRect = (page: Page) =>
  page.evaluate(() => {
    const r = document.querySelector('dnca-overlay')!.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: innerWidth, height: innerHeight };
  });

describe('overlay by keyboard and pointer', () => {
  it('Tab reaches it, Enter opens it, Escape closes it and gives focus back to the page', async () => {
    const page = await s.open(HOST, '/content/form.html');
    await s.waitForTabState(page, (st) => st.frames > 0);
    await page.bringToFront();
    await page.locator('#cpt').fill('20561');
    await s.waitForOverlay(page);
    // Collapsed and docked bottom-right by default.
    const rect = await hostRect(page);
    expect(rect.width - rect.right).toBeLessThanOrEqual(20);
    expect(rect.height - rect.bottom).toBeLessThanOrEqual(20);
    await page.bringToFront();
    await page.locator('#pos').focus();
    await page.keyboard.press('Tab');
    expect((await focused(page))?.name).toMatch(/^Move coverage notes/);
    await page.keyboard.press('Tab');
    const pill = await focused(page);
    expect(pill?.role).toBe('button');
    expect(pill?.name).toMatch(/^20561 · UnitedHealthcare/);
    await page.keyboard.press('Enter');
    await s.waitForOverlay(page, (o) => !!o?.text.includes('Hide on this page'));
    // Focus moves into the panel's heading.
    expect((await focused(page))?.name).toMatch(/20561 · UnitedHealthcare/);
    await page.keyboard.press('Escape');
    await s.waitForOverlay(page, (o) => !!o && !o.text.includes('Hide on this page'));
    // Back where the biller was before: the page's last field.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pos');
    await page.close();
  });

  it('arrow keys on the handle dock it to another corner; dragging moves it and drops it docked near a corner', async () => {
    const page = await s.open(HOST, '/claims/claim-status.html');
    await s.waitForOverlay(page);
    await page.bringToFront();
    const start = await hostRect(page);
    // Focus the handle (first control of the overlay) from the page's end.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page))?.name).toMatch(/^Move coverage notes/);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    const topLeft = await hostRect(page);
    expect(topLeft.top).toBeLessThanOrEqual(20);
    expect(topLeft.left).toBeLessThanOrEqual(20);
    // Drag by the handle to the middle of the screen: it stays where it was dropped.
    const grip = { x: topLeft.left + 14, y: topLeft.top + 16 };
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 300, grip.y + 200, { steps: 5 });
    await page.mouse.up();
    const moved = await hostRect(page);
    expect(Math.round(moved.left - topLeft.left)).toBe(300);
    expect(Math.round(moved.top - topLeft.top)).toBe(200);
    // Dragged close to the bottom-right corner: docks there.
    await page.mouse.move(moved.left + 14, moved.top + 16);
    await page.mouse.down();
    await page.mouse.move(start.width - 30, start.height - 25, { steps: 5 });
    await page.mouse.up();
    const docked = await hostRect(page);
    expect(Math.round(docked.width - docked.right)).toBe(16);
    expect(Math.round(docked.height - docked.bottom)).toBe(16);
    await page.close();
  });

  it('"Hide on this page" removes it until the app moves to another screen', async () => {
    const page = await s.open(HOST, '/content/spa.html');
    await s.waitForOverlay(page);
    await page.bringToFront();
    const r = await hostRect(page);
    await page.mouse.click(r.right - 20, r.bottom - 14);
    await s.waitForOverlay(page, (o) => !!o?.text.includes('Hide on this page'));
    // Buttons inside a closed root: reach them by keyboard from the heading that has focus.
    for (let i = 0; i < 30; i++) {
      const f = await focused(page);
      if (f?.name === 'Hide on this page') break;
      await page.keyboard.press('Tab');
    }
    expect((await focused(page))?.name).toBe('Hide on this page');
    await page.keyboard.press('Enter');
    await s.waitForOverlay(page, (o) => o === null);
    await page.getByRole('link', { name: 'Pending' }).click();
    expect((await s.waitForOverlay(page, (o) => !!o?.name.includes('20561')))?.name).toMatch(/^Coverage notes: 20561/);
    await page.close();
  });
});

describe('overlay accessibility (axe-core, same component in an open root)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`no violations collapsed and expanded, ${scheme}`, async () => {
      const page = await s.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`https://${PLAIN}/`);
      await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
      const run = () =>
        page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
        });
      expect(await run()).toEqual([]);
      await page.evaluate(() => (window as unknown as { showOverlay: (e: boolean) => void }).showOverlay(true));
      const shown = await page.evaluate(() => document.querySelector('dnca-overlay')!.shadowRoot!.textContent ?? '');
      expect(shown).toContain('Hide on this site');
      expect(await run()).toEqual([]);
      await page.close();
    });
  }
});
