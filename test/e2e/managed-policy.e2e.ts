// Enterprise policy in real Chromium: a policy file under
// /etc/chromium/policies/managed/ (Debian Chromium's folder; the tests run as
// root) adds a site with its payer, a custom payer's rules, and locks a
// setting, all while the browser runs; removing the file undoes it. The file
// is machine-wide, so it is written in try and removed in finally, under a
// name no one else uses, and it touches nothing other suites test: a payer
// of its own, a host of its own, and the keep-answers switch the popup reads
// from the user's own settings.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChromiumSession } from './support/chromium-session';
import { headedSuite, type NativeUi } from './support/native-ui';
import { OptionsPage } from './support/options-page';
import { openPopup, section } from './support/popup-page';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/dnca-options-e2e-${process.pid}.json`;
const HOST = 'billing.northside-pt.test';

function northsideRules(): string {
  const rule = JSON.parse(readFileSync('rules/uhc.json', 'utf8'));
  rule.id = 'northside-health';
  rule.name = 'Northside Health Plan';
  rule.short = 'prior auth required';
  rule.aliases = [{ text: 'Northside Health Plan' }];
  rule.hostnames = [];
  rule.coverage['20560'].status = 'covered-with-criteria';
  rule.coverage['20560'].headline.text = 'Covered with prior authorization under the practice’s Northside contract.';
  return JSON.stringify(rule);
}

function writePolicy(extensionId: string): void {
  mkdirSync(POLICY_DIR, { recursive: true });
  const values = { sites: [{ pattern: HOST, payer: 'northside-health' }], rules: northsideRules(), locked: { keepAnswers: true } };
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }));
}

let s: ChromiumSession;
let ui: NativeUi;
headedSuite((session, native) => {
  s = session;
  ui = native;
});

afterAll(() => rmSync(POLICY_FILE, { force: true }));

describe('a managed policy applied while the browser runs', () => {
  it('adds a site with its payer and a custom payer’s rules, locks a setting, and undoes it all when removed', async () => {
    const options = await OptionsPage.open(s);
    const keep = options.setting('Keep call answers after the browser closes');
    expect(await keep.isChecked()).toBe(false);
    expect(await keep.isDisabled()).toBe(false);
    expect(s.extensionId).toBe('lcebeigjnljhomipmccfdjikggkmdgjn');
    try {
      writePolicy(s.extensionId);
      const started = Date.now();
      // Chromium notices the file change itself (about 5 s); the page updates through storage.onChanged, no reload.
      await expect.poll(() => keep.isDisabled(), { timeout: 30_000, interval: 250 }).toBe(true);
      console.log(`policy applied ${Date.now() - started} ms after the file was written`);
      expect(await keep.isChecked()).toBe(true);
      expect(await options.page.locator('#setting-keepAnswers-hint').textContent()).toMatch(/^Set by your organization\./);
      // The user's own value is kept underneath the lock.
      const stored = await s.worker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { keepAnswers?: boolean } | undefined)?.keepAnswers ?? false);
      expect(stored).toBe(false);

      const sites = options.addedSites();
      await expect.poll(() => sites.textContent()).toContain(`${HOST} · payer: Northside Health Plan`);
      expect(await sites.textContent()).toContain('Set by your organization');
      expect(await options.page.getByRole('button', { name: `Remove ${HOST}` }).count()).toBe(0);
      expect(await options.page.getByText('Your organization\'s rules: Northside Health Plan (northside-health)').count()).toBe(1);
      expect(await options.page.getByRole('list', { name: 'Payer rules' }).textContent()).toContain('Northside Health Plan');

      // The organization cannot grant host access; each user allows it once, from a click.
      await options.page.getByRole('button', { name: `Allow access to ${HOST}` }).click();
      const dialog = await ui.allow(HOST);
      expect(dialog.texts).toContain(`Read and change your data on ${HOST}`);
      await expect
        .poll(() => s.worker().evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((c) => c.id)), { timeout: 5000 })
        .toEqual([`site:${HOST}`]);

      const page = await s.open(HOST, '/claims/claim.html');
      const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
      expect(state.codes).toEqual(['20560']);
      expect(state.payer).toMatchObject({ id: 'northside-health', name: 'Northside Health Plan', evidence: `set by your organization for ${HOST}` });
      expect((await s.waitForOverlay(page))?.text).toContain('Northside Health Plan: prior auth required');

      // The popup keeps the call where the organization's lock says (local storage), not where the user's own setting would.
      const popup = await openPopup(s, await s.tabIdOf(page));
      await section(popup, 'Call checklist');
      await popup.locator('#q-rep-name').fill('Org Lock Check');
      await expect
        .poll(() => s.worker().evaluate(async () => JSON.stringify((await chrome.storage.local.get('callSession')).callSession ?? null)))
        .toContain('Org Lock Check');
      expect(await s.worker().evaluate(async () => (await chrome.storage.session.get('callSession')).callSession)).toBeUndefined();
      await popup.close();
      await page.close();
    } finally {
      rmSync(POLICY_FILE, { force: true });
    }
    await expect.poll(() => keep.isDisabled(), { timeout: 30_000, interval: 250 }).toBe(false);
    expect(await keep.isChecked()).toBe(false);
    await expect.poll(() => options.addedSites().count()).toBe(0);
    await expect
      .poll(() => s.worker().evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((c) => c.id)), { timeout: 5000 })
      .toEqual([]);
    await options.close();
  });
});

describe('a policy already in place when the browser starts', () => {
  it('applies within seconds of the first start, and a restarted browser has it at once', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'dnca-managed-'));
    let browser: ChromiumSession | undefined;
    try {
      writePolicy('lcebeigjnljhomipmccfdjikggkmdgjn');
      for (const run of ['first start', 'restart'] as const) {
        browser = await ChromiumSession.start({ userDataDir: profile });
        const started = Date.now();
        const options = await OptionsPage.open(browser);
        const keep = options.setting('Keep call answers after the browser closes');
        await expect.poll(() => keep.isDisabled(), { timeout: 10_000, interval: 100 }).toBe(true);
        console.log(`${run}: options showed the lock ${Date.now() - started} ms after it opened`);
        expect(await keep.isChecked()).toBe(true);
        expect(await options.page.getByRole('list', { name: 'Payer rules' }).textContent()).toContain('Northside Health Plan');
        // The policy never holds up the portals.
        const page = await browser.open('www.uhcprovider.com', '/claims/claim-status.html');
        expect((await browser.waitForOverlay(page))?.name).toBe('Coverage notes: 20560 · UnitedHealthcare');
        await browser.close();
        browser = undefined;
      }
    } finally {
      rmSync(POLICY_FILE, { force: true });
      await browser?.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
