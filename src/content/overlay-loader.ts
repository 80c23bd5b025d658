// The content script's side of the overlay: holds what the background pushes
// until the overlay bundle is loaded (asking the background for it the first
// time there is something to show), then hands everything over.
import type { ContentConfig } from '../core/messages';
import type { ExtensionContext } from './context';
import { linkSlot, LINK_KEY, type OverlaySide } from './overlay-link';

export class OverlayLoader {
  #overlay: OverlaySide | null = null;
  #pending: unknown[] = [];
  #requested = false;
  readonly #ctx: ExtensionContext;

  constructor(ctx: ExtensionContext, config: ContentConfig, ranges: () => Range[]) {
    this.#ctx = ctx;
    linkSlot()[LINK_KEY] = {
      ctx,
      config,
      ranges,
      attach: (overlay) => {
        if (this.#overlay) return;
        this.#overlay = overlay;
        for (const message of this.#pending.splice(0)) overlay.handlePush(message);
      },
    };
  }

  handlePush(message: unknown): void {
    if (this.#overlay) return this.#overlay.handlePush(message);
    this.#pending.push(message);
    if (this.#pending.length > 20) this.#pending.splice(0, this.#pending.length - 20);
    if (!this.#requested && wantsOverlay(message)) {
      this.#requested = true;
      void this.#ctx.send({ type: 'content:load-overlay' }).then((ok) => {
        // Refused or failed (no access to the page any more): ask again with the next push.
        if (ok !== true && !this.#overlay) this.#requested = false;
      });
    }
  }

  onNavigate(): void {
    this.#overlay?.onNavigate();
  }

  destroy(): void {
    this.#overlay?.destroy();
    this.#overlay = null;
    this.#pending = [];
    delete linkSlot()[LINK_KEY];
  }
}

/** Notes with codes in them, or the keyboard command: there is something to show. */
function wantsOverlay(message: unknown): boolean {
  const m = message as { type?: string; notes?: { codes?: unknown[] } };
  return (m.type === 'bg:notes' && (m.notes?.codes?.length ?? 0) > 0) || m.type === 'bg:toggle-overlay';
}
