// The content bench's attribution of main-thread time to the extension, on a
// hand-made trace: tasks our code started count whole, the page's tasks only
// for our calls in them, and a garbage collection counts as part of the task
// only where it ran inside what counts; and the frames the page did not ask for.
import { describe, expect, it } from 'vitest';
import { extensionTaskMs, unaskedFrames } from '../../scripts/lib/extension-trace.mjs';

const ID = 'abcdefghijklmnop';
const OURS = `chrome-extension://${ID}/content.js`;
const PAGE = 'https://portal.example/app.js';

/** A complete trace event on the page's main thread; times in µs. */
const event = (name: string, ts: number, dur: number, url?: string) => ({
  ph: 'X',
  pid: 1,
  tid: 1,
  name,
  ts,
  dur,
  args: url ? { data: { url } } : {},
});

describe('extensionTaskMs', () => {
  const events = [
    // Our idle callback's task, 40 ms, with a 34 ms collection finished in it.
    event('RunTask', 0, 40_000),
    event('FunctionCall', 100, 39_800, OURS),
    event('MajorGC', 5_000, 34_000),
    // The page's task: its script, then our observer's 2 ms call, which ran a 1 ms scavenge; a later scavenge is the page's.
    event('RunTask', 100_000, 20_000),
    event('FunctionCall', 100_000, 10_000, PAGE),
    event('MinorGC', 102_000, 3_000),
    event('FunctionCall', 110_000, 2_000, OURS),
    event('MinorGC', 110_500, 1_000),
    event('MinorGC', 115_000, 4_000),
    // A task of the page's alone.
    event('RunTask', 200_000, 60_000),
    event('FunctionCall', 200_000, 60_000, PAGE),
  ];

  it('counts our own task whole and only our call in the page\'s, each with the collection inside it', () => {
    const work = extensionTaskMs(events, ID);
    expect(work.tasks).toEqual([
      { ts: 0, ms: 40, whole: true, gcMs: 34 },
      { ts: 100_000, ms: 2, whole: false, gcMs: 1 },
    ]);
    expect(work.ms).toBe(42);
  });

  it('names the longest task, the collection in it, and the longest task less its collection', () => {
    const work = extensionTaskMs(events, ID);
    expect(work.longestMs).toBe(40);
    expect(work.longestGcMs).toBe(34);
    expect(work.longestOwnMs).toBe(6);
  });

  it('finds nothing in a trace where our code never ran', () => {
    expect(extensionTaskMs(events.filter((e) => e.args.data?.url !== OURS), ID)).toEqual({
      ms: 0,
      tasks: [],
      longestMs: 0,
      longestGcMs: 0,
      longestOwnMs: 0,
    });
  });
});

describe('unaskedFrames', () => {
  const events = [
    // The page adds rows and asks for a frame: its animation frame, then style, layout and paint, 300 ms.
    event('RunTask', 0, 300_000),
    event('FireAnimationFrame', 10, 1_000),
    event('UpdateLayoutTree', 2_000, 20_000),
    event('Layout', 22_000, 200_000),
    event('Paint', 230_000, 30_000),
    // Our idle callback adds a highlight: script, no rendering.
    event('RunTask', 400_000, 2_000),
    event('FunctionCall', 400_000, 2_000, OURS),
    // The frame that follows: paint alone, 15 ms, nested in a second RunTask.
    event('RunTask', 500_000, 15_000),
    event('RunTask', 500_100, 14_000),
    event('PrePaint', 501_000, 1_000),
    event('Paint', 503_000, 10_000),
    // A page timer that lays out in its own task.
    event('RunTask', 600_000, 40_000),
    event('FunctionCall', 600_000, 5_000, PAGE),
    event('Layout', 606_000, 30_000),
    // The overlay's frame on another thread is not the page's.
    { ...event('RunTask', 700_000, 90_000), tid: 2 },
    { ...event('Paint', 700_000, 90_000), tid: 2 },
  ];

  it('counts the frames with rendering and no script on the thread that ran the page\'s animation frame', () => {
    expect(unaskedFrames(events)).toEqual({ count: 1, ms: 15, longestMs: 15 });
  });

  it('finds none in a trace with the page\'s own frame alone', () => {
    expect(unaskedFrames(events.filter((e) => e.ts < 400_000 || e.ts >= 600_000))).toEqual({ count: 0, ms: 0, longestMs: 0 });
  });

  it('finds none where no animation frame names the page\'s thread', () => {
    expect(unaskedFrames(events.filter((e) => e.name !== 'FireAnimationFrame'))).toEqual({ count: 0, ms: 0, longestMs: 0 });
  });
});
