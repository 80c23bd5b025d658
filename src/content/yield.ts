// Gives the main thread back to the page between slices of work. A message
// to ourselves is not clamped the way nested timers are (4 ms after five).
type Scheduler = { yield?: () => Promise<void> };

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as unknown as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Resolves once the page is idle (or a second has passed): for work that may
 * come after everything else, such as the page's own tasks and our overlay.
 */
export function whenIdle(): Promise<void> {
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 }));
}

/**
 * Calls back once the page has drawn its next frame and is idle after it,
 * so its own style work for a change is done before we look. A background
 * tab draws no frames, so there it waits `fallbackMs` at most; a shown one
 * waits longer for its frame (a 100,000-row table takes seconds to lay out,
 * and reading before that frame would restyle the whole table inside our
 * task). A callback, not a promise: each promise step costs a turn of the
 * microtask queue in a task that should be short.
 */
export function whenDrawnAndIdle(callback: () => void, fallbackMs: number): void {
  const timer = setTimeout(
    () => {
      cancelAnimationFrame(frame);
      callback();
    },
    document.hidden ? fallbackMs : fallbackMs * 20,
  );
  const frame = requestAnimationFrame(() => {
    clearTimeout(timer);
    requestIdleCallback(callback, { timeout: fallbackMs });
  });
}
