// The content script's link to the extension, against a stand-in runtime:
// reports go over the held port; while the port is down they go by
// sendMessage, and the port is made again after; the last report posted
// before the port went (the worker stopped, and a message in flight is
// dropped with the port) is sent again; a frame leaving the page is not sent
// again; and a port that goes with nothing posted on it is not made again
// until there is something to send (a page at rest lets the worker sleep).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtensionContext as Context } from '../../src/content/context';
import type { FrameReport } from '../../src/core/messages';

interface FakeRuntime {
  posted: unknown[];
  sent: unknown[];
  connects: number;
  /** Ends the current port, as the browser does when the worker stops. */
  disconnect(): void;
}

let fake: FakeRuntime;
let ExtensionContext: typeof Context;

beforeEach(async () => {
  vi.useFakeTimers();
  let onDisconnect: (() => void) | undefined;
  fake = { posted: [], sent: [], connects: 0, disconnect: () => onDisconnect?.() };
  const runtime = {
    id: 'dnca',
    connect: () => {
      fake.connects += 1;
      return {
        postMessage: (message: unknown) => fake.posted.push(message),
        onDisconnect: { addListener: (listener: () => void) => (onDisconnect = listener) },
      };
    },
    sendMessage: (message: unknown) => {
      fake.sent.push(message);
      return Promise.resolve(true);
    },
  };
  vi.stubGlobal('chrome', { runtime });
  // native-api picks the runtime when it is first imported.
  vi.resetModules();
  ({ ExtensionContext } = await import('../../src/content/context'));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const report = (code: '20560' | '20561'): { type: 'content:report'; report: FrameReport } => ({
  type: 'content:report',
  report: { url: 'https://portal.example/claims', codes: [{ code }], diagnoses: [], payer: null },
});

/** A message as the content script posts it: JSON text. */
const text = (message: unknown): string => JSON.stringify(message);

describe('ExtensionContext.post', () => {
  it('posts the text on the held port, and the message it holds by sendMessage before there is one', () => {
    const ctx = new ExtensionContext();
    ctx.post(text(report('20560')));
    expect(fake.sent).toEqual([report('20560')]);
    ctx.watch();
    ctx.post(text(report('20561')));
    expect(fake.posted).toEqual([text(report('20561'))]);
    expect(fake.sent).toHaveLength(1);
  });

  it('sends the last report again when the port goes, and makes the port again with it', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    ctx.post(text(report('20560')));
    ctx.post(text(report('20561')));
    fake.disconnect();
    // A second later: the extension going away can end the port before the runtime goes.
    expect(fake.sent).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(fake.sent).toEqual([report('20561')]);
    expect(fake.connects).toBe(2);
    ctx.post(text(report('20560')));
    expect(fake.posted).toEqual([text(report('20560')), text(report('20561')), text(report('20560'))]);
    expect(fake.sent).toHaveLength(1);
  });

  it('does not send the last report again after a newer one went in that second', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    ctx.post(text(report('20560')));
    fake.disconnect();
    ctx.post(text(report('20561')));
    vi.advanceTimersByTime(1000);
    expect(fake.sent).toEqual([report('20561')]);
    expect(fake.connects).toBe(2);
  });

  it('sends nothing again, and tears down, when the extension is gone a second after the port', () => {
    const ctx = new ExtensionContext();
    const tornDown = vi.fn();
    ctx.onInvalidated(tornDown);
    ctx.watch();
    ctx.post(text(report('20560')));
    fake.disconnect();
    (globalThis as unknown as { chrome: { runtime: { id?: string } } }).chrome.runtime.id = undefined;
    vi.advanceTimersByTime(1000);
    expect(tornDown).toHaveBeenCalledOnce();
    expect(fake.sent).toEqual([]);
    expect(fake.connects).toBe(1);
  });

  it('makes no port again after one that carried nothing goes, until the next message, which goes by sendMessage', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    ctx.post(text(report('20560')));
    fake.disconnect();
    vi.advanceTimersByTime(1000);
    // The port made again with the report sent again carries nothing before it goes too: the page is at rest.
    fake.disconnect();
    vi.advanceTimersByTime(10 * 60_000);
    expect(fake.connects).toBe(2);
    ctx.post(text(report('20561')));
    expect(fake.sent).toEqual([report('20560'), report('20561')]);
    expect(fake.connects).toBe(3);
    ctx.post(text(report('20560')));
    expect(fake.posted).toEqual([text(report('20560')), text(report('20560'))]);
  });

  it('does not send a frame\'s leaving again when the port goes after it', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    ctx.post(text(report('20560')));
    ctx.post('{"type":"content:frame-gone"}');
    fake.disconnect();
    vi.advanceTimersByTime(1000);
    expect(fake.sent).toEqual([]);
  });

  it('sends nothing again when the port goes with nothing posted on it since it was made', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    fake.disconnect();
    vi.advanceTimersByTime(1000);
    expect(fake.sent).toEqual([]);
    expect(fake.connects).toBe(1);
  });
});
