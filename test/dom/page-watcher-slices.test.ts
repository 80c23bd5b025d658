// @vitest-environment happy-dom
// The page watcher reads a big page in slices and gives the page the main
// thread between them; a change batch that fits in one slice is read and
// reported in the task it was called in. A clock that runs fast makes every
// slice end after its first piece of work, so the order of slices, yields
// and reports shows whether any two slices ever ran back to back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtensionContext } from '../../src/content/context';
import type { ContentConfig, FrameReport } from '../../src/core/messages';
import { PageWatcher } from '../../src/content/page-watcher';

type Step = 'slice' | 'yield' | 'report';

let log: Step[];
let reports: FrameReport[];
let watcher: PageWatcher | undefined;
let stoppedAt: number | undefined;

function claimRows(from: number, count: number, codeAt: Set<number>): string {
  let html = '';
  for (let i = from; i < from + count; i++) html += `<tr><td>CLM${100000 + i}</td><td>03/04/2026</td><td>${codeAt.has(i) ? '20561' : '97110'}</td><td>M54.50</td></tr>`;
  return html;
}

function fakeContext(): ExtensionContext {
  return {
    alive: true,
    watch: () => undefined,
    post: (json: string) => {
      const message = JSON.parse(json) as { type: string; report?: FrameReport };
      if (message.type !== 'content:report') return;
      log.push('report');
      reports.push(message.report!);
    },
  } as unknown as ExtensionContext;
}

/** happy-dom's Ranges are slow: a few hundred rows take seconds to read. */
const WAIT = { timeout: 20_000, interval: 20 };

const CONFIG: ContentConfig = { directory: [], highlights: true, overlayExpanded: false, dismissed: false };

function startWatcher(): PageWatcher {
  watcher = new PageWatcher(fakeContext(), CONFIG);
  // Not #private, so the bench can find it in a profile: here it marks each slice.
  const slice = watcher as unknown as { readQueued: () => boolean };
  const read = slice.readQueued.bind(watcher);
  slice.readQueued = () => {
    log.push('slice');
    return read();
  };
  watcher.start();
  return watcher;
}

/** Where two slices ran with nothing between them: [] when every slice after the first had the page's turn first. */
function backToBack(steps: readonly Step[]): number[] {
  const at: number[] = [];
  let last: Step | undefined;
  steps.forEach((step, i) => {
    if (step === 'slice' && last === 'slice') at.push(i);
    if (step !== 'report') last = step;
  });
  return at;
}

beforeEach(() => {
  log = [];
  reports = [];
  // Every look at the clock is 10 ms later than the last: each slice (8 ms) ends after its first piece of work.
  // A stopped clock instead lets a slice read all there is, as a small batch does in a real page.
  const now = performance.now.bind(performance);
  let ahead = 0;
  stoppedAt = undefined;
  vi.spyOn(performance, 'now').mockImplementation(() => stoppedAt ?? now() + (ahead += 10));
  vi.stubGlobal('scheduler', {
    yield: () => {
      log.push('yield');
      return new Promise<void>((resolve) => setTimeout(resolve, 0));
    },
  });
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => setTimeout(() => callback(0), 0));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 10 }), 0));
  // The Custom Highlight API, which happy-dom lacks: ranges are kept, never drawn.
  vi.stubGlobal('Highlight', class extends Set<Range> {});
  vi.stubGlobal('CSS', { highlights: new Map() });
  document.body.innerHTML = `<h1>Claim history</h1><table><thead><tr><th>Claim</th><th>Date of service</th><th>Procedure</th><th>Diagnosis</th></tr></thead><tbody>${claimRows(0, 300, new Set([7, 150, 297]))}</tbody></table>`;
});

afterEach(() => {
  watcher?.stop();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('PageWatcher slices', () => {
  it('reads a 300-row claim list in slices, each after the page had its turn, then reports its codes', async () => {
    const watcher = startWatcher();
    await vi.waitFor(() => expect(reports.length).toBeGreaterThan(0), WAIT);
    watcher.stop();
    expect(log.filter((s) => s === 'slice').length).toBeGreaterThanOrEqual(3);
    expect(backToBack(log)).toEqual([]);
    expect(reports.at(-1)!.codes.map((c) => c.code)).toEqual(['20561', '20561', '20561']);
  }, 30_000);

  it('reads rows the page appends in one slice and reports them in the same turn', async () => {
    const watcher = startWatcher();
    await vi.waitFor(() => expect(reports.length).toBeGreaterThan(0), WAIT);
    // Let the look through skipped rows finish before the page changes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    log = [];
    stoppedAt = performance.now();
    // As a portal appends a page of claims. (happy-dom parses rows given to insertAdjacentHTML outside a table.)
    const parsed = document.createElement('div');
    parsed.innerHTML = `<table><tbody>${claimRows(300, 100, new Set([350]))}</tbody></table>`;
    document.querySelector('tbody')!.append(...parsed.querySelector('tbody')!.children);
    await vi.waitFor(() => expect(reports.at(-1)!.codes).toHaveLength(4), WAIT);
    watcher.stop();
    expect(log).toEqual(['slice', 'report']);
  }, 30_000);
});
