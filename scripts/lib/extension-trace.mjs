// Measures what a content script costs a page's main thread, from a Chromium
// trace: every task (RunTask) on the page's renderer main thread that ran
// code from the extension's scripts is the extension's doing. Used by the
// content benchmark and the churn test.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing'];
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.callFunction', 'V8.Execute', 'TimerFire', 'FireIdleCallback']);

/** Starts a trace on the page's CDP session; the returned function ends it and resolves to the events. */
export async function startTrace(context, page) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    return events;
  };
}

function urlOf(e) {
  const d = e.args?.data;
  return d?.url ?? d?.stackTrace?.[0]?.url ?? '';
}

/**
 * The extension's slices of main-thread time: each task that ran the extension's
 * code, with the time its script ran inside it.
 * @param {object[]} events trace events
 * @param {string} extensionId
 */
export function extensionWork(events, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const script = events.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && urlOf(e).startsWith(prefix));
  if (script.length === 0) return { tasks: [], scriptMs: 0, longestTaskMs: 0, longestScriptMs: 0, first: null, last: null };
  const { pid, tid } = script[0];
  const onThread = (e) => e.pid === pid && e.tid === tid;
  const tasks = events.filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && onThread(e)).sort((a, b) => a.ts - b.ts);
  const ours = script.filter(onThread).sort((a, b) => a.ts - b.ts);
  // Script time: the union of our script events (they may nest).
  let scriptUs = 0;
  let end = -Infinity;
  for (const e of ours) {
    const s = Math.max(e.ts, end);
    const f = e.ts + e.dur;
    if (f > s) scriptUs += f - s;
    end = Math.max(end, f);
  }
  // Tasks and our events are both sorted by start: one pass pairs them.
  const touched = [];
  let j = 0;
  for (const t of tasks) {
    while (j < ours.length && ours[j].ts < t.ts) j += 1;
    if (j < ours.length && ours[j].ts < t.ts + t.dur) touched.push(t);
  }
  const longestScript = ours.reduce((m, e) => Math.max(m, e.dur), 0);
  return {
    tasks: touched.map((t) => ({ ts: t.ts, ms: t.dur / 1000 })),
    scriptMs: scriptUs / 1000,
    longestTaskMs: (touched.length ? touched.reduce((m, t) => Math.max(m, t.dur), 0) : longestScript) / 1000,
    longestScriptMs: longestScript / 1000,
    first: ours[0].ts,
    last: ours.at(-1).ts + ours.at(-1).dur,
    pid,
    tid,
  };
}

/** The trace timestamp of a performance.mark() made by the page. */
export function markTs(events, name) {
  return events.find((e) => e.cat?.includes('blink.user_timing') && e.name === name)?.ts ?? null;
}

/** Script time of the extension between two trace timestamps. */
export function scriptMsBetween(events, extensionId, from, to) {
  const within = events.filter((e) => (e.ph !== 'X' || (e.ts >= from && e.ts <= to)) && (e.ph !== 'X' || e.ts + (e.dur ?? 0) <= to + 1));
  return extensionWork(within, extensionId);
}

/**
 * A sampling CPU profile of the page's main thread. Unlike trace events, it
 * sees every stretch of the extension's code, including promise continuations
 * after a yield, which no trace event names.
 */
export async function startProfile(context, page, intervalUs = 100) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return profile;
  };
}

/**
 * The extension's share of a profile: samples whose stack holds a frame from
 * the extension's scripts. `busyMs` sums them; `longestRunMs` is the longest
 * unbroken stretch of such samples (the longest the page waited on us at once);
 * `firstTs`/`lastTs` are in the trace clock (µs).
 * @param {{ nodes: object[], samples: number[], timeDeltas: number[], startTime: number }} profile
 * @param {string} extensionId
 * `readingMs` is the part spent reading the page: samples under one of the
 * `reading` functions (class method names survive minification).
 * @param {{ from?: number, to?: number, reading?: string[] }} [window] trace-clock bounds
 */
export function extensionSamples(profile, extensionId, { from = -Infinity, to = Infinity, reading = [] } = {}) {
  const prefix = `chrome-extension://${extensionId}/`;
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = new Map();
  const isOurs = (id) => {
    if (ours.has(id)) return ours.get(id);
    const n = byId.get(id);
    const result = !!n && (n.callFrame.url.startsWith(prefix) || (parent.has(id) && isOurs(parent.get(id))));
    ours.set(id, result);
    return result;
  };
  const readingNames = new Set(reading);
  const inReading = new Map();
  const isReading = (id) => {
    if (inReading.has(id)) return inReading.get(id);
    const n = byId.get(id);
    const result = !!n && ((n.callFrame.url.startsWith(prefix) && readingNames.has(n.callFrame.functionName)) || (parent.has(id) && isReading(parent.get(id))));
    inReading.set(id, result);
    return result;
  };
  let readingUs = 0;
  let ts = profile.startTime;
  let busy = 0;
  let run = 0;
  let longest = 0;
  let firstTs = null;
  let lastTs = null;
  for (let i = 0; i < profile.samples.length; i++) {
    ts += profile.timeDeltas[i] ?? 0;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (ts < from || ts > to) continue;
    if (isOurs(profile.samples[i])) {
      busy += dt;
      if (readingNames.size && isReading(profile.samples[i])) readingUs += dt;
      run += dt;
      longest = Math.max(longest, run);
      firstTs ??= ts;
      lastTs = ts;
    } else {
      run = 0;
    }
  }
  return { busyMs: busy / 1000, readingMs: readingUs / 1000, longestRunMs: longest / 1000, firstTs, lastTs };
}
