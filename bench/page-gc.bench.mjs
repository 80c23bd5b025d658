// Does the content script make the page's garbage collections dearer? On the
// generated claim-history pages of the content bench, the same page is
// loaded alternately without and with the extension, and full collections of
// its heap are forced through DevTools (HeapProfiler.collectGarbage) and timed
// from V8's own trace events, with the part spent marking the page's DOM
// (Blink's heap, traced by V8 as its embedder's).
//
// Why this is measured: on big pages a batch task of ours can carry V8's
// finishing of a collection of the page's whole heap (content.bench.mjs says
// when and why). These figures show what such a collection costs with and
// without the extension: a forced full collection is not the incremental one
// a batch meets, but it marks the same heap, so it tells whose heap the pause
// is spent on.
//   node build.mjs && node bench/page-gc.bench.mjs [--sizes 1000,20000]
// Prints a table and writes bench/results/page-gc.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTrace } from '../scripts/lib/extension-trace.mjs';
import { launchWithExtension } from '../scripts/lib/launch-chromium.mjs';
import { claimHistoryPage } from './fixtures/claim-history.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : [1000, 20000, 100000];
const EXT_HOST = 'www.uhcprovider.com'; // in the manifest: the content script runs
const BARE_HOST = 'bench.example.org'; // not in the manifest: the same page without the extension
/** Loads of each kind, alternating, so a drift of the machine falls on both. */
const ROUNDS = 3;
/** Collections forced per load; the first also collects what loading left, so it is not counted. */
const COLLECTIONS = 4;

const round = (n) => Math.round(n * 10) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The durations (ms) of the outermost events named `name` on the thread that ran `anchor`, in order. */
function durationsOn(events, anchor, name) {
  return events
    .filter((e) => e.ph === 'X' && e.name === name && e.pid === anchor.pid && e.tid === anchor.tid)
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({ ts: e.ts, end: e.ts + e.dur, ms: e.dur / 1000 }));
}

/** Forces COLLECTIONS full collections of the page's heap; their times, less the first, with the DOM marking inside each. */
async function forcedCollections(context, page) {
  const stop = await startTrace(context, page, ['v8', 'disabled-by-default-v8.gc']);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < COLLECTIONS; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(200);
  }
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  const events = await stop();
  // The page's renderer main thread is the one that ran every forced collection.
  const byThread = new Map();
  for (const e of events) if (e.ph === 'X' && e.name === 'V8.GC_MARK_COMPACTOR') byThread.set(`${e.pid}:${e.tid}`, [...(byThread.get(`${e.pid}:${e.tid}`) ?? []), e]);
  const anchor = [...byThread.values()].find((list) => list.length >= COLLECTIONS)?.[0];
  if (!anchor) throw new Error(`found no thread with ${COLLECTIONS} full collections in the trace`);
  const collections = durationsOn(events, anchor, 'V8.GC_MARK_COMPACTOR').slice(1);
  const domMarking = durationsOn(events, anchor, 'V8.GC_MC_MARK_EMBEDDER_TRACING');
  return {
    ms: collections.map((c) => c.ms),
    domMarkingMs: collections.map((c) => domMarking.filter((d) => d.ts >= c.ts && d.end <= c.end).reduce((s, d) => s + d.ms, 0)),
    jsHeapBytes: usedSize,
    domNodes: nodes,
  };
}

const browser = await launchWithExtension();
const { context } = browser;
const results = { date: new Date().toISOString(), chromium: context.browser()?.version() ?? null, sizes: [] };
try {
  for (const size of SIZES) {
    const body = claimHistoryPage(size);
    await context.unroute('**/bench/**').catch(() => {});
    await context.route('**/bench/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body }));
    const runs = { bare: [], extension: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [kind, host] of [['bare', BARE_HOST], ['extension', EXT_HOST]]) {
        const page = await context.newPage();
        await page.goto(`https://${host}/bench/${size}.html`, { waitUntil: 'load', timeout: 300_000 });
        if (kind === 'extension') await page.waitForFunction(() => document.querySelector('dnca-overlay') !== null, null, { timeout: 300_000, polling: 200 });
        // Lets the page's own frames, and the extension's look through skipped rows, finish first.
        await sleep(size >= 100_000 ? 20_000 : 4000);
        runs[kind].push(await forcedCollections(context, page));
        await page.close();
      }
    }
    const summary = (list) => ({
      fullGcMs: round(median(list.flatMap((x) => x.ms))),
      domMarkingMs: round(median(list.flatMap((x) => x.domMarkingMs))),
      jsHeapKb: Math.round(median(list.map((x) => x.jsHeapBytes)) / 1024),
      domNodes: median(list.map((x) => x.domNodes)),
    });
    const bare = summary(runs.bare);
    const ext = summary(runs.extension);
    results.sizes.push({ rows: size, bare, extension: ext, fullGcRatio: Math.round((ext.fullGcMs / bare.fullGcMs) * 100) / 100 });
    console.error(`measured ${size} rows`);
  }
} finally {
  await browser.close();
}

console.table(
  results.sizes.map((r) => ({
    rows: r.rows,
    'full GC ms, page alone': r.bare.fullGcMs,
    'full GC ms, with extension': r.extension.fullGcMs,
    'with / alone': r.fullGcRatio,
    '  of it DOM marking ms, alone': r.bare.domMarkingMs,
    '  of it DOM marking ms, with': r.extension.domMarkingMs,
    'JS heap KB, alone': r.bare.jsHeapKb,
    'JS heap KB, with': r.extension.jsHeapKb,
    'DOM nodes, alone': r.bare.domNodes,
    'DOM nodes, with': r.extension.domNodes,
  })),
);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/page-gc.json'), `${JSON.stringify(results, null, 2)}\n`);
