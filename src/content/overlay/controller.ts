// Owns the overlay's life in the top frame: shown when the tab has codes,
// re-rendered only when what it shows changes, removed when they are gone.
import { h } from 'preact';
import type { Notes } from '../../core/engine';
import type { ContentConfig } from '../../core/messages';
import type { ExtensionContext } from '../context';
import { createOverlayHost, newRestoreBudget, type OverlayHost } from './host';
import { Overlay, type DragPhase } from './Overlay';
import { DEFAULT_PLACEMENT, DOCK_GAP, dockToward, placementFor, type Placement } from './placement';

type Dismissed = { scope: 'site' } | { scope: 'page'; path: string } | null;

export class OverlayController {
  private host: OverlayHost | null = null;
  private readonly restoreBudget = newRestoreBudget();
  private steppedAside = false;
  private notes: Notes | null = null;
  private summary = '';
  private expanded: boolean;
  private dismissed: Dismissed;
  private placement: Placement = DEFAULT_PLACEMENT;
  private drag: { x: number; y: number; box: DOMRect } | null = null;
  private lastKey = '';
  /** Per code, which occurrence "jump to" showed last. */
  private readonly jumped = new Map<string, number>();

  constructor(
    private readonly ctx: ExtensionContext,
    private readonly config: ContentConfig,
    private readonly ranges: () => Range[],
  ) {
    this.expanded = config.overlayExpanded;
    this.dismissed = config.dismissed ? { scope: 'site' } : null;
  }

  handlePush(message: unknown): void {
    const m = message as { type?: string; notes?: Notes; summary?: string };
    if (m.type === 'bg:notes' && m.notes && typeof m.summary === 'string') {
      this.notes = m.notes;
      this.summary = m.summary;
      this.update();
    } else if (m.type === 'bg:toggle-overlay') {
      // The keyboard command or the popup: show it again if hidden, else open or close.
      this.dismissed = null;
      this.expanded = !this.expanded;
      this.update(true);
      if (!this.expanded) this.host?.returnFocus();
    }
  }

  /** A single-page app moved to another screen: "Hide on this page" was for the old one. */
  onNavigate(): void {
    if (this.dismissed?.scope === 'page' && this.dismissed.path !== location.pathname) {
      this.dismissed = null;
      this.update(true);
    }
  }

  private update(force = false): void {
    const show = !!this.notes && this.notes.codes.length > 0 && !this.dismissed;
    if (!show) {
      this.host?.destroy();
      this.host = null;
      this.lastKey = '';
      return;
    }
    // A page re-rendering its table every few hundred ms sends the same notes: skip the work.
    const key = JSON.stringify([this.notes, this.summary, this.expanded]);
    if (!force && key === this.lastKey && this.host?.isAlive()) return;
    this.lastKey = key;
    if (!this.host || !this.host.element.isConnected) {
      if (this.host) {
        // The page removed the host and it was not put back: building a new one spends the same budget,
        // and once it is spent we step aside for the rest of this page's life.
        if (this.restoreBudget.left <= 0) this.steppedAside = true;
        else this.restoreBudget.left -= 1;
        this.host.destroy();
        this.host = null;
      }
      if (this.steppedAside) return;
      this.host = createOverlayHost(document, this.restoreBudget);
      this.host.place(this.placement);
    }
    this.host.render(
      h(Overlay, {
        notes: this.notes!,
        summary: this.summary,
        expanded: this.expanded,
        payers: this.config.directory.map(({ id, name }) => ({ id, name })),
        onToggle: (expanded) => {
          this.expanded = expanded;
          this.update(true);
        },
        onEscape: () => {
          this.expanded = false;
          this.update(true);
          this.host?.returnFocus();
        },
        onChoosePayer: (payerId) => void this.ctx.send({ type: 'content:choose-payer', payerId }),
        onJump: (code) => this.jumpTo(code),
        onDismiss: (scope) => {
          this.dismissed = scope === 'site' ? { scope } : { scope, path: location.pathname };
          if (scope === 'site') void this.ctx.send({ type: 'content:dismiss-site' });
          this.host?.returnFocus();
          this.update();
        },
        onDrag: (phase, x, y) => this.onDrag(phase, x, y),
        onDock: (key) => {
          const corner = dockToward(this.placement.corner, key);
          if (corner) this.place({ corner, x: DOCK_GAP, y: DOCK_GAP });
        },
      }),
    );
  }

  private place(placement: Placement): void {
    this.placement = placement;
    this.host?.place(placement);
  }

  private onDrag(phase: DragPhase, x: number, y: number): void {
    if (!this.host) return;
    if (phase === 'start') {
      this.drag = { x, y, box: this.host.element.getBoundingClientRect() };
      return;
    }
    if (!this.drag) return;
    const { box } = this.drag;
    const moved = { left: box.left + x - this.drag.x, top: box.top + y - this.drag.y, width: box.width, height: box.height };
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    this.place(placementFor(moved, viewport, phase === 'end'));
    if (phase === 'end') this.drag = null;
  }

  /** Each press shows the next occurrence of the code, in page order. */
  private jumpTo(code: string): void {
    const ranges = this.ranges()
      .filter((r) => r.toString() === code && r.startContainer.isConnected)
      .sort((a, b) => {
        try {
          return a.compareBoundaryPoints(Range.START_TO_START, b);
        } catch {
          return 0; // different shadow trees: keep the order found
        }
      });
    if (ranges.length === 0) return;
    const next = ((this.jumped.get(code) ?? -1) + 1) % ranges.length;
    this.jumped.set(code, next);
    const target = ranges[next]!.startContainer.parentElement;
    target?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  destroy(): void {
    this.host?.destroy();
    this.host = null;
  }
}
