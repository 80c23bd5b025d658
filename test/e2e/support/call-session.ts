// A biller's whole session in real Chromium, driven the way a person would:
// portal pages with the overlay opened, the popup's every section visited and
// every text answer typed, the options page. The privacy suites run it and
// then look at what left the machine or stayed on disk. It drives whatever
// controls the popup and options pages have, so new sections are covered
// without changing this file.
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './chromium-session';
import { overlayButtons } from './extension-probe';

/** Text typed into the popup's answers: none of it may leave or stay. */
export const TYPED_ANSWERS = ['Zebulon Quillfeather', 'REF-77813-QX'];

/** Patient details and codes shown on the demo pages. */
export const PAGE_DETAILS = ['TESTPATIENT', 'K. DEMO', 'J. SAMPLE', 'W123456789', 'U8837261', 'RPT-44192', '20560', '20561', 'M54.50'];

export const SESSION_PAGES: [string, string][] = [
  ['www.uhcprovider.com', '/claims/claim-status.html'],
  ['www.novitasphere.com', '/claims/claim-detail.html'],
  ['apps.availity.com', '/eligibility/benefits.html'],
];

async function typeAnswers(page: Page): Promise<number> {
  let typed = 0;
  const fields = page.locator('input[type="text"]:visible, input:not([type]):visible, textarea:visible');
  for (let i = 0; i < (await fields.count()); i++) {
    const field = fields.nth(i);
    if (!(await field.isEditable())) continue;
    await field.fill(TYPED_ANSWERS[i % TYPED_ANSWERS.length]!);
    typed += 1;
  }
  const yes = page.locator('input[type="radio"][value="yes"]:visible');
  for (let i = 0; i < (await yes.count()); i++) await yes.nth(i).check();
  return typed;
}

export interface SessionRun {
  pages: Page[];
  popup: Page;
  /** How many answers were typed into the popup (0 when it has no text answers yet). */
  typed: number;
}

export async function runCallSession(s: ChromiumSession, options: { afterOptionsOpen?: (options: Page) => Promise<void> } = {}): Promise<SessionRun> {
  const pages: Page[] = [];
  for (const [host, path] of SESSION_PAGES) {
    const page = await s.open(host, path);
    await s.waitForTabState(page, (st) => st.frames > 0);
    pages.push(page);
  }
  const medicare = pages[1]!;
  await s.waitForOverlay(medicare);
  const buttons = await overlayButtons(s.context, medicare);
  await buttons.click(/20561/);
  await buttons.detach();
  await s.waitForOverlay(medicare, (o) => !!o && /chronic low back pain/.test(o.text));

  const popup = await s.context.newPage();
  await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${await s.tabIdOf(medicare)}`);
  await popup.waitForFunction(() => !document.body.innerText.includes('Loading…'));
  let typed = await typeAnswers(popup);
  const tabs = popup.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    typed += await typeAnswers(popup);
  }
  // Answers are saved as they are typed; give the last save a moment.
  await popup.waitForTimeout(300);

  const optionsPage = await s.context.newPage();
  await optionsPage.goto(`chrome-extension://${s.extensionId}/options.html`);
  await optionsPage.waitForLoadState('load');
  await options.afterOptionsOpen?.(optionsPage);
  return { pages, popup, typed };
}
