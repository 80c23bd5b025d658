// How the content script and the overlay, two bundles, find each other. The
// content script runs on every portal page and stays small; the overlay
// (Preact, styles, the notes view) is injected into the top frame by the
// background only once the tab has codes to show. Both run in the same
// isolated world, so a global there is private to the extension: the page's
// scripts never see it.
import type { ContentConfig } from '../core/messages';
import type { ExtensionContext } from './context';

/** What the overlay takes over: pushes from the background and page events. */
export interface OverlaySide {
  handlePush(message: unknown): void;
  onNavigate(): void;
  destroy(): void;
}

export interface OverlayLink {
  ctx: ExtensionContext;
  config: ContentConfig;
  ranges: () => Range[];
  /** Called once by the overlay bundle when it has started. */
  attach(overlay: OverlaySide): void;
}

export const LINK_KEY = '__dncaOverlayLink';

export function linkSlot(): { [LINK_KEY]?: OverlayLink } {
  return globalThis as unknown as { [LINK_KEY]?: OverlayLink };
}
