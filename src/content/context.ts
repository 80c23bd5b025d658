// The content script's link to the extension. When the extension is updated
// or reloaded, the old script's context dies: every call then throws
// "Extension context invalidated". We notice once, tell the listeners to
// tear down, and never call again.
import type { ContentConfig, ContentMessage } from '../core/messages';
import { ext as browser } from '../shared/native-api';

type Reply<T extends ContentMessage['type']> = T extends 'content:hello' ? ContentConfig : unknown;

type Port = ReturnType<typeof browser.runtime.connect>;
type Posted = Extract<ContentMessage, { type: 'content:report' | 'content:frame-gone' }>;

export class ExtensionContext {
  #dead = false;
  readonly #listeners: (() => void)[] = [];
  #port: Port | null = null;
  /** The last message posted on the port since it was made, as posted: lost if the worker stopped before it arrived. */
  #posted: string | null = null;

  get alive(): boolean {
    if (this.#dead) return false;
    try {
      // runtime.id disappears from an orphaned content script.
      if (!browser.runtime?.id) this.invalidate();
    } catch {
      this.invalidate();
    }
    return !this.#dead;
  }

  /**
   * An idle orphan gets no error to notice, so hold a port: it disconnects
   * when the extension goes away. It also disconnects when Chrome stops the
   * idle worker. The port is then made again only with a message that wakes
   * the worker anyway: the last report again, if one went on the old port
   * (it may have been lost with it), else the next one. So a page at rest
   * lets the worker sleep after one more wake, instead of waking it every
   * half minute; meanwhile an orphan notices at the page's next change, or
   * when the script is injected again.
   */
  watch(): void {
    if (!this.alive || this.#port) return;
    try {
      const port = browser.runtime.connect({ name: 'content-alive' });
      this.#port = port;
      port.onDisconnect.addListener(() => {
        const posted = this.#posted;
        this.#port = this.#posted = null;
        // A second later: the extension going away can end the port a moment before the runtime goes.
        setTimeout(() => {
          // A message posted as the worker stopped is dropped with the port: the last report goes again (by
          // sendMessage, waking the worker, and the port made again), unless a newer message has gone since.
          if (this.alive && !this.#port && posted?.includes('"content:report"')) this.post(posted);
        }, 1000);
      });
    } catch {
      this.invalidate();
    }
  }

  /**
   * A message that needs no reply, over the held port: half the cost of
   * sendMessage, and each change batch sends one. In order with each other;
   * sent with sendMessage while the port is down (the worker slept), and the
   * port made again after it.
   * It goes as JSON text (a report's is made anyway, to tell a new report
   * from the last): the browser copies a string for less than it converts
   * an object.
   */
  post(json: string): void {
    try {
      if (this.#port) {
        this.#port.postMessage(json);
        this.#posted = json;
        return;
      }
    } catch {
      this.#port = null;
    }
    void this.send(JSON.parse(json) as Posted);
    this.watch();
  }

  onInvalidated(listener: () => void): void {
    this.#listeners.push(listener);
  }

  async send<T extends ContentMessage['type']>(message: Extract<ContentMessage, { type: T }>): Promise<Reply<T> | undefined> {
    if (!this.alive) return undefined;
    try {
      return (await browser.runtime.sendMessage(message)) as Reply<T>;
    } catch (error) {
      // Other failures (no listener yet, a worker restarting) lose one message; the next carries the state anew.
      if (/context invalidated/i.test(String(error))) this.invalidate();
      return undefined;
    }
  }

  invalidate(): void {
    if (this.#dead) return;
    this.#dead = true;
    for (const listener of this.#listeners.splice(0)) {
      try {
        listener();
      } catch {
        // Tearing down must not throw into the page.
      }
    }
  }
}
