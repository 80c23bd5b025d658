// The popup in real Chromium, opened as a tab for a portal page's tab
// (popup.html?tab=<id>): the notes it shows, answers that survive closing the
// popup and a worker restart, the copied call note, the visit tracker, and
// "Scan this page" on a site outside the listed portals.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession, type TabStateView } from './support/chromium-session';
import { openPopup, section } from './support/popup-page';
import { clickToolbarButton } from './support/toolbar-popup';

let s: ChromiumSession;
let medicare: Page;
let medicareTab: number;

beforeAll(async () => {
  // Lets a test press the toolbar button through CDP (Extensions.triggerAction), as a user would.
  s = await ChromiumSession.start({ args: ['--enable-unsafe-extension-debugging'] });
  medicare = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
  await s.waitForTabState(medicare, (st) => st.codes.length > 0);
  medicareTab = await s.tabIdOf(medicare);
});

afterAll(async () => {
  await s?.close();
});

let extPage: Page | undefined;

/** Runs in an extension page, which reads both storage areas and outlives worker restarts. */
async function inExtension<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
  if (!extPage || extPage.isClosed()) {
    extPage = await s.context.newPage();
    await extPage.goto(`chrome-extension://${s.extensionId}/options.html`);
  }
  // Playwright types the argument as serialised (Unboxed<A>); these arguments are plain data.
  return extPage.evaluate(fn as (arg: unknown) => Promise<R>, arg);
}

const storage = (area: 'session' | 'local') => inExtension((a) => (a === 'session' ? chrome.storage.session : chrome.storage.local).get(), area);

let reader: Page | undefined;

/**
 * Writes (given text) or reads the system clipboard. Chrome grants no permission to a chrome-extension://
 * origin, so it is read from an https page that has clipboard-read, as a paste into another program would.
 */
async function clipboard(write?: string): Promise<string> {
  if (!reader || reader.isClosed()) {
    reader = await s.open('www.novitasphere.com', '/claims/claim-detail.html');
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(reader.url()).origin });
  }
  await reader.bringToFront();
  return reader.evaluate(async (w) => (w === undefined ? navigator.clipboard.readText() : navigator.clipboard.writeText(w).then(() => '')), write);
}

describe('coverage', () => {
  it("shows the Medicare claim's notes", async () => {
    const popup = await openPopup(s, medicareTab);
    const panel = popup.getByRole('tabpanel');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toContain('20561 · Medicare');
    expect(await panel.textContent()).toContain('Payer: Medicare');
    const code = panel.getByRole('region', { name: 'CPT 20561' });
    expect(await code.textContent()).toContain('Covered with criteria');
    expect(await code.textContent()).toContain('M54.50 is a low back pain code');
    expect(await popup.getByRole('button', { name: 'Scan this page' }).count()).toBe(0);
    await popup.close();
  });

  it("shows the UHC page's notes, and the payer picker overrides the payer for that site only", async () => {
    const uhc = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await s.waitForTabState(uhc, (st) => st.codes.length > 0);
    const popup = await openPopup(s, await s.tabIdOf(uhc));
    const heading = popup.getByRole('tabpanel').getByRole('heading', { level: 2 });
    await expect.poll(() => heading.textContent()).toContain('20560 · UnitedHealthcare');

    await popup.getByLabel('Payer for this site').selectOption({ label: 'Aetna' });
    await expect.poll(() => heading.textContent()).toContain('20560 · Aetna');
    expect(await popup.getByRole('tabpanel').textContent()).toContain(`chosen by you for www.uhcprovider.com`);
    // The Medicare tab is another site: untouched.
    expect((await s.tabState(medicare)).payer?.id).toBe('medicare');

    await popup.getByLabel('Payer for this site').selectOption({ label: 'Detect from the page' });
    await expect.poll(() => heading.textContent()).toContain('UnitedHealthcare');
    await popup.close();
    await uhc.close();
  });
});

describe('an open popup follows its tab', () => {
  it('shows the new notes when the tab goes to another claim, without reopening', async () => {
    const page = await s.open('www.uhcprovider.com', '/test/no-code.html');
    await s.waitForTabState(page, (st) => st.frames > 0);
    const tabId = await s.tabIdOf(page);
    const popup = await openPopup(s, tabId);
    await section(popup, 'Coverage');
    const heading = popup.getByRole('tabpanel').getByRole('heading', { level: 2 });
    expect(await heading.textContent()).toBe('No 20560 or 20561 found on this page.');

    await page.goto(s.url('www.novitasphere.com', '/claims/claim-detail.html'));
    await expect.poll(() => heading.textContent(), { timeout: 8000 }).toContain('20561 · Medicare');
    await popup.close();
    await page.close();
  });
});

describe('call checklist', () => {
  const typed = {
    'q-rep-name': 'Dana Whitfield',
    'q-reference-number': 'REF-55120-B',
    'q-deductible-remaining': '350',
    'q-coinsurance': '20',
  };

  async function fillCall(popup: Page): Promise<void> {
    await section(popup, 'Call checklist');
    for (const [id, value] of Object.entries(typed)) await popup.locator(`#${id}`).fill(value);
    await popup.getByRole('group', { name: 'Are these CPT codes covered for this diagnosis?' }).getByLabel('Yes').check();
    await popup.getByRole('group', { name: 'Is prior authorization required?' }).getByLabel('No', { exact: true }).check();
    await popup.getByRole('group', { name: 'Is a referral required?' }).getByLabel('Unknown').check();
    await popup.getByLabel('Plan type').selectOption('Original Medicare');
    await popup.getByLabel('Other notes').fill('Rep said to fax records.\nCall back after the 15th.');
  }

  async function values(popup: Page): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of Object.keys(typed)) out[id] = await popup.locator(`#${id}`).inputValue();
    out.covered = (await popup.getByRole('group', { name: 'Are these CPT codes covered for this diagnosis?' }).getByLabel('Yes').isChecked()) ? 'yes' : '';
    out.plan = await popup.getByLabel('Plan type').inputValue();
    out.notes = await popup.getByLabel('Other notes').inputValue();
    return out;
  }

  it('prefills the codes, diagnoses and call time from the page', async () => {
    const popup = await openPopup(s, medicareTab);
    await section(popup, 'Call checklist');
    expect(await popup.locator('#q-cpt-code').inputValue()).toBe('20561');
    expect(await popup.locator('#q-icd10-code').inputValue()).toContain('M54.50');
    expect(await popup.locator('#q-call-time').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await popup.close();
  });

  it('answers survive closing and reopening the popup, kept in session storage only', async () => {
    let popup = await openPopup(s, medicareTab);
    await fillCall(popup);
    const before = await values(popup);
    const progressText = await popup.getByRole('status').filter({ hasText: 'answered' }).textContent();
    await popup.close();

    popup = await openPopup(s, medicareTab);
    // The popup reopens where it was: mid-call, on the checklist.
    await expect.poll(() => popup.getByRole('tab', { selected: true }).textContent()).toBe('Call checklist');
    expect(await values(popup)).toEqual(before);
    expect(await popup.getByRole('status').filter({ hasText: 'answered' }).textContent()).toBe(progressText);
    expect(progressText).toMatch(/^(\d+) of (\d+) answered$/);

    const session = (await storage('session')).callSession as { answers: Record<string, string> };
    expect(session.answers['rep-name']).toBe('Dana Whitfield');
    expect((await storage('local')).callSession).toBeUndefined();
    await popup.close();
  });

  it('answers survive a service worker restart', async () => {
    await s.worker().evaluate(() => Object.assign(globalThis, { beforeRestart: true }));
    const cdp: CDPSession = await s.context.newCDPSession(medicare);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const popup = await openPopup(s, medicareTab);
    await section(popup, 'Call checklist');
    expect(await popup.locator('#q-rep-name').inputValue()).toBe('Dana Whitfield');
    expect(await popup.locator('#q-reference-number').inputValue()).toBe('REF-55120-B');
    // The worker that answered is a new one: the marker set in the old one is gone.
    const workers = s.context.serviceWorkers().filter((w) => w.url().includes(s.extensionId));
    expect(await workers.at(-1)!.evaluate(() => 'beforeRestart' in globalThis)).toBe(false);
    await popup.close();
  });

  it('"Copy call note" (and Alt+C) puts every answer on the clipboard', async () => {
    await clipboard('');
    const popup = await openPopup(s, medicareTab);
    await section(popup, 'Call checklist');
    await popup.getByRole('button', { name: /Copy call note/ }).click();
    await expect.poll(() => popup.getByRole('status').filter({ hasText: 'Copied' }).count()).toBe(1);
    const note = await clipboard();

    expect(note).toContain('Payer: Medicare');
    expect(note).toContain('CPT code(s) quoted: 20561');
    expect(note).toMatch(/Primary ICD-10 diagnosis code quoted: .*M54\.50/);
    expect(note).toContain("Representative's name: Dana Whitfield");
    expect(note).toContain('Call reference number: REF-55120-B');
    expect(note).toContain('Are these CPT codes covered for this diagnosis? Yes');
    expect(note).toContain('Is prior authorization required? No');
    expect(note).toContain('Is a referral required? Unknown');
    expect(note).toContain('$350.00');
    expect(note).toContain('Coinsurance: 20%');
    expect(note).toContain('Plan type: Original Medicare');
    expect(note).toMatch(/Date and time of the call: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(note).toContain('Notes:\nRep said to fax records.\nCall back after the 15th.');
    // One line for every question on screen.
    const questions = await popup.locator('ol.questions > li').count();
    expect(note.split('\n').filter((l) => /[:?] /.test(l) && !l.startsWith('Payer:')).length).toBeGreaterThanOrEqual(questions);

    await clipboard('');
    await popup.bringToFront();
    await popup.locator('#q-rep-name').focus();
    await popup.keyboard.press('Alt+KeyC');
    await expect.poll(() => popup.getByRole('status').filter({ hasText: 'Copied' }).count()).toBe(1);
    expect(await clipboard()).toBe(note);
    await popup.close();
  });

  it('Alt+N moves to the next unanswered question', async () => {
    const popup = await openPopup(s, medicareTab);
    await section(popup, 'Call checklist');
    await popup.locator('#q-rep-name').focus();
    await popup.keyboard.press('Alt+KeyN');
    const first = await popup.evaluate(() => document.activeElement?.id);
    expect(first).toMatch(/^q-/);
    const answered = await popup.locator(`#${first}`).evaluate((el) => el.closest('li')?.classList.contains('answered'));
    expect(answered).toBe(false);
    await popup.keyboard.press('Alt+KeyN');
    const second = await popup.evaluate(() => document.activeElement?.id);
    expect(second).toMatch(/^q-/);
    expect(second).not.toBe(first);
    await popup.close();
  });

  it('with the keepAnswers setting on, the call moves to local storage; off again, it leaves the disk', async () => {
    const setKeep = (on: boolean) =>
      inExtension(async (v) => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...(settings ?? { version: 1, highlights: true, overlayExpanded: false, sitePayer: {}, hiddenSites: [] }), keepAnswers: v } });
      }, on);
    await setKeep(true);
    let popup = await openPopup(s, medicareTab);
    await section(popup, 'Call checklist');
    expect(await popup.locator('#q-rep-name').inputValue()).toBe('Dana Whitfield');
    expect(await popup.getByRole('tabpanel').textContent()).toContain('kept in local storage');
    expect(((await storage('local')).callSession as { answers: Record<string, string> }).answers['rep-name']).toBe('Dana Whitfield');
    expect((await storage('session')).callSession).toBeUndefined();
    await popup.close();

    await setKeep(false);
    popup = await openPopup(s, medicareTab);
    await section(popup, 'Call checklist');
    expect(await popup.locator('#q-rep-name').inputValue()).toBe('Dana Whitfield');
    expect((await storage('local')).callSession).toBeUndefined();
    expect((await storage('session')).callSession).toBeDefined();
    await popup.close();
  });

  it('"New call" asks first; keeping the call changes nothing, confirming clears the answers', async () => {
    const popup = await openPopup(s, medicareTab);
    await section(popup, 'Call checklist');
    await popup.getByRole('button', { name: 'New call…' }).click();
    const dialog = popup.getByRole('dialog', { name: 'Start a new call?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep this call' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await popup.locator('#q-rep-name').inputValue()).toBe('Dana Whitfield');

    await popup.getByRole('button', { name: 'New call…' }).click();
    await dialog.getByRole('button', { name: 'Clear and start a new call' }).click();
    await expect.poll(() => popup.locator('#q-rep-name').inputValue()).toBe('');
    expect(await popup.getByLabel('Other notes').inputValue()).toBe('');
    // What the page shows is filled in again for the new call.
    expect(await popup.locator('#q-cpt-code').inputValue()).toBe('20561');
    await popup.close();
  });
});

describe('Medicare visits', () => {
  it('counts a set of dates: 12 in the window, then visit 13 needs improvement and KX', async () => {
    const popup = await openPopup(s, medicareTab);
    await section(popup, 'Medicare visits');
    await popup.getByLabel('Next visit on').fill('2026-03-20');
    for (let day = 2; day <= 13; day++) {
      await popup.getByLabel('Visit date').fill(`2026-03-${String(day).padStart(2, '0')}`);
      await popup.getByRole('button', { name: 'Add visit' }).click();
    }
    const read = async () => ({
      used: await popup.getByTestId('used-year').textContent(),
      window: await popup.getByTestId('left-window').textContent(),
      additional: await popup.getByTestId('left-additional').textContent(),
      year: await popup.getByTestId('left-year').textContent(),
      advice: await popup.getByTestId('next-advice').textContent(),
    });
    let n = await read();
    expect(n).toMatchObject({ used: '12', window: '0', additional: '8', year: '8' });
    expect(n.advice).toContain('Visit 13 is one of the 8 additional visits');
    expect(n.advice).toContain('KX modifier');
    expect(await popup.getByTestId('window').textContent()).toBe('2026-03-02 to 2026-05-30 (open: the next visit is on day 19)');
    expect(await popup.getByRole('img', { name: /12 of 20 visits used/ }).count()).toBe(1);
    expect(await popup.getByRole('img', { name: 'Day 19 of the 90-day window' }).count()).toBe(1);

    // A date already entered is refused with a message, not counted twice.
    await popup.getByLabel('Visit date').fill('2026-03-05');
    await popup.getByRole('button', { name: 'Add visit' }).click();
    expect(await popup.getByRole('alert').textContent()).toContain('already in the list');

    await popup.getByRole('button', { name: 'Remove the visit on 2026-03-13' }).click();
    n = await read();
    expect(n).toMatchObject({ used: '11', window: '1', additional: '8', year: '9' });
    expect(n.advice).toMatch(/^Visit 12 is within the first 12 in 90 days/);

    // The next visit on day 91 of the window: outside it, so it needs improvement too.
    await popup.getByLabel('Next visit on').fill('2026-05-31');
    n = await read();
    expect(n).toMatchObject({ used: '11', window: '0', additional: '8', year: '8' });
    expect(n.advice).toContain('after day 90 of the window that began 2026-03-02');
    expect(await popup.getByRole('img', { name: 'The 90-day window has closed' }).count()).toBe(1);

    // The dates are part of the call: they survive reopening.
    await popup.close();
    const again = await openPopup(s, medicareTab);
    await section(again, 'Medicare visits');
    await again.getByLabel('Next visit on').fill('2026-03-20');
    expect(await again.getByTestId('used-year').textContent()).toBe('11');
    await again.close();
  });
});

describe('Medicare visits in the coverage notes', () => {
  it("the call's visit dates decide the visit-limits criterion in the popup's coverage notes", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const setVisits = (visits: string[]) =>
      inExtension(async (v) => {
        const { callSession } = await chrome.storage.session.get('callSession');
        await chrome.storage.session.set({ callSession: { ...(callSession as object), visits: v } });
      }, visits);
    await setVisits([]);
    const popup = await openPopup(s, medicareTab);
    await section(popup, 'Coverage');
    const panel = popup.getByRole('tabpanel');
    await expect.poll(() => panel.textContent()).toContain('the visits used so far are not known');
    // One visit today: the visit billed today is the second, inside the first 12 in 90 days. The open popup follows.
    await setVisits([today]);
    await expect.poll(() => panel.textContent()).toContain('visit 2 is within the first 12 in 90 days');
    await popup.close();
    await setVisits([]);
  });
});

describe('Denied?', () => {
  it("shows the appeal path for Medicare, keeps the letter checklist, and copies an outline with nothing from the page", async () => {
    let popup = await openPopup(s, medicareTab);
    await section(popup, 'Denied?');
    const panel = popup.getByRole('tabpanel');
    const steps = await panel.locator('ol.steps > li h3').allTextContents();
    expect(steps.join(' | ')).toMatch(/internal appeal.*Letter of Medical Necessity.*external review.*cash-pay.*Advance Beneficiary Notice/is);

    const items = panel.getByRole('checkbox');
    expect(await items.count()).toBeGreaterThanOrEqual(3);
    const history = panel.getByRole('checkbox', { name: "The patient's history" });
    await history.check();
    await popup.close();
    popup = await openPopup(s, medicareTab);
    await section(popup, 'Denied?');
    expect(await popup.getByRole('checkbox', { name: "The patient's history" }).isChecked()).toBe(true);
    expect(await popup.getByRole('checkbox', { name: 'Prior treatments that failed' }).isChecked()).toBe(false);

    await clipboard('');
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Copy letter outline' }).click();
    await expect.poll(() => popup.getByRole('status').filter({ hasText: 'Copied' }).count()).toBe(1);
    const outline = await clipboard();
    expect(outline).toContain('[Payer name]');
    expect(outline).toContain('[member name]');
    expect(outline).toContain('Letter of Medical Necessity');
    // The page shows a beneficiary, an MBI, a claim number, a date of service and codes: none of it is in the letter.
    const pageText = await medicare.evaluate(() => document.body.innerText);
    for (const detail of ['M. EXAMPLE', '1EG4-TE5-MK73', '22026063000123', '02/20/2026', 'M54.50', 'NPI 1902837465']) {
      expect(pageText).toContain(detail);
      expect(outline).not.toContain(detail);
    }
    await popup.close();
  });
});

describe('scan this page, outside the listed portals', () => {
  it('cannot read the page without the toolbar click; from the toolbar popup (activeTab), one scan shows the notes', async () => {
    await inExtension(async () => null, null); // the helper page first, so the clinic tab is the active one
    const clinic = await s.open('www.example-clinic.test', '/billing/superbill.html');
    // Without host access the extension cannot see this tab's URL: take the tab id as the active tab's.
    await clinic.bringToFront();
    const clinicTab = await inExtension(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1, null);
    expect(clinicTab).toBeGreaterThan(0);
    const clinicState = () => s.sendFromExtensionPage<TabStateView>({ type: 'tab-state', tabId: clinicTab });
    // Not a listed portal: no content script ran.
    await clinic.waitForTimeout(500);
    expect((await clinicState()).frames).toBe(0);

    // The popup opened as a tab has no user gesture behind it: the scan is refused.
    const popup = await openPopup(s, clinicTab);
    await section(popup, 'Coverage');
    expect(await popup.getByRole('tabpanel').textContent()).toContain('not one of the listed portals');
    await popup.getByRole('button', { name: 'Scan this page' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('could not be scanned');
    expect((await clinicState()).frames).toBe(0);
    await popup.close();

    // The toolbar button on the clinic tab: Chrome grants activeTab for it and opens the real popup,
    // which finds the tab by itself (no ?tab=).
    const toolbar = await clickToolbarButton(s, clinic);
    await toolbar.waitForText(/Scan this page/);
    await toolbar.evaluate(`document.querySelector('[role="tabpanel"] button.primary').click()`);
    const text = await toolbar.waitForText(/20561 · Aetna/);
    expect(text).toContain('CPT 20561');
    expect(text).not.toContain('could not be scanned');
    await toolbar.close();

    const state = await clinicState();
    expect(state.codes).toEqual(['20561']);
    expect(state.payer?.id).toBe('aetna');
    await clinic.close();
  });
});

describe('no errors', () => {
  it('no uncaught errors on any page', () => {
    expect(s.errors).toEqual([]);
  });
});
