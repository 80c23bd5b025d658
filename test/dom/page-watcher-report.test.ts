// @vitest-environment happy-dom
// The frame's report is put together from each block's findings, turned into
// JSON text once per block and kept: the text posted must be the JSON of the
// whole report and follow every change (a block read again is a new entry).
// Codes come in the order their blocks were read.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtensionContext } from '../../src/content/context';
import type { ContentConfig, FrameReport } from '../../src/core/messages';
import { PageWatcher } from '../../src/content/page-watcher';

let posted: string[];
let watcher: PageWatcher | undefined;

const CONFIG: ContentConfig = { directory: [], highlights: true, overlayExpanded: false, dismissed: false };
const WAIT = { timeout: 10_000, interval: 20 };

function row(claim: string, code: string, dx: string): string {
  return `<tr><td>${claim}</td><td>03/04/2026</td><td>${code}</td><td>${dx}</td></tr>`;
}

/** The last report's codes as "code date", sorted: blocks are listed in the order they were read. */
function lastCodes(): string[] {
  return lastReport()
    .codes.map((c) => `${c.code}${c.modifiers ? `-${c.modifiers.join('-')}` : ''} ${c.dateOfService}`)
    .sort();
}

function lastReport(): FrameReport {
  const message = JSON.parse(posted.at(-1)!) as { type: string; report: FrameReport };
  expect(message.type).toBe('content:report');
  return message.report;
}

beforeEach(() => {
  posted = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => setTimeout(() => callback(0), 0));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 10 }), 0));
  vi.stubGlobal('Highlight', class extends Set<Range> {});
  vi.stubGlobal('CSS', { highlights: new Map() });
  document.body.innerHTML = `<table><thead><tr><th>Claim</th><th>Date of service</th><th>Procedure</th><th>Diagnosis</th></tr></thead><tbody>${row('CLM1', '20560', 'M54.50')}${row('CLM2', '97110', 'M62.830')}${row('CLM3', '20561-GP', 'M79.18')}</tbody></table>`;
  const ctx = { alive: true, watch: () => undefined, post: (json: string) => posted.push(json) } as unknown as ExtensionContext;
  watcher = new PageWatcher(ctx, CONFIG);
  watcher.start();
});

afterEach(() => {
  watcher?.stop();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('PageWatcher report', () => {
  it('posts the JSON text of the whole report, as JSON.stringify writes it', async () => {
    await vi.waitFor(() => expect(posted.length).toBeGreaterThan(0), WAIT);
    const text = posted.at(-1)!;
    expect(JSON.stringify(JSON.parse(text))).toBe(text);
    expect(lastReport()).toEqual({
      codes: [
        { code: '20560', dateOfService: '2026-03-04' },
        { code: '20561', modifiers: ['GP'], dateOfService: '2026-03-04' },
      ],
      url: location.href,
      diagnoses: ['M54.50', 'M62.830', 'M79.18'],
      payer: null,
    });
  });

  it('follows rows added, a code changed in place and a row removed', async () => {
    await vi.waitFor(() => expect(posted.length).toBeGreaterThan(0), WAIT);
    const body = document.querySelector('tbody')!;
    // happy-dom parses a row only inside a table.
    const parsed = document.createElement('table');
    parsed.innerHTML = `<tbody>${row('CLM0', '20561', 'M54.2')}</tbody>`;
    body.prepend(parsed.querySelector('tr')!);
    await vi.waitFor(() => expect(lastCodes()).toEqual(['20560 2026-03-04', '20561 2026-03-04', '20561-GP 2026-03-04']), WAIT);
    body.children[1]!.children[2]!.textContent = '20561';
    await vi.waitFor(() => expect(lastCodes()).toEqual(['20561 2026-03-04', '20561 2026-03-04', '20561-GP 2026-03-04']), WAIT);
    body.children[3]!.remove();
    await vi.waitFor(() => expect(lastCodes()).toEqual(['20561 2026-03-04', '20561 2026-03-04']), WAIT);
    expect(lastReport().diagnoses.sort()).toEqual(['M54.2', 'M54.50', 'M62.830']);
  });

  it('posts nothing new when the page re-renders the same rows again', async () => {
    await vi.waitFor(() => expect(posted.length).toBeGreaterThan(0), WAIT);
    const body = document.querySelector('tbody')!;
    const rerender = () => (body.innerHTML = `${row('CLM1', '20560', 'M54.50')}${row('CLM2', '97110', 'M62.830')}${row('CLM3', '20561-GP', 'M79.18')}`);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
    // The first re-render may list the blocks in another order (read back to front), so one report may follow.
    rerender();
    await settle();
    const count = posted.length;
    expect(lastCodes()).toEqual(['20560 2026-03-04', '20561-GP 2026-03-04']);
    rerender();
    await settle();
    rerender();
    await settle();
    expect(posted).toHaveLength(count);
  });
});
