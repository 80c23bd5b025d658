// The real-browser suite's core cases in real Firefox ESR, loading
// dist/firefox as a temporary add-on. No Firefox is a failure, never a skip:
// the suite says how to install one.
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirefoxSession } from './support/firefox-session';

let s: FirefoxSession;

beforeAll(async () => {
  s = await FirefoxSession.start();
}, 90_000);

afterAll(async () => {
  await s?.close();
});

/** The popup for a tab, on the named section (it reopens on the last one used). */
async function popupText(tabId: number, section: RegExp = /^Coverage$/): Promise<{ page: Page; text: string }> {
  const page = await s.openPopup(tabId);
  await page.waitForFunction(() => !document.body.innerText.includes('Loading…'), { timeout: 8000 });
  await page.evaluate((source) => {
    const name = new RegExp(source, 'i');
    [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => name.test((t.textContent ?? '').trim()))?.click();
  }, section.source);
  return { page, text: await page.evaluate(() => document.body.innerText) };
}

describe('portal pages in real Firefox ESR', () => {
  it('UHC claim status with 20560: codes, payer, badge and the overlay in its closed root', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20560']);
    expect(state.payer?.id).toBe('uhc');
    expect(await s.badge(page)).toBe('1');
    const overlay = await s.waitForOverlay(page, (o) => !!o?.name);
    expect(['complementary', 'dialog']).toContain(overlay?.role);
    expect(overlay?.name).toMatch(/^Coverage notes/);
    expect(overlay?.name).toContain('20560');
    expect(overlay?.name).toContain('UnitedHealthcare');
    expect(overlay?.text).toContain('usually denied');
    // The page's own world cannot see into the closed root.
    expect(await page.evaluate(() => document.querySelector('dnca-overlay')?.shadowRoot ?? null)).toBeNull();
    await page.close();
  });

  it('Novitas claim with 20561 and a low back pain diagnosis: Medicare', async () => {
    const page = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20561']);
    expect(state.payer?.id).toBe('medicare');
    expect(state.diagnoses).toContain('M54.50');
    expect(await s.badge(page)).toBe('1');
    const overlay = await s.waitForOverlay(page, (o) => !!o?.name);
    expect(overlay?.name).toMatch(/^Coverage notes: 20561 · Medicare/);
    expect(overlay?.text).toContain('chronic low back pain');
    await page.close();
  });

  it('the popup for a Medicare tab shows the notes and what to verify on the call', async () => {
    const page = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    const { page: popup, text } = await popupText(await s.tabIdOf(page));
    expect(text).toContain('Payer: Medicare');
    expect(text).toContain('CPT 20561');
    expect(text).toContain('Verify on the call');
    expect(text).toMatch(/chronic low back pain/i);
    await popup.close();
    await page.close();
  });

  it("the popup's call checklist for a Medicare tab: Medicare's own questions, the code prefilled, answers kept", async () => {
    const page = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    const tabId = await s.tabIdOf(page);
    const { page: popup } = await popupText(tabId, /checklist/);
    await popup.waitForFunction(() => /Call checklist: Medicare/.test(document.body.innerText), { timeout: 8000 });
    const view = await popup.evaluate(() => ({
      text: document.body.innerText,
      values: [...document.querySelectorAll('input')].map((i) => i.value),
    }));
    const { questions } = JSON.parse(readFileSync('rules/checklist.json', 'utf8')) as { questions: { text: string; payers?: string[] }[] };
    const only = (payer: string) => questions.filter((q) => q.payers?.length === 1 && q.payers[0] === payer);
    expect(only('medicare').length).toBeGreaterThan(0);
    for (const q of only('medicare')) expect(view.text).toContain(q.text);
    for (const q of only('bcbs')) expect(view.text).not.toContain(q.text);
    expect(view.values).toContain('20561');
    // An answer typed in Firefox is kept for the call (storage.session), as in Chrome.
    await popup.evaluate(() => {
      const field = [...document.querySelectorAll<HTMLInputElement>('input[type="text"]')].find((i) => i.value === '');
      if (!field) throw new Error('no empty text answer');
      field.focus();
      field.value = 'Rep Firefox Quill';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await new Promise((r) => setTimeout(r, 400));
    await popup.close();
    const session = await s.inExtension(() => chrome.storage.session.get(null), null);
    expect(JSON.stringify(session)).toContain('Rep Firefox Quill');
    await page.close();
  });

  it('the popup for a UHC tab names the payer and the code', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    const { page: popup, text } = await popupText(await s.tabIdOf(page));
    expect(text).toContain('UnitedHealthcare');
    expect(text).toContain('CPT 20560');
    await popup.close();
    await page.close();
  });

  it('a 2,000-line claim list: the two lines with a code, then 100 lines appended and 100 added above, read as spans', async () => {
    const page = await s.open('www.uhcprovider.com', '/content/big-list.html');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.diagnoses).toEqual(['M54.50', 'M79.18']);
    type Fixture = { appendLines(count: number, how?: object): void };
    await page.evaluate(() => (window as unknown as Fixture).appendLines(100, { with: 'field' }));
    const appended = await s.waitForTabState(page, (st) => st.codes.includes('20560') && st.diagnoses.includes('M54.6'));
    expect(appended.codes).toEqual(['20560', '20561']);
    expect(appended.diagnoses).toEqual(['M54.50', 'M54.6', 'M79.18']);
    await page.evaluate(() => (window as unknown as Fixture).appendLines(100, { at: 'top', oneByOne: true, dx: 'M62.838' }));
    const above = await s.waitForTabState(page, (st) => st.diagnoses.includes('M62.838'));
    expect(above.diagnoses).toEqual(['M54.50', 'M54.6', 'M62.838', 'M79.18']);
    await page.close();
  });

  it('a page with no code: no overlay, empty badge', async () => {
    const page = await s.open('www.uhcprovider.com', '/test/no-code.html');
    const state = await s.waitForTabState(page, (st) => st.frames > 0);
    expect(state.codes).toEqual([]);
    expect(await s.badge(page)).toBe('');
    expect(await s.overlay(page)).toBeNull();
    await page.close();
  });

  it('no uncaught errors on any page', () => {
    expect(s.errors).toEqual([]);
  });
});

describe('Firefox site access is opt-in', () => {
  let strict: FirefoxSession;

  beforeAll(async () => {
    // What a user of a store install sees before granting the portal sites.
    strict = await FirefoxSession.start({ prefs: { 'extensions.originControls.grantByDefault': false } });
  }, 90_000);

  afterAll(async () => {
    await strict?.close();
  });

  it('without granted host access the content script does not run on a portal page', async () => {
    const page = await strict.open('www.uhcprovider.com', '/claims/claim-status.html');
    const granted = await strict.inExtension(
      (origin) => chrome.permissions.contains({ origins: [origin] }),
      'https://*.uhcprovider.com/*',
    );
    expect(granted).toBe(false);
    // Give the page the time a granted script takes to report (under a second above).
    await new Promise((r) => setTimeout(r, 2500));
    // Without host access even the tab's URL is hidden from us, so look at every tab's stored findings: none.
    const session = await strict.inExtension(() => chrome.storage.session.get(null), null);
    expect(Object.keys(session).filter((k) => k.startsWith('tab:'))).toEqual([]);
    expect(await strict.overlay(page)).toBeNull();
    await strict.closePage(page);
  }, 90_000);
});
