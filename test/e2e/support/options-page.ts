// The options page as a user drives it: by labels, roles and buttons.
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './chromium-session';

export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(s: ChromiumSession, query = ''): Promise<OptionsPage> {
    const page = await s.context.newPage();
    await page.goto(`chrome-extension://${s.extensionId}/options.html${query}`);
    await page.getByRole('heading', { name: 'Sites', exact: true }).waitFor({ timeout: 15_000 });
    return new OptionsPage(page);
  }

  status(name: RegExp) {
    return this.page.getByRole('status').filter({ hasText: name });
  }

  async addSite(hostname: string, payer?: string): Promise<void> {
    await this.page.getByLabel('Add a portal (hostname)').fill(hostname);
    if (payer) await this.page.getByLabel('Payer', { exact: true }).selectOption({ label: payer });
    await this.page.getByRole('button', { name: 'Add site' }).click();
  }

  addedSites() {
    return this.page.getByRole('list', { name: 'Added sites' });
  }

  async setPortal(name: RegExp, on: boolean): Promise<void> {
    const details = this.page.locator('details', { hasText: 'Built-in portals' });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await this.page.getByRole('checkbox', { name }).setChecked(on);
  }

  async importRules(name: string, text: string): Promise<void> {
    await this.page.getByLabel('Import a rules file (.json)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  setting(label: string) {
    return this.page.getByRole('checkbox', { name: label });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
