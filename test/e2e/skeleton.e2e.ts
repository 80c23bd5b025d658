// The walking skeleton through the real path: built extension, real Chromium,
// pages served over HTTPS under real portal hostnames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession } from './support/chromium-session';

let s: ChromiumSession;

beforeAll(async () => {
  s = await ChromiumSession.start();
});

afterAll(async () => {
  await s?.close();
});

describe('portal pages in real Chromium', () => {
  it('UHC claim status with 20560: badge, tab state and overlay', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20560']);
    expect(state.payer?.id).toBe('uhc');
    expect(await s.badge(page)).toBe('1');
    const overlay = await s.waitForOverlay(page);
    expect(overlay?.name).toMatch(/^Coverage notes/);
    expect(overlay?.role).toBe('complementary');
    expect(overlay?.name).toContain('20560');
    expect(overlay?.name).toContain('UnitedHealthcare');
    expect(overlay?.text).toContain('usually denied');
    await page.close();
  });

  it('Medicare contractor page with 20561 and a low back pain diagnosis', async () => {
    const page = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20561']);
    expect(state.payer?.id).toBe('medicare');
    expect(state.diagnoses).toContain('M54.50');
    expect(await s.badge(page)).toBe('1');
    const overlay = await s.waitForOverlay(page);
    expect(overlay?.name).toMatch(/^Coverage notes: 20561 · Medicare/);
    expect(overlay?.text).toContain('chronic low back pain');
    await page.close();
  });

  it('finds a code that appears only after the page script renders it', async () => {
    const page = await s.open('www.uhcprovider.com', '/test/spa-render.html');
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20560']);
    expect(await s.badge(page)).toBe('1');
    expect((await s.waitForOverlay(page))?.name).toContain('20560');
    await page.close();
  });

  it('a page with no dry needling code: no overlay, empty badge', async () => {
    const page = await s.open('www.uhcprovider.com', '/test/no-code.html');
    // The content script reports even when it finds nothing: wait for that report.
    const state = await s.waitForTabState(page, (st) => st.frames > 0);
    expect(state.codes).toEqual([]);
    expect(await s.badge(page)).toBe('');
    expect(await s.overlay(page)).toBeNull();
    await page.close();
  });

  it('ignores 20560 inside scripts, styles, templates, noscript and comments', async () => {
    const page = await s.open('www.uhcprovider.com', '/test/script-only.html');
    const state = await s.waitForTabState(page, (st) => st.frames > 0);
    expect(state.codes).toEqual([]);
    expect(await s.badge(page)).toBe('');
    expect(await s.overlay(page)).toBeNull();
    await page.close();
  });

  it('highlights the code with the CSS Custom Highlight API without touching the DOM', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    await s.waitForOverlay(page);
    const { highlighted, wrapped } = await page.evaluate(() => {
      const h = CSS.highlights.get('dnca-dry-needling-code');
      const texts = h ? [...h].map((r) => (r as Range).toString()) : [];
      const cell = [...document.querySelectorAll('td')].find((td) => td.textContent === '20560');
      return { highlighted: texts, wrapped: cell ? cell.childNodes.length !== 1 || cell.firstChild?.nodeType !== 3 : true };
    });
    expect(highlighted).toEqual(['20560']);
    expect(wrapped).toBe(false);
    await page.close();
  });

  it('draws the highlight with colours alone: a decoration or shadow makes Chromium recompute the page\'s overflow after every change', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    const styles = await page.evaluate(() =>
      document.adoptedStyleSheets
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText === '::highlight(dnca-dry-needling-code)')
        .map((r) => ({ background: r.style.backgroundColor, decoration: r.style.textDecorationLine, shadow: r.style.textShadow })),
    );
    expect(styles).toEqual([{ background: expect.stringMatching(/\S/), decoration: '', shadow: '' }]);
    await page.close();
  });

  it('no uncaught errors on any page', () => {
    expect(s.errors).toEqual([]);
  });
});
