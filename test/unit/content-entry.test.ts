// The content script's entry, against a stand-in runtime: injected into a
// document whose isolated world already holds a live script, it does nothing;
// holding an orphan (the extension was updated while the worker slept, so
// the old script had no port to lose and noticed nothing), it asks the
// orphan, which tears down, and starts in its place.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const FLAG = '__dncaContentScript';
let sent: unknown[];

beforeEach(() => {
  sent = [];
  const runtime = {
    id: 'dnca',
    connect: () => ({ postMessage: () => undefined, onDisconnect: { addListener: () => undefined } }),
    // No configuration: the new script stops after its hello, which is all these tests look at.
    sendMessage: (message: unknown) => {
      sent.push(message);
      return Promise.resolve(undefined);
    },
    onMessage: { addListener: () => undefined },
  };
  vi.stubGlobal('chrome', { runtime });
  vi.resetModules();
});

afterEach(() => {
  vi.unstubAllGlobals();
  delete (globalThis as Record<string, unknown>)[FLAG];
});

const inject = () => import('../../src/content/index');

describe('content script entry', () => {
  it('starts once in a fresh world, and a second injection beside a live script is a no-op', async () => {
    await inject();
    expect(sent).toEqual([{ type: 'content:hello' }]);
    vi.resetModules();
    await inject();
    expect(sent).toHaveLength(1);
  });

  it('beside an orphan that has not noticed the update: asks it (it tears down) and starts', async () => {
    const orphan = { alive: true, tornDown: false };
    // The orphan's context answers alive by looking at its own, dead runtime: it finds it gone and tears down.
    Object.defineProperty(orphan, 'alive', {
      get() {
        orphan.tornDown = true;
        return false;
      },
    });
    (globalThis as Record<string, unknown>)[FLAG] = orphan;
    await inject();
    expect(orphan.tornDown).toBe(true);
    expect(sent).toEqual([{ type: 'content:hello' }]);
  });
});
