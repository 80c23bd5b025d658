// The popup opened as a tab for another tab (popup.html?tab=<id>), with the
// few things the popup suites do to it: choose a section, read a section's
// text, run axe-core inside it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './chromium-session';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function openPopup(s: ChromiumSession, tabId: number, existing?: Page): Promise<Page> {
  const page = existing ?? (await s.context.newPage());
  await page.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
  await page.getByRole('tablist', { name: 'Sections' }).waitFor();
  return page;
}

/** Opens a section by its tab's name and waits for its panel. */
export async function section(popup: Page, name: string | RegExp): Promise<void> {
  await popup.getByRole('tab', { name }).click();
  await popup.getByRole('tabpanel').waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core in the page. The extension's CSP blocks script tags, so the source is evaluated through CDP. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}
