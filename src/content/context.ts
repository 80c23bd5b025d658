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
   * when the extension goes away (and when the worker sleeps, in which case
   * the runtime is still there and we reconnect).
   */
  watch(): void {
    if (!this.alive) return;
    try {
      const port = browser.runtime.connect({ name: 'content-alive' });
      this.#port = port;
      port.onDisconnect.addListener(() => {
        const posted = this.#posted && (JSON.parse(this.#posted) as Posted);
        this.#port = this.#posted = null;
        if (!this.alive) return;
        // A message posted as the worker stopped is dropped with the port: the last report goes again, waking it.
        if (posted && posted.type === 'content:report') void this.send(posted);
        setTimeout(() => this.watch(), 1000);
      });
    } catch {
      this.invalidate();
    }
  }

  /**
   * A message that needs no reply, over the held port: half the cost of
   * sendMessage, and each change batch sends one. In order with each other;
   * sent anew with sendMessage while the port is down (the worker slept).
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
