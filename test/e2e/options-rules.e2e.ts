// The practice's own rules in real Chromium: a bad file lists every problem
// and changes nothing; a good one shows what it changes, then changes the
// overlay's note on an open page; the previous rules can be restored; the
// rules in force can be exported. Also: broken stored settings recover, and
// axe-core finds nothing on the options page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession } from './support/chromium-session';
import { OptionsPage } from './support/options-page';
import { axe } from './support/popup-page';

let s: ChromiumSession;

beforeAll(async () => {
  s = await ChromiumSession.start();
});

afterAll(async () => {
  await s?.close();
});

const NEW_HEADLINE = 'Practice note: covered under our 2026 UnitedHealthcare contract with prior authorization.';
const uhcFile = () => JSON.parse(readFileSync('rules/uhc.json', 'utf8'));
const storedUserRules = () => s.worker().evaluate(async () => (await chrome.storage.local.get('userRules')).userRules ?? null);

describe('importing rules', () => {
  it('a bad file lists each problem with its path and leaves the rules unchanged', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    const before = await s.waitForOverlay(page, (o) => !!o?.text.includes('UnitedHealthcare: usually denied'));
    const options = await OptionsPage.open(s);
    const bad = uhcFile();
    bad.reviewed = 'last spring';
    bad.coverage['20560'].status = 'maybe';
    bad.coverage['20560'].headline.text = NEW_HEADLINE;
    await options.importRules('uhc-broken.json', JSON.stringify(bad));
    const problems = options.page.getByRole('list', { name: 'Problems in the rules file' }).getByRole('listitem');
    await expect.poll(() => problems.allTextContents()).toEqual([
      'reviewed: must be a date written YYYY-MM-DD',
      expect.stringMatching(/^coverage\.20560\.status: Invalid option/),
    ]);
    expect(await options.page.getByRole('alert').textContent()).toContain('Nothing was changed');
    expect(await options.page.getByRole('button', { name: 'Apply these rules' }).count()).toBe(0);
    expect(await storedUserRules()).toBeNull();
    const not = await options.page.getByRole('alert').textContent();
    expect(not).toContain('uhc-broken.json was not imported: 2 problems');

    // Not JSON at all is one problem, named as such.
    await options.importRules('notes.json', '{ "id": "uhc", ');
    await expect.poll(() => problems.allTextContents()).toEqual([expect.stringMatching(/^\(file\): not valid JSON/)]);
    expect(await storedUserRules()).toBeNull();
    await page.waitForTimeout(500);
    expect((await s.overlay(page))?.text).toBe(before?.text);
    await options.close();
    await page.close();
  });

  it('a good file shows what it changes, and once applied the open page’s note changes', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await s.waitForOverlay(page, (o) => !!o?.text.includes('usually denied'));
    const options = await OptionsPage.open(s);
    const good = uhcFile();
    good.short = 'covered by contract';
    good.coverage['20560'].headline.text = NEW_HEADLINE;
    await options.importRules('uhc-practice.json', JSON.stringify(good));
    const preview = options.page.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('Changes UnitedHealthcare (uhc)');
    expect(text).toContain('summary: “usually denied” → “covered by contract”');
    expect(text).toContain(`20560 headline: “`);
    // Previewing applies nothing.
    expect(await storedUserRules()).toBeNull();

    await options.page.getByRole('button', { name: 'Apply these rules' }).click();
    await options.status(/Applied the rules from uhc-practice\.json/).waitFor();
    // The open page's overlay (collapsed: its one-line summary) changes without a reload.
    await s.waitForOverlay(page, (o) => !!o?.text.includes('UnitedHealthcare: covered by contract'));
    // With the setting "open expanded", a new page shows the new headline itself.
    await options.setting('Open the coverage notes expanded').check();
    await expect.poll(() => s.worker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { overlayExpanded?: boolean }).overlayExpanded)).toBe(true);
    const fresh = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await s.waitForOverlay(fresh, (o) => !!o?.text.includes(NEW_HEADLINE));
    await options.setting('Open the coverage notes expanded').uncheck();
    await fresh.close();
    expect(await options.page.getByText('Your rules: UnitedHealthcare (uhc)').count()).toBe(1);

    // Export writes the rules in force, in the format import reads.
    const [download] = await Promise.all([options.page.waitForEvent('download'), options.page.getByRole('button', { name: 'Export the rules in force' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.format).toBe('dry-needling-coverage-rules');
    expect(exported.payers.map((p: { id: string }) => p.id)).toEqual(['aetna', 'cigna', 'uhc', 'bcbs', 'medicare', 'medicaid']);
    expect(exported.payers[2].coverage['20560'].headline.text).toBe(NEW_HEADLINE);

    // The previous rules (the shipped ones) come back.
    await options.page.getByRole('button', { name: 'Restore previous rules' }).click();
    await options.status(/Restored/).waitFor();
    await s.waitForOverlay(page, (o) => !!o?.text.includes('UnitedHealthcare: usually denied'));
    await options.close();
    await page.close();
  });

  it('the rules survive a worker restart', async () => {
    const options = await OptionsPage.open(s);
    const good = uhcFile();
    good.short = 'covered by contract';
    await options.importRules('uhc-practice.json', JSON.stringify(good));
    await options.page.getByRole('button', { name: 'Apply these rules' }).click();
    await options.status(/Applied/).waitFor();
    await s.worker().evaluate(() => Object.assign(globalThis, { beforeRestart: true }));
    const page = await s.open('www.uhcprovider.com', '/test/no-code.html');
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await page.goto(s.url('www.uhcprovider.com', '/claims/claim-status.html'));
    await s.waitForOverlay(page, (o) => !!o?.text.includes('UnitedHealthcare: covered by contract'));
    const workers = s.context.serviceWorkers().filter((w) => w.url().includes(s.extensionId));
    expect(await workers.at(-1)!.evaluate(() => 'beforeRestart' in globalThis)).toBe(false);
    await options.page.getByRole('button', { name: 'Remove my rules' }).click();
    await s.waitForOverlay(page, (o) => !!o?.text.includes('UnitedHealthcare: usually denied'));
    await page.close();
    await options.close();
  });
});

describe('stored settings that cannot be read', () => {
  it('fall back to the defaults, never block the extension, and the user is told once', async () => {
    await s.worker().evaluate(() => chrome.storage.local.set({ settings: { version: 'x', highlights: 'maybe' } }));
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    // Not through tab-state: that helper keeps an options page open, which would show (and so spend) the notice.
    expect((await s.waitForOverlay(page))?.name).toBe('Coverage notes: 20560 · UnitedHealthcare');
    expect(await s.badge(page)).toBe('1');
    const stored = await s.worker().evaluate(() => chrome.storage.local.get(['settings', 'settingsRecovered']));
    expect(stored.settings).toMatchObject({ version: 2, highlights: true, sites: [] });
    expect(typeof stored.settingsRecovered).toBe('string');

    const options = await OptionsPage.open(s);
    expect(await options.page.getByRole('alert').filter({ hasText: 'Your saved settings could not be read' }).count()).toBe(1);
    await options.close();
    const again = await OptionsPage.open(s);
    expect(await again.page.getByText('Your saved settings could not be read').count()).toBe(0);
    await again.close();
    await page.close();
  });

  it('version 1 settings are migrated with their values kept', async () => {
    await s.worker().evaluate(() =>
      chrome.storage.local.set({ settings: { version: 1, highlights: false, overlayExpanded: true, keepAnswers: false, sitePayer: {}, hiddenSites: [] } }),
    );
    const options = await OptionsPage.open(s);
    expect(await options.setting('Highlight 20560 and 20561 on the page').isChecked()).toBe(false);
    expect(await options.setting('Open the coverage notes expanded').isChecked()).toBe(true);
    const stored = await s.worker().evaluate(() => chrome.storage.local.get(['settings', 'settingsRecovered']));
    expect(stored.settings).toEqual({ version: 2, highlights: false, overlayExpanded: true, keepAnswers: false, sitePayer: {}, hiddenSites: [], disabledPortals: [], sites: [] });
    expect(stored.settingsRecovered).toBeUndefined();
    await options.setting('Highlight 20560 and 20561 on the page').check();
    await expect.poll(() => s.worker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { highlights: boolean }).highlights)).toBe(true);
    await options.close();
  });
});

describe('settings and about', () => {
  it('highlights off: a page opened afterwards gets no highlight, and the overlay still shows', async () => {
    const options = await OptionsPage.open(s);
    const highlighted = async () => {
      const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
      await s.waitForOverlay(page);
      const ranges = await page.evaluate(() => {
        const h = CSS.highlights.get('dnca-dry-needling-code');
        return h ? [...h].map((r) => (r as Range).toString()) : [];
      });
      await page.close();
      return ranges;
    };
    await options.setting('Highlight 20560 and 20561 on the page').uncheck();
    await expect.poll(() => s.worker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { highlights?: boolean }).highlights)).toBe(false);
    expect(await highlighted()).toEqual([]);
    await options.setting('Highlight 20560 and 20561 on the page').check();
    await expect.poll(() => s.worker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { highlights?: boolean }).highlights)).toBe(true);
    expect(await highlighted()).toContain('20560');
    await options.close();
  });

  it('highlights off and on again: a page already open follows at once, in its frames too, and keeps its overlay', async () => {
    // The code is in a same-origin frame: the setting must reach every frame of the tab, not only the top one.
    const page = await s.open('www.uhcprovider.com', '/content/iframe.html');
    await s.waitForOverlay(page);
    const frame = page.frames().find((f) => f.url().endsWith('/content/iframe-lines.html'));
    expect(frame).toBeTruthy();
    const highlighted = () => frame!.evaluate(() => [...(CSS.highlights.get('dnca-dry-needling-code') ?? [])].map((r) => (r as Range).toString()));
    await expect.poll(highlighted).toEqual(['20560']);
    const options = await OptionsPage.open(s);
    await options.setting('Highlight 20560 and 20561 on the page').uncheck();
    await expect.poll(highlighted, { timeout: 8000 }).toEqual([]);
    expect(await s.overlay(page)).not.toBeNull();
    await options.setting('Highlight 20560 and 20561 on the page').check();
    await expect.poll(highlighted, { timeout: 8000 }).toEqual(['20560']);
    await options.close();
    await page.close();
  });

  it('About lists every payer with its review date and sources, and warns about rules reviewed over a year ago', async () => {
    const options = await OptionsPage.open(s);
    const old = uhcFile();
    old.id = 'old-plan';
    old.name = 'Old Plan';
    old.aliases = [{ text: 'Old Plan' }];
    old.hostnames = [];
    old.reviewed = '2024-01-15';
    await options.importRules('old-plan.json', JSON.stringify(old));
    const preview = options.page.getByRole('region', { name: 'Import preview' });
    expect(await preview.textContent()).toContain('Adds Old Plan (old-plan)');
    await options.page.getByRole('button', { name: 'Apply these rules' }).click();
    const about = options.page.getByRole('list', { name: 'Payer rules' });
    const entry = about.getByRole('listitem').filter({ hasText: 'Old Plan — reviewed 2024-01-15' });
    await entry.first().waitFor();
    expect(await entry.first().getByRole('note').textContent()).toContain('Reviewed more than a year ago');
    const uhc = about.getByRole('listitem').filter({ hasText: /^UnitedHealthcare — reviewed \d{4}-\d{2}-\d{2}/ }).first();
    expect(await uhc.getByText(/^Sources \(\d+\)$/).count()).toBe(1);
    await options.page.getByRole('button', { name: 'Remove my rules' }).click();
    await entry.first().waitFor({ state: 'detached' });
    await options.close();
  });
});

describe('options page accessibility', () => {
  it('axe-core finds no violations, with a lookup, an import preview and problems shown', async () => {
    const options = await OptionsPage.open(s, '?lookup=20561%20Aetna#lookup');
    await options.page.getByRole('region', { name: /^Coverage notes: 20561 · Aetna/ }).waitFor();
    expect(await axe(options.page)).toEqual([]);
    await options.importRules('bad.json', '{"payers": []}');
    await options.page.getByRole('list', { name: 'Problems in the rules file' }).waitFor();
    expect(await axe(options.page)).toEqual([]);
    const good = uhcFile();
    good.short = 'covered by contract';
    await options.importRules('good.json', JSON.stringify(good));
    await options.page.getByRole('region', { name: 'Import preview' }).waitFor();
    expect(await axe(options.page)).toEqual([]);
    await options.page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(options.page)).toEqual([]);
    await options.close();
  });
});
