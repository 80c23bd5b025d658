// Measures what a content script costs a page's main thread: from a Chromium
// trace, the tasks on the page's renderer main thread that the extension's
// scripts started or ran in (extensionTaskMs) and the frames the page did not
// ask for (unaskedFrames), and from a sampling profile, the samples under the
// extension's code (extensionSamples). Used by the content benchmark and the
// churn test.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing'];
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * Starts a trace on the page's CDP session; the returned function ends it and
 * resolves to the events. The timeline categories (task attribution) slow the
 * page's scripts; `categories` can ask for fewer, such as the page's own marks alone.
 */
export async function startTrace(context, page, categories = CATEGORIES) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
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

/** The trace timestamp of a performance.mark() made by the page. */
export function markTs(events, name) {
  return events.find((e) => e.cat?.includes('blink.user_timing') && e.name === name)?.ts ?? null;
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

/** The tasks on one thread in start order, outermost only: the scheduler nests RunTask events. */
function outermostTasks(events, onThread) {
  const tasks = [];
  for (const t of events.filter((e) => onThread(e) && TASK_NAMES.has(e.name)).sort((a, b) => a.ts - b.ts)) {
    const last = tasks.at(-1);
    if (!last || t.ts >= last.ts + last.dur) tasks.push(t);
  }
  return tasks;
}

/**
 * The main-thread time the extension caused, by task: a task our code started
 * (its first script is ours: our timer, idle callback or message listener)
 * counts whole, with the promise continuations that run in it and name no
 * script, and the style or layout our calls force; in a task the page started
 * (its own script or parsing first, our mutation observer called later) only
 * our calls count. Needs no profiler, whose sampling slows the code it times.
 * `gcMs` is the garbage collection that ran inside what counts: V8 finishes a
 * collection of the whole heap (the page's DOM with it) in whatever script
 * runs when it is due, so a task of ours can carry a pause it did not cause
 * alone. `longestOwnMs` is the longest task less its collection.
 * @param {object[]} events trace events
 * @param {string} extensionId
 * @returns {{ ms: number, tasks: { ts: number, ms: number, whole: boolean, gcMs: number }[], longestMs: number, longestGcMs: number, longestOwnMs: number }}
 */
export function extensionTaskMs(events, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const isOurs = (e) => urlOf(e).startsWith(prefix);
  const first = events.find((e) => e.ph === 'X' && e.name === 'FunctionCall' && isOurs(e));
  if (!first) return { ms: 0, tasks: [], longestMs: 0, longestGcMs: 0, longestOwnMs: 0 };
  const onThread = (e) => e.ph === 'X' && e.pid === first.pid && e.tid === first.tid;
  const byStart = (a, b) => a.ts - b.ts;
  const tasks = outermostTasks(events, onThread);
  // What can start work in a task: script of either side, or the page's own parsing.
  const starts = events.filter((e) => onThread(e) && (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'ParseHTML')).sort(byStart);
  const frames = events.filter((e) => onThread(e) && e.name === 'FireAnimationFrame');
  const gcs = events.filter((e) => onThread(e) && (e.name === 'MajorGC' || e.name === 'MinorGC'));
  const gcUsWithin = (from, to) => gcs.reduce((us, g) => (g.ts >= from && g.ts + g.dur <= to ? us + g.dur : us), 0);
  const out = [];
  let j = 0;
  for (const t of tasks) {
    while (j < starts.length && starts[j].ts < t.ts) j += 1;
    const inside = [];
    for (let k = j; k < starts.length && starts[k].ts < t.ts + t.dur; k++) inside.push(starts[k]);
    if (!inside.some(isOurs)) continue;
    // A frame task runs our animation-frame callback among the page's style and layout: only the callback is ours.
    const whole = isOurs(inside[0]) && !frames.some((f) => f.ts >= t.ts && f.ts < t.ts + t.dur);
    let us = 0;
    let gcUs = whole ? gcUsWithin(t.ts, t.ts + t.dur) : 0;
    let outer = -Infinity;
    for (const c of inside) {
      if (c.ts < outer || !isOurs(c)) continue;
      us += c.dur;
      if (!whole) gcUs += gcUsWithin(c.ts, c.ts + c.dur);
      outer = c.ts + c.dur;
    }
    out.push({ ts: t.ts, ms: (whole ? t.dur : us) / 1000, whole, gcMs: gcUs / 1000 });
  }
  const longest = out.reduce((m, t) => (t.ms > m.ms ? t : m), { ms: 0, gcMs: 0 });
  return {
    ms: out.reduce((s, t) => s + t.ms, 0),
    tasks: out,
    longestMs: longest.ms,
    longestGcMs: longest.gcMs,
    longestOwnMs: out.reduce((m, t) => Math.max(m, t.ms - t.gcMs), 0),
  };
}

const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint']);
const STARTS_SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'FireAnimationFrame', 'ParseHTML']);

/**
 * Frames the page did not ask for: tasks on the page's main thread (the one
 * that ran its animation frames) that update style, layout or paint with no
 * script or parsing in them. After the page's own change and the one frame it
 * asked for, as in the content bench's batches, such a frame comes from a
 * change the extension made (a new highlight, the overlay's update); the
 * bench checks the page alone has none.
 * @param {object[]} events trace events
 * @returns {{ count: number, ms: number, longestMs: number }}
 */
export function unaskedFrames(events) {
  const frame = events.find((e) => e.ph === 'X' && e.name === 'FireAnimationFrame');
  if (!frame) return { count: 0, ms: 0, longestMs: 0 };
  const onThread = (e) => e.ph === 'X' && e.pid === frame.pid && e.tid === frame.tid;
  const inThread = events.filter((e) => onThread(e) && (RENDERING.has(e.name) || STARTS_SCRIPT.has(e.name)));
  const frames = outermostTasks(events, onThread).filter((t) => {
    const inside = inThread.filter((e) => e.ts >= t.ts && e.ts < t.ts + t.dur);
    return inside.some((e) => RENDERING.has(e.name)) && !inside.some((e) => STARTS_SCRIPT.has(e.name));
  });
  return {
    count: frames.length,
    ms: frames.reduce((s, t) => s + t.dur, 0) / 1000,
    longestMs: frames.reduce((m, t) => Math.max(m, t.dur), 0) / 1000,
  };
}
