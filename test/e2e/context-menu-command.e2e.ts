// The context menu and the keyboard command in real Chromium, driven the
// way a user does: headed on a private X display (support/native-ui.ts), a
// real right-click opens Chromium's native menu, real keys choose the item;
// the shortcut is a real key press that the browser, not the page, handles.
import { describe, expect, it } from 'vitest';
import type { ChromiumSession } from './support/chromium-session';
import { headedSuite, type NativeUi } from './support/native-ui';

let s: ChromiumSession;
let ui: NativeUi;
headedSuite((session, native) => {
  s = session;
  ui = native;
});

describe('"Check dry needling coverage" on selected text', () => {
  it('opens the notes for the code and payer selected', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await s.waitForOverlay(page);
    // Select a line of the claim: its code and, in the heading, the payer.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'pick';
      p.textContent = 'Appeal 20561 to UnitedHealthcare';
      document.body.prepend(p);
      const range = document.createRange();
      range.selectNodeContents(p);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await page.locator('#pick').click({ button: 'right' });
    await ui.waitForContextMenu();
    // The extension's item sits between the last two separators, just above "Inspect", the last item.
    const opened = s.context.waitForEvent('page', { timeout: 10_000 });
    await ui.keys('Up', 'Up', 'Return');
    const lookup = await opened;
    await lookup.waitForLoadState();
    expect(lookup.url()).toBe(`chrome-extension://${s.extensionId}/options.html?lookup=Appeal%2020561%20to%20UnitedHealthcare#lookup`);
    const notes = lookup.getByRole('region', { name: 'Coverage notes: 20561 · UnitedHealthcare' });
    await notes.waitFor({ timeout: 15_000 });
    expect(await notes.textContent()).toContain('CPT 20561');
    expect(await lookup.getByLabel('Code or payer').inputValue()).toBe('Appeal 20561 to UnitedHealthcare');
    await lookup.close();
    await page.close();
  });
});

describe('the keyboard command', () => {
  it('is registered with its shortcut', async () => {
    const commands = await s.worker().evaluate(() => chrome.commands.getAll());
    expect(commands.find((c) => c.name === 'toggle-overlay')).toMatchObject({ shortcut: 'Alt+Shift+D', description: 'Show or hide the coverage notes on this page' });
  });

  it('Alt+Shift+D opens and closes the notes on the current tab', async () => {
    const page = await s.open('www.uhcprovider.com', '/claims/claim-status.html');
    await page.bringToFront();
    const collapsed = await s.waitForOverlay(page);
    expect(collapsed?.text).not.toContain('Verify on the call');
    await ui.keys('alt+shift+d');
    const expanded = await s.waitForOverlay(page, (o) => (o?.text.length ?? 0) > (collapsed?.text.length ?? 0) + 100);
    expect(expanded?.text).toContain('CPT 20560');
    await ui.keys('alt+shift+d');
    await s.waitForOverlay(page, (o) => o?.text === collapsed?.text);
    await page.close();
  });
});
