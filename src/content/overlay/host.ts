// The overlay's single host element: under <html>, closed shadow root, top
// layer through popover="manual". If the page removes it we put it back a
// bounded number of times, then step aside quietly.
import { render, type ComponentChild } from 'preact';
import { OWN_HOST_ATTR } from '../segments';
import { DEFAULT_PLACEMENT, placementCss, type Placement } from './placement';
import { OVERLAY_CSS } from './styles';

const MAX_RESTORES = 5;

/**
 * How many more times the page may remove our host before we stop putting it
 * back. One budget per page, shared by every host the page ever gets, so a page
 * that removes hosts cannot earn fresh restores by making us build a new one.
 */
export interface RestoreBudget {
  left: number;
}

export function newRestoreBudget(): RestoreBudget {
  return { left: MAX_RESTORES };
}

export interface OverlayHost {
  render(vnode: ComponentChild): void;
  place(placement: Placement): void;
  /** The page element that had focus before ours, to give focus back to. */
  returnFocus(): void;
  isAlive(): boolean;
  destroy(): void;
  readonly element: HTMLElement;
}

/** Styles a shadow root as the overlay's and gives it a mount point; `position` is the sheet that places it. */
export function styleOverlayRoot(shadow: ShadowRoot): { mount: HTMLElement; position: CSSStyleSheet } {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(OVERLAY_CSS);
  const position = new CSSStyleSheet();
  position.replaceSync(placementCss(DEFAULT_PLACEMENT));
  shadow.adoptedStyleSheets = [sheet, position];
  const mount = shadow.ownerDocument.createElement('div');
  shadow.append(mount);
  return { mount, position };
}

export function createOverlayHost(doc: Document = document, budget: RestoreBudget = newRestoreBudget()): OverlayHost {
  const host = doc.createElement('dnca-overlay');
  host.setAttribute(OWN_HOST_ATTR, '');
  const shadow = host.attachShadow({ mode: 'closed' });
  const { mount, position } = styleOverlayRoot(shadow);

  let gaveUp = false;
  const attach = () => {
    doc.documentElement.append(host);
    try {
      host.setAttribute('popover', 'manual');
      host.showPopover();
    } catch {
      // No popover support, or the page blocks it: the fixed position and z-index still apply.
    }
  };
  attach();

  const watcher = new MutationObserver(() => {
    if (host.isConnected || gaveUp) return;
    if (budget.left <= 0) {
      gaveUp = true;
      watcher.disconnect();
      return;
    }
    budget.left -= 1;
    attach();
  });
  watcher.observe(doc.documentElement, { childList: true });

  // Another top-layer element (a page's modal) would cover us; re-showing moves us to the top again.
  const raise = (event: Event) => {
    if (event.target === host || !host.isConnected) return;
    const el = event.target as Element | null;
    if (!el || !(el.hasAttribute?.('popover') || el.tagName === 'DIALOG')) return;
    try {
      host.hidePopover();
      host.showPopover();
    } catch {
      /* not in the top layer: nothing to raise */
    }
  };
  doc.addEventListener('toggle', raise, true);

  // Focus arriving from the page: remember where from, so Escape can give it back.
  let pageFocus: WeakRef<Element> | null = null;
  host.addEventListener('focusin', (event) => {
    const from = (event as FocusEvent).relatedTarget;
    if (from instanceof Element && from !== host) pageFocus = new WeakRef(from);
  });
  // Keys typed in our panel are ours: the page's shortcuts must not fire on them.
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (event) => event.stopPropagation());

  return {
    element: host,
    render(vnode) {
      render(vnode, mount);
    },
    place(placement) {
      host.setAttribute('data-dock', placement.corner);
      position.replaceSync(placementCss(placement));
    },
    returnFocus() {
      const target = pageFocus?.deref();
      pageFocus = null;
      if (target?.isConnected && target instanceof HTMLElement) target.focus({ preventScroll: true });
      else (shadow.activeElement as HTMLElement | null)?.blur();
    },
    isAlive: () => host.isConnected && !gaveUp,
    destroy() {
      watcher.disconnect();
      doc.removeEventListener('toggle', raise, true);
      render(null, mount);
      host.remove();
    },
  };
}
