// The popup's accessibility in real Chromium: axe-core finds no violations in
// any section, light or dark; every section reads at 200% zoom without
// sideways scrolling; the keyboard reaches everything with a visible focus.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession } from './support/chromium-session';
import { axe, openPopup, section } from './support/popup-page';

const SECTIONS = ['Coverage', 'Call checklist', 'Medicare visits', 'Denied?'];

let s: ChromiumSession;
let popup: Page;

beforeAll(async () => {
  s = await ChromiumSession.start();
  const medicare = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
  await s.waitForTabState(medicare, (st) => st.codes.length > 0);
  popup = await openPopup(s, await s.tabIdOf(medicare));
  // Some visits, so the tracker shows used, next and additional cells.
  await section(popup, 'Medicare visits');
  for (const d of ['2026-01-05', '2026-01-07', '2026-04-20']) {
    await popup.getByLabel('Visit date').fill(d);
    await popup.getByRole('button', { name: 'Add visit' }).click();
  }
  await popup.getByLabel('Next visit on').fill('2026-04-22');
});

afterAll(async () => {
  await s?.close();
});

describe.each(['light', 'dark'] as const)('axe-core, %s theme', (scheme) => {
  it.each(SECTIONS)('%s: no violations', async (name) => {
    await popup.emulateMedia({ colorScheme: scheme });
    await section(popup, name);
    expect(await axe(popup)).toEqual([]);
  });

  it('the "New call" confirmation: no violations', async () => {
    await popup.emulateMedia({ colorScheme: scheme });
    await section(popup, 'Call checklist');
    await popup.getByRole('button', { name: 'New call…' }).click();
    await popup.getByRole('dialog').waitFor();
    expect(await axe(popup)).toEqual([]);
    await popup.keyboard.press('Escape');
    await popup.getByRole('dialog').waitFor({ state: 'hidden' });
  });
});

describe('axe-core on a page outside the portals', () => {
  it('"Scan this page", and the message when the scan is refused: no violations', async () => {
    const clinic = await s.open('www.example-clinic.test', '/billing/superbill.html');
    await clinic.bringToFront();
    const tabId = await s.worker().evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1);
    const scanPopup = await openPopup(s, tabId);
    await section(scanPopup, 'Coverage');
    await scanPopup.getByRole('button', { name: 'Scan this page' }).waitFor();
    expect(await axe(scanPopup)).toEqual([]);
    await scanPopup.getByRole('button', { name: 'Scan this page' }).click();
    await scanPopup.getByRole('alert').waitFor();
    expect(await axe(scanPopup)).toEqual([]);
    await scanPopup.close();
    await clinic.close();
  });
});

describe('axe-core really runs', () => {
  it('it reports an unlabelled field added to the page (so an empty result means something)', async () => {
    await popup.evaluate(() => document.querySelector('[role="tabpanel"]')!.append(Object.assign(document.createElement('input'), { id: 'axe-probe' })));
    const violations = await axe(popup);
    await popup.evaluate(() => document.getElementById('axe-probe')?.remove());
    expect(violations.map((v) => v.id)).toContain('label');
  });
});

describe('the theme follows the system', () => {
  it('dark scheme gives a dark background and light text', async () => {
    await popup.emulateMedia({ colorScheme: 'dark' });
    const dark = await popup.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    await popup.emulateMedia({ colorScheme: 'light' });
    const light = await popup.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    expect(dark).toEqual(['rgb(13, 17, 23)', 'rgb(230, 237, 243)']);
    expect(light).toEqual(['rgb(255, 255, 255)', 'rgb(31, 35, 40)']);
  });
});

describe('200% zoom', () => {
  it.each(SECTIONS)('%s fits the widest popup (800 px) without sideways scrolling', async (name) => {
    const zoomed = await s.context.newPage();
    await zoomed.setViewportSize({ width: 800, height: 600 });
    await openPopup(s, await s.tabIdOf(await firstPortalPage()), zoomed);
    const tabId = await popupTabId(zoomed);
    await s.worker().evaluate(([id]) => chrome.tabs.setZoom(id!, 2), [tabId]);
    await expect.poll(() => zoomed.evaluate(() => window.innerWidth)).toBe(400);
    await section(zoomed, name);
    const { scroll, client } = await zoomed.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
    await zoomed.close();
  });
});

describe('keyboard', () => {
  it('arrow keys, Home and End move between sections; Alt+number jumps', async () => {
    await section(popup, 'Coverage');
    await popup.getByRole('tab', { name: 'Coverage' }).focus();
    const selected = () => popup.getByRole('tab', { selected: true }).textContent();
    await popup.keyboard.press('ArrowRight');
    expect(await selected()).toBe('Call checklist');
    await popup.keyboard.press('End');
    expect(await selected()).toBe('Denied?');
    await popup.keyboard.press('ArrowRight');
    expect(await selected()).toBe('Coverage');
    await popup.keyboard.press('ArrowLeft');
    expect(await selected()).toBe('Denied?');
    await popup.keyboard.press('Home');
    expect(await selected()).toBe('Coverage');
    await popup.keyboard.press('Alt+Digit3');
    await expect.poll(selected).toBe('Medicare visits');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
  });

  it('Tab reaches every control of every section, each with a visible focus ring', async () => {
    for (const name of SECTIONS) {
      await section(popup, name);
      await popup.getByRole('tab', { name }).focus();
      const controls = await popup.getByRole('tabpanel').locator('a, button, input, select, textarea, summary, [tabindex="0"]').filter({ visible: true }).count();
      const seen = new Set<string>();
      // Date fields take a Tab stop per part (month, day, year, hour…): room for those.
      for (let i = 0; i < controls * 6 + 3; i++) {
        await popup.keyboard.press('Tab');
        const focus = await popup.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const inPanel = !!el.closest('[role="tabpanel"]');
          const key = `${[...document.querySelectorAll('*')].indexOf(el)}:${el.tagName}#${el.id}|${el.textContent?.slice(0, 30) ?? ''}`;
          return { inPanel, key, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
        });
        if (!focus?.inPanel) break;
        seen.add(focus.key);
        expect(focus.outline, focus.key).not.toBe('none');
        expect(focus.width, focus.key).toBeGreaterThanOrEqual(2);
      }
      // Radio groups take one Tab stop each; everything else takes its own.
      const radioGroups = await popup.getByRole('tabpanel').locator('fieldset.yesno').count();
      const radios = await popup.getByRole('tabpanel').locator('input[type="radio"]').count();
      expect(seen.size, name).toBe(controls - radios + radioGroups);
    }
  });
});

async function firstPortalPage(): Promise<Page> {
  const page = s.context.pages().find((p) => p.url().includes('novitasphere'));
  if (!page) throw new Error('the Medicare page is gone');
  return page;
}

async function popupTabId(page: Page): Promise<number> {
  const url = page.url();
  return s.worker().evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url);
}

it('no uncaught errors', () => {
  expect(s.errors).toEqual([]);
});
