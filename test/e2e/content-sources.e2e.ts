// Where codes are: open shadow roots, same-origin iframes, form fields, and
// single-page navigation with rows coming and going. Real Chromium, the built
// extension, fixture pages under a real portal hostname.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ChromiumSession } from './support/chromium-session';

let s: ChromiumSession;
const HOST = 'www.uhcprovider.com';

beforeAll(async () => {
  s = await ChromiumSession.start();
});

afterAll(async () => {
  await s?.close();
});

/** The text of every highlighted range, read in the page's world. */
function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = CSS.highlights.get('dnca-dry-needling-code');
    return h ? [...h].map((r) => (r as Range).toString()) : [];
  });
}

describe('codes wherever the biller sees them', () => {
  it('reads open shadow roots, nested ones, and lines added inside them later', async () => {
    const page = await s.open(HOST, '/content/shadow.html');
    const state = await s.waitForTabState(page, (st) => st.codes.includes('20561'));
    expect(state.codes).toEqual(['20561']);
    expect(state.diagnoses).toContain('M54.50');
    expect(await highlighted(page)).toEqual(['20561']);
    const overlay = await s.waitForOverlay(page, (o) => !!o?.name.includes('20561'));
    expect(overlay?.name).toMatch(/^Coverage notes: 20561 · UnitedHealthcare/);
    // The highlight range lives in the component's shadow tree, not a copy of its text.
    const inShadow = await page.evaluate(() => {
      const h = CSS.highlights.get('dnca-dry-needling-code');
      const r = h ? ([...h][0] as Range) : null;
      return r ? r.startContainer.getRootNode() instanceof ShadowRoot : false;
    });
    expect(inShadow).toBe(true);
    await page.close();
  });

  it('folds a same-origin iframe into the tab state and shows the overlay in the top frame', async () => {
    const page = await s.open(HOST, '/content/iframe.html');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0 && st.frames >= 2);
    expect(state.codes).toEqual(['20560']);
    expect(state.frames).toBe(2);
    expect(await s.badge(page)).toBe('1');
    const overlay = await s.waitForOverlay(page);
    expect(overlay?.name).toContain('20560');
    // One overlay, in the top document only.
    const frame = page.frames().find((f) => f.url().endsWith('/content/iframe-lines.html'));
    expect(frame).toBeTruthy();
    expect(await frame!.evaluate(() => document.querySelectorAll('dnca-overlay').length)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('dnca-overlay').length)).toBe(1);
    expect(await frame!.evaluate(() => [...(CSS.highlights.get('dnca-dry-needling-code') ?? [])].map((r) => (r as Range).toString()))).toEqual(['20560']);
    await page.close();
  });

  it('reads frames the page makes from script (srcdoc and a blank frame it writes into)', async () => {
    const page = await s.open(HOST, '/content/script-frames.html');
    // Three frames report on their own time: wait for all of them.
    const state = await s.waitForTabState(page, (st) => st.frames === 3 && st.codes.length >= 2);
    expect(state.codes).toEqual(['20560', '20561']);
    expect(state.diagnoses).toEqual(['M54.50']);
    // The payer comes from the top frame's site, though the frames themselves have no hostname.
    expect(state.payer?.id).toBe('uhc');
    const framed = async (id: string) =>
      page.evaluate((frameId) => {
        const win = (document.getElementById(frameId) as HTMLIFrameElement).contentWindow as unknown as { CSS: typeof CSS };
        return [...(win.CSS.highlights.get('dnca-dry-needling-code') ?? [])].map((r) => (r as Range).toString());
      }, id);
    expect(await framed('srcdoc')).toEqual(['20561']);
    expect(await framed('blank')).toEqual(['20560']);
    await page.close();
  });

  it('follows panels the page shows and hides by class alone', async () => {
    const page = await s.open(HOST, '/content/class-panels.html');
    await s.waitForTabState(page, (st) => st.frames > 0);
    await new Promise((r) => setTimeout(r, 300));
    // The service lines are in the page but hidden: not what the biller sees.
    expect((await s.tabState(page)).codes).toEqual([]);
    await page.bringToFront();
    await page.locator('#show-lines').click();
    expect((await s.waitForTabState(page, (st) => st.codes.length > 0)).codes).toEqual(['20561']);
    expect(await highlighted(page)).toEqual(['20561']);
    await page.bringToFront();
    await page.locator('#show-summary').click();
    await s.waitForTabState(page, (st) => st.codes.length === 0);
    expect(await highlighted(page)).toEqual([]);
    await page.close();
  });

  it('shows notes as a biller types 20561 into a field, without highlighting inside it', async () => {
    const page = await s.open(HOST, '/content/form.html');
    await s.waitForTabState(page, (st) => st.frames > 0);
    await page.locator('#cpt').pressSequentially('2056', { delay: 30 });
    // Four digits are not a code.
    await new Promise((r) => setTimeout(r, 300));
    expect((await s.tabState(page)).codes).toEqual([]);
    // Asking for the tab state opened an extension page: give the form the keyboard back.
    await page.bringToFront();
    await page.locator('#cpt').press('1');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20561']);
    expect((await s.waitForOverlay(page))?.name).toContain('20561');
    expect(await highlighted(page)).toEqual([]);
    // The page's own input handler saw every keystroke.
    expect(await page.evaluate(() => document.getElementById('echo')!.dataset.last)).toBe('20561');
    // A textarea counts too; clearing both fields clears the notes.
    await page.bringToFront();
    await page.locator('#cpt').fill('');
    await page.locator('#notes').fill('Plan to bill 20560 next visit');
    expect((await s.waitForTabState(page, (st) => st.codes.join() === '20560')).codes).toEqual(['20560']);
    await page.locator('#notes').fill('');
    await s.waitForTabState(page, (st) => st.codes.length === 0);
    await s.waitForOverlay(page, (o) => o === null);
    await page.close();
  });

  it('follows pushState and hash navigation; codes of removed rows disappear', async () => {
    const page = await s.open(HOST, '/content/spa.html');
    expect((await s.waitForTabState(page, (st) => st.codes.length > 0)).codes).toEqual(['20560']);
    await s.waitForOverlay(page, (o) => !!o?.name.includes('20560'));

    await page.getByRole('link', { name: 'Pending' }).click();
    expect(page.url()).toMatch(/\/content\/spa\/pending$/);
    const pending = await s.waitForTabState(page, (st) => st.codes.join() === '20561');
    expect(pending.codes).toEqual(['20561']);
    await s.waitForOverlay(page, (o) => !!o?.name.includes('20561') && !o.name.includes('20560'));
    expect(await highlighted(page)).toEqual(['20561']);

    await page.goBack();
    await s.waitForTabState(page, (st) => st.codes.join() === '20560');

    // A row added, then the row with the code removed.
    await page.evaluate(() => (window as unknown as { addRow: (c: string[]) => void }).addRow(['03/18/2026', '20561', 'Paid']));
    await s.waitForTabState(page, (st) => st.codes.join() === '20560,20561');
    await page.evaluate(() => (window as unknown as { removeRow: (c: string) => void }).removeRow('20560'));
    await s.waitForTabState(page, (st) => st.codes.join() === '20561');
    expect(await highlighted(page)).toEqual(['20561']);

    await page.getByRole('link', { name: 'Empty' }).click();
    expect(page.url()).toMatch(/#empty$/);
    await s.waitForTabState(page, (st) => st.codes.length === 0);
    await s.waitForOverlay(page, (o) => o === null);
    expect(await highlighted(page)).toEqual([]);
    expect(await s.badge(page)).toBe('');
    await page.close();
  });

  it('no uncaught errors on any page', () => {
    expect(s.errors).toEqual([]);
  });
});
