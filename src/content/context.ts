// The content script's link to the extension. When the extension is updated
// or reloaded, the old script's context dies: every call then throws
// "Extension context invalidated". We notice once, tell the listeners to
// tear down, and never call again.
import type { ContentConfig, ContentMessage } from '../core/messages';
import { ext as browser } from '../shared/native-api';

type Reply<T extends ContentMessage['type']> = T extends 'content:hello' ? ContentConfig : unknown;

export class ExtensionContext {
  #dead = false;
  readonly #listeners: (() => void)[] = [];

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
      port.onDisconnect.addListener(() => {
        if (this.alive) setTimeout(() => this.watch(), 1000);
      });
    } catch {
      this.invalidate();
    }
  }

  onInvalidated(listener: () => void): void {
    this.#listeners.push(listener);
  }

  async send<T extends ContentMessage['type']>(message: Extract<ContentMessage, { type: T }>): Promise<Reply<T> | undefined> {
    if (!this.alive) return undefined;
    try {
      return (await browser.runtime.sendMessage(message)) as Reply<T>;
    } catch (error) {
      if (/context invalidated|Receiving end does not exist|disconnected/i.test(String(error))) {
        if (/context invalidated/i.test(String(error))) this.invalidate();
      }
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
