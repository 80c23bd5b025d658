// Firefox's first run: MV3 host access is opt-in there, so on install the
// extension opens its options, whose first-run step asks for the built-in
// portals from a click (permissions.request needs a user action in Firefox).
// Firefox ESR is started with grantByDefault off, as a store user has it.
// Its permission doorhanger cannot be driven over WebDriver BiDi (the raw BiDi
// connection below is not public puppeteer API; puppeteer-core is pinned), so the
// prompt is switched off with Firefox's own pref for this
// (extensions.webextOptionalPermissionPrompts = false: the request is granted
// as if accepted); the click, the request and what follows are real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirefoxSession, poll } from './support/firefox-session';

let ff: FirefoxSession;

beforeAll(async () => {
  ff = await FirefoxSession.start({ prefs: { 'extensions.originControls.grantByDefault': false, 'extensions.webextOptionalPermissionPrompts': false } });
}, 90_000);

afterAll(async () => {
  await ff?.close();
});

describe('Firefox first run', () => {
  it('opens options on install, and its button grants the portals so pages are checked', async () => {
    // Before any page of ours is opened, every top-level tab the browser has (BiDi's context tree):
    // the extension opened its options on install.
    const bidi = (ff.browser as unknown as { connection: { send(m: string, p: object): Promise<{ result: { contexts: { url: string }[] } }> } }).connection;
    const tabs = await poll(
      async () => (await bidi.send('browsingContext.getTree', {})).result.contexts.map((c) => c.url),
      (urls) => urls.some((u) => u === `${ff.extensionOrigin}/options.html`),
      'an options tab opened on install',
    );
    expect(tabs.filter((u) => u.startsWith(ff.extensionOrigin))).toEqual([`${ff.extensionOrigin}/options.html`]);

    const options = await ff.openExtensionPage('options.html');
    const button = await options.waitForSelector('::-p-aria(Allow access to the built-in portals[role="button"])', { timeout: 15_000 });
    const origin = 'https://*.uhcprovider.com/*';
    expect(await options.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin)).toBe(false);
    await button!.click();
    await poll(() => options.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin), (granted) => granted, 'portal access granted');
    // The first-run step is gone once the portals are granted.
    await poll(async () => (await options.$$('::-p-aria(First run)')).length, (n) => n === 0, 'first-run step gone');

    const page = await ff.open('www.uhcprovider.com', '/claims/claim-status.html');
    const state = await ff.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20560']);
    await page.close();
    await options.close();
  }, 90_000);
});
