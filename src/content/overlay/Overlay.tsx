// The in-page overlay: a pill docked in a corner, opening into the notes.
// Everything it shows comes from the background's notes; it never reads page
// HTML into its own markup.
import { useEffect, useRef } from 'preact/hooks';
import type { Notes } from '../../core/engine';
import { NotesView } from '../../ui/NotesView';

export interface PayerChoice {
  id: string;
  name: string;
}

export type DragPhase = 'start' | 'move' | 'end';

export interface OverlayProps {
  notes: Notes;
  summary: string;
  expanded: boolean;
  payers: readonly PayerChoice[];
  onToggle: (expanded: boolean) => void;
  /** Escape: close and give focus back to the page. */
  onEscape: () => void;
  onChoosePayer: (id: string | null) => void;
  onJump: (code: string) => void;
  onDismiss: (scope: 'page' | 'site') => void;
  onDrag: (phase: DragPhase, clientX: number, clientY: number) => void;
  /** An arrow key on the handle: dock toward that side. */
  onDock: (key: string) => void;
}

export function Overlay(props: OverlayProps) {
  const { notes, summary, expanded } = props;
  const panelRef = useRef<HTMLDivElement>(null);
  const pillRef = useRef<HTMLButtonElement>(null);
  const dragging = useRef(false);
  const codes = notes.codes.map((c) => c.code).join(', ');
  const payerName = notes.payer?.name ?? 'payer unknown';

  useEffect(() => {
    if (expanded) panelRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [expanded]);

  const close = () => {
    props.onToggle(false);
    pillRef.current?.focus();
  };

  const drag = (phase: DragPhase) => (e: PointerEvent) => {
    if (phase === 'start') {
      if (e.button !== 0) return;
      dragging.current = true;
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
      e.preventDefault();
    } else if (!dragging.current) return;
    if (phase === 'end') dragging.current = false;
    props.onDrag(phase, e.clientX, e.clientY);
  };

  return (
    <div
      class="root"
      role="complementary"
      aria-label={`Coverage notes: ${codes} · ${payerName}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onEscape();
        }
      }}
    >
      <div class="bar">
        <button
          type="button"
          class="grip"
          aria-label="Move coverage notes: drag, or use the arrow keys to dock to a corner"
          title="Drag to move; arrow keys dock to a corner"
          onPointerDown={drag('start')}
          onPointerMove={drag('move')}
          onPointerUp={drag('end')}
          onPointerCancel={drag('end')}
          onKeyDown={(e) => {
            if (e.key.startsWith('Arrow')) {
              e.preventDefault();
              props.onDock(e.key);
            }
          }}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <button
          ref={pillRef}
          type="button"
          class="pill"
          aria-expanded={expanded}
          {...(expanded ? { 'aria-controls': 'dnca-panel' } : {})}
          onClick={() => props.onToggle(!expanded)}
        >
          {summary}
        </button>
      </div>
      {expanded && (
        <div id="dnca-panel" class="panel" role="dialog" aria-modal="false" aria-label={`Coverage notes for ${payerName}`} ref={panelRef}>
          <div class="head">
            <div>
              <h2 tabIndex={-1}>
                {codes} · {payerName}
              </h2>
              <p class="muted">
                {notes.payer ? `Why: ${notes.payer.evidence}.` : 'No payer is named on this page.'}{' '}
                <label>
                  {notes.payer ? 'Not this payer? ' : 'Choose payer: '}
                  <select
                    aria-label="Choose the payer for this site"
                    value={notes.payer?.id ?? ''}
                    onChange={(e) => props.onChoosePayer((e.currentTarget as HTMLSelectElement).value || null)}
                  >
                    <option value="">Detect automatically</option>
                    {props.payers.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </label>
              </p>
            </div>
            <button type="button" class="close" aria-label="Close coverage notes" onClick={close}>
              ×
            </button>
          </div>
          <NotesView notes={notes} onJump={props.onJump} />
          <div class="actions">
            <button type="button" onClick={() => props.onDismiss('page')}>
              Hide on this page
            </button>
            <button type="button" onClick={() => props.onDismiss('site')}>
              Hide on this site
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
