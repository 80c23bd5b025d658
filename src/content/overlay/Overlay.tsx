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

export interface OverlayProps {
  notes: Notes;
  summary: string;
  expanded: boolean;
  payers: readonly PayerChoice[];
  onToggle: (expanded: boolean) => void;
  onChoosePayer: (id: string | null) => void;
  onJump: (code: string) => void;
  onDismiss: (scope: 'page' | 'site') => void;
}

export function Overlay(props: OverlayProps) {
  const { notes, summary, expanded } = props;
  const panelRef = useRef<HTMLDivElement>(null);
  const pillRef = useRef<HTMLButtonElement>(null);
  const codes = notes.codes.map((c) => c.code).join(', ');
  const payerName = notes.payer?.name ?? 'payer unknown';

  useEffect(() => {
    if (expanded) panelRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [expanded]);

  const close = () => {
    props.onToggle(false);
    pillRef.current?.focus();
  };

  return (
    <div
      class="root"
      role="complementary"
      aria-label={`Coverage notes: ${codes} · ${payerName}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && expanded) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={pillRef}
        type="button"
        class="pill"
        aria-expanded={expanded}
        aria-controls="dnca-panel"
        onClick={() => props.onToggle(!expanded)}
      >
        {summary}
      </button>
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
