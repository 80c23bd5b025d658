// The content script's link to the extension, against a stand-in runtime:
// reports go over the held port; while the port is down they go by
// sendMessage; and the last report posted before the port went (the worker
// stopped, and a message in flight is dropped with the port) is sent again;
// a frame leaving the page is not sent again.
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

  it('sends the last report again when the port goes, uses sendMessage while it is down, and reconnects', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    ctx.post(text(report('20560')));
    ctx.post(text(report('20561')));
    fake.disconnect();
    expect(fake.sent).toEqual([report('20561')]);
    ctx.post(text(report('20560')));
    expect(fake.sent).toEqual([report('20561'), report('20560')]);
    vi.advanceTimersByTime(1000);
    expect(fake.connects).toBe(2);
    ctx.post(text(report('20561')));
    expect(fake.posted).toHaveLength(3);
  });

  it('does not send a frame\'s leaving again when the port goes after it', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    ctx.post(text(report('20560')));
    ctx.post('{"type":"content:frame-gone"}');
    fake.disconnect();
    expect(fake.sent).toEqual([]);
  });

  it('sends nothing again when the port goes with nothing posted on it since it was made', () => {
    const ctx = new ExtensionContext();
    ctx.watch();
    ctx.post(text(report('20560')));
    fake.disconnect();
    vi.advanceTimersByTime(1000);
    fake.disconnect();
    expect(fake.sent).toEqual([report('20560')]);
  });
});
