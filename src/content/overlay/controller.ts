// Owns the overlay's life in the top frame: shown when the tab has codes,
// re-rendered only when the notes change, removed when they are gone.
import { h } from 'preact';
import type { Notes } from '../../core/engine';
import type { ContentConfig } from '../../core/messages';
import type { ExtensionContext } from '../context';
import { createOverlayHost, type OverlayHost } from './host';
import { Overlay } from './Overlay';

export class OverlayController {
  private host: OverlayHost | null = null;
  private notes: Notes | null = null;
  private summary = '';
  private expanded: boolean;
  private dismissed: boolean;
  private ranges: Range[] = [];
  private lastKey = '';

  constructor(
    private readonly ctx: ExtensionContext,
    private readonly config: ContentConfig,
  ) {
    this.expanded = config.overlayExpanded;
    this.dismissed = config.dismissed;
  }

  setRanges(ranges: Range[]): void {
    this.ranges = ranges;
  }

  handlePush(message: unknown): void {
    const m = message as { type?: string; notes?: Notes; summary?: string };
    if (m.type === 'bg:notes' && m.notes && typeof m.summary === 'string') {
      this.notes = m.notes;
      this.summary = m.summary;
      this.update();
    } else if (m.type === 'bg:toggle-overlay') {
      this.dismissed = false;
      this.expanded = !this.expanded;
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
      this.host?.destroy();
      this.host = createOverlayHost();
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
        onChoosePayer: (payerId) => void this.ctx.send({ type: 'content:choose-payer', payerId }),
        onJump: (code) => this.jumpTo(code),
        onDismiss: (scope) => {
          this.dismissed = true;
          if (scope === 'site') void this.ctx.send({ type: 'content:dismiss-site' });
          this.update();
        },
      }),
    );
  }

  private jumpTo(code: string): void {
    const range = this.ranges.find((r) => r.toString().includes(code));
    const target = range?.startContainer.parentElement;
    target?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  destroy(): void {
    this.host?.destroy();
    this.host = null;
  }
}
