// Sites in real Chromium: adding a portal asks for its host permission at the
// click (the browser's own dialog, answered from the keyboard on a private X
// display, see support/native-ui.ts) and then the content script runs there;
// a built-in portal turned off stays idle; removing a site takes its access away.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './support/chromium-session';
import { headedSuite, type NativeUi } from './support/native-ui';
import { OptionsPage } from './support/options-page';

const HOST = 'portal.valley-health.test';
const PATH = '/claims/claim.html';
let s: ChromiumSession;
let ui: NativeUi;
headedSuite((session, native) => {
  s = session;
  ui = native;
});

/**
 * No frame of any tab reported a page on `host` within `ms`: the content
 * script did not run there, or stayed idle. (Read from the per-tab reports in
 * session storage: without host access the worker cannot even see the tab's URL.)
 */
async function expectNoScan(page: Page, host: string, ms = 2000): Promise<void> {
  await page.waitForTimeout(ms);
  const urls = await s.worker().evaluate(async () =>
    Object.values(await chrome.storage.session.get(null)).flatMap((t) => Object.values((t as { frames?: Record<string, { url: string }> }).frames ?? {}).map((f) => f.url)),
  );
  expect(urls.filter((u) => new URL(u).hostname === host)).toEqual([]);
}

const registered = () => s.worker().evaluate(() => chrome.scripting.getRegisteredContentScripts());
const granted = (origin: string) => s.worker().evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin);

describe('sites a user adds', () => {
  it('a portal outside the built-in list is not scanned before it is added', async () => {
    const page = await s.open(HOST, PATH);
    await expectNoScan(page, HOST);
    await page.close();
  });

  it('refusing the browser’s prompt adds nothing', async () => {
    const options = await OptionsPage.open(s);
    await options.addSite('denied.valley-health.test');
    const dialog = await ui.deny('denied.valley-health.test');
    expect(dialog.texts.join(' ')).toContain('denied.valley-health.test');
    await options.status(/was not granted/).waitFor();
    expect(await options.page.getByText('None yet.').isVisible()).toBe(true);
    expect(await granted('https://denied.valley-health.test/*')).toBe(false);
    await options.close();
  });

  it('adding one asks for that host at the click, registers the script, and the page is scanned with the chosen payer', async () => {
    const options = await OptionsPage.open(s);
    await options.addSite(`https://${HOST}/claims`, 'Aetna');
    const dialog = await ui.allow(HOST);
    expect(dialog.texts).toContain(`Read and change your data on ${HOST}`);
    await options.status(new RegExp(`Added ${HOST.replace(/\./g, '\\.')}`)).waitFor();
    expect(await options.addedSites().textContent()).toContain(`${HOST} · payer: Aetna`);
    expect(await granted(`https://${HOST}/*`)).toBe(true);

    const scripts = await registered();
    expect(scripts).toEqual([expect.objectContaining({ id: `site:${HOST}`, matches: [`https://${HOST}/*`], js: ['content.js'], allFrames: true, persistAcrossSessions: true })]);

    const page = await s.open(HOST, PATH);
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20561']);
    expect(state.payer).toMatchObject({ id: 'aetna', evidence: `chosen by you for ${HOST}` });
    expect((await s.waitForOverlay(page))?.name).toContain('20561');
    await page.close();
    await options.close();
  });

  it('removing it takes the access and the script away', async () => {
    const options = await OptionsPage.open(s);
    await options.page.getByRole('button', { name: `Remove ${HOST}` }).click();
    await options.status(/Removed/).waitFor();
    expect(await granted(`https://${HOST}/*`)).toBe(false);
    await expect.poll(registered, { timeout: 5000 }).toEqual([]);
    const page = await s.open(HOST, PATH);
    await expectNoScan(page, HOST);
    await page.close();
    await options.close();
  });
});

describe('built-in portals', () => {
  it('a portal turned off stays idle, and works again when turned on', async () => {
    const options = await OptionsPage.open(s);
    await options.setPortal(/^UnitedHealthcare \*\.uhcprovider\.com$/, false);
    await expect.poll(() => s.worker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { disabledPortals?: string[] } | undefined)?.disabledPortals)).toEqual(['*.uhcprovider.com']);
    const off = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await expectNoScan(off, 'www.uhcprovider.com');
    expect(await s.overlay(off)).toBeNull();
    expect(await s.badge(off)).toBe('');
    await off.close();

    await options.setPortal(/^UnitedHealthcare \*\.uhcprovider\.com$/, true);
    await expect.poll(() => s.worker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { disabledPortals?: string[] } | undefined)?.disabledPortals)).toEqual([]);
    const on = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    expect((await s.waitForTabState(on, (st) => st.codes.length > 0)).codes).toEqual(['20560']);
    await on.close();
    await options.close();
  });
});
