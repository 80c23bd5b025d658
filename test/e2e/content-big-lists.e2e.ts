// Long claim lists in real Chromium with the built extension: of a 2,000-line
// table only the lines with a code are read, so diagnoses from other claims
// stay out of the tab state; codes that textContent does not show (an open
// shadow root, a field's value) are still found, and so are lines that gain
// a code or arrive later. The fixture gives each code line a diagnosis no
// other line has, which tells which lines were read.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ChromiumSession } from './support/chromium-session';

let s: ChromiumSession;
const HOST = 'www.uhcprovider.com';
const PAGE = '/content/big-list.html';
/** Diagnoses of the two lines billing 20561 (lines 700 and 1800). */
const CODE_LINE_DX = ['M54.50', 'M79.18'];

beforeAll(async () => {
  s = await ChromiumSession.start();
});

afterAll(async () => {
  await s?.close();
});

let opened: Page | undefined;

/** Opens the fixture; the tab is closed after the test even if it fails, or the next test would find it by its URL. */
async function open(query = ''): Promise<Page> {
  opened = await s.open(HOST, PAGE + query);
  return opened;
}

afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

/** Each highlighted range as "<its text> <the diagnosis on its line>", sorted. */
function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = CSS.highlights.get('dnca-dry-needling-code');
    return [...(h ?? [])]
      .map((r) => {
        const range = r as Range;
        let node: Node = range.startContainer;
        // A range in a shadow root belongs to the line of the root's host.
        while (node.getRootNode() instanceof ShadowRoot) node = (node.getRootNode() as ShadowRoot).host;
        const line = (node instanceof Element ? node : node.parentElement)?.closest('tr');
        return `${range.toString()} ${line?.cells[2]?.textContent ?? '?'}`;
      })
      .sort();
  });
}

function waitForHighlights(page: Page, count: number): Promise<unknown> {
  return page.waitForFunction((n) => (CSS.highlights.get('dnca-dry-needling-code')?.size ?? 0) === n, count, { timeout: 8000 });
}

/** Resolves after the page has been idle a few times: work left for idle time (the walk over skipped lines) has had its turns. */
async function idle(page: Page): Promise<void> {
  for (let i = 0; i < 5; i++) await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
}

/** The fixture's own functions, standing in for the portal's script. */
type Adding = { at?: 'top' | 'end'; oneByOne?: boolean; with?: 'field' | 'shadow' };
type Fixture = { setProcedure(line: number, code: string): void; removeLine(line: number): void; appendLines(count: number, how?: Adding): void };
const fixture = (page: Page) => ({
  setProcedure: (line: number, code: string) => page.evaluate((a) => (window as unknown as Fixture).setProcedure(a.line, a.code), { line, code }),
  removeLine: (line: number) => page.evaluate((n) => (window as unknown as Fixture).removeLine(n), line),
  appendLines: (count: number, how: Adding = {}) => page.evaluate((a) => (window as unknown as Fixture).appendLines(a.count, a.how), { count, how }),
});

describe('a 2,000-line claim list', () => {
  it('reads the two lines with a code, and no diagnosis from the other lines', async () => {
    const page = await open();
    const state = await s.waitForTabState(page, (st) => st.codes.length > 0);
    expect(state.codes).toEqual(['20561']);
    expect(state.diagnoses).toEqual(CODE_LINE_DX);
    expect(await highlighted(page)).toEqual(['20561 M54.50', '20561 M79.18']);
    await idle(page);
    expect(await s.tabState(page)).toEqual(state);
  });

  it('finds a code in an open shadow root on a line whose text has none', async () => {
    const page = await open('?with=shadow');
    const state = await s.waitForTabState(page, (st) => st.codes.includes('20560'));
    expect(state.codes).toEqual(['20560', '20561']);
    // The root is read, not the line around it.
    expect(state.diagnoses).toEqual(CODE_LINE_DX);
    expect(await highlighted(page)).toEqual(['20560 M62.830', '20561 M54.50', '20561 M79.18']);
  });

  it('reads a field on a line whose text has no code', async () => {
    const page = await open('?with=field');
    const state = await s.waitForTabState(page, (st) => st.codes.includes('20560'));
    expect(state.codes).toEqual(['20560', '20561']);
    expect(state.diagnoses).toEqual(CODE_LINE_DX);
    // A field's value is read, never highlighted.
    expect(await highlighted(page)).toEqual(['20561 M54.50', '20561 M79.18']);
  });

  it('finds a code the page writes into a line, and forgets it when the line goes', async () => {
    const page = await open();
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    await fixture(page).setProcedure(1200, '20561');
    await waitForHighlights(page, 3);
    expect(await highlighted(page)).toEqual(['20561 M54.2', '20561 M54.50', '20561 M79.18']);
    await fixture(page).removeLine(1200);
    await waitForHighlights(page, 2);
    expect(await highlighted(page)).toEqual(['20561 M54.50', '20561 M79.18']);
    expect((await s.waitForTabState(page, (st) => !st.diagnoses.includes('M54.2'))).diagnoses).toEqual(CODE_LINE_DX);
  });

  it('reads a line that gains a code as a whole: its diagnosis counts, as it would had the code been there at load', async () => {
    const page = await open();
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    await fixture(page).setProcedure(1200, '20561');
    await waitForHighlights(page, 3);
    const state = await s.waitForTabState(page, (st) => st.diagnoses.includes('M54.2'));
    expect(state.diagnoses).toEqual(['M54.2', ...CODE_LINE_DX]);
  });

  it('reads 100 appended lines: the one with a code, and none of the others', async () => {
    const page = await open();
    await s.waitForTabState(page, (st) => st.codes.length > 0);
    await fixture(page).appendLines(100);
    await waitForHighlights(page, 3);
    expect(await highlighted(page)).toEqual(['20561 M54.50', '20561 M54.6', '20561 M79.18']);
    const state = await s.waitForTabState(page, (st) => st.diagnoses.includes('M54.6'));
    expect(state.codes).toEqual(['20561']);
    expect(state.diagnoses).toEqual(['M54.50', 'M54.6', 'M79.18']);
  });

  // Lines a page inserts into a table section are taken as one span, their nodes not looked at one by one.
  for (const how of [{ at: 'top' }, { oneByOne: true }, { at: 'top', oneByOne: true }] as const) {
    it(`reads 100 lines added ${how.at === 'top' ? 'above the first' : 'at the end'}${how.oneByOne ? ' one at a time' : ''}: the one with a code only`, async () => {
      const page = await open();
      await s.waitForTabState(page, (st) => st.codes.length > 0);
      await fixture(page).appendLines(100, how);
      await waitForHighlights(page, 3);
      expect(await highlighted(page)).toEqual(['20561 M54.50', '20561 M54.6', '20561 M79.18']);
      const state = await s.waitForTabState(page, (st) => st.diagnoses.includes('M54.6'));
      expect(state.diagnoses).toEqual(['M54.50', 'M54.6', 'M79.18']);
    });
  }

  for (const hidden of ['field', 'shadow'] as const) {
    it(`finds a code in a ${hidden === 'field' ? "field's value" : 'shadow root'} on an appended line whose text has none`, async () => {
      const page = await open();
      await s.waitForTabState(page, (st) => st.codes.length > 0);
      await fixture(page).appendLines(100, { with: hidden });
      const state = await s.waitForTabState(page, (st) => st.codes.includes('20560'));
      expect(state.codes).toEqual(['20560', '20561']);
      expect(state.diagnoses).toEqual(['M54.50', 'M54.6', 'M79.18']);
    });
  }

  it('no uncaught errors on any page', () => {
    expect(s.errors).toEqual([]);
  });
});
