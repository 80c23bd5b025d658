// The current tab's codes, payer and coverage notes, the payer picker for
// this site, and "Scan this page" for a page outside the listed portals.
import type { Notes } from '../core/engine';
import type { TabState } from '../core/messages';
import { NotesView } from '../ui/NotesView';

interface Props {
  state: TabState;
  notes: Notes;
  summary: string;
  payers: readonly { id: string; name: string }[];
  scanning: boolean;
  scanProblem: string;
  onScan: () => void;
  onChoosePayer: (payerId: string | null) => void;
}

export function CoverageSection({ state, notes, summary, payers, scanning, scanProblem, onScan, onChoosePayer }: Props) {
  const chosen = state.payer?.source === 'user' ? state.payer.id : '';
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title" class="summary">
        {state.codes.length > 0 ? summary : 'No 20560 or 20561 found on this page.'}
      </h2>
      <p>
        {state.payer ? (
          <>
            Payer: <strong>{state.payer.name}</strong> <span class="muted">({state.payer.evidence})</span>
          </>
        ) : (
          'Payer: not identified on this page.'
        )}
      </p>
      {state.frames > 0 && (
        <div class="field inline">
          <label for="payer-pick">Payer for this site</label>
          <select id="payer-pick" value={chosen} onChange={(e) => onChoosePayer(e.currentTarget.value || null)}>
            <option value="">Detect from the page</option>
            {payers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {state.frames === 0 && (
        <div class="scan">
          <p class="muted">This page is not one of the listed portals, so it has not been read.</p>
          <button type="button" class="primary" onClick={onScan} disabled={scanning}>
            {scanning ? 'Scanning…' : 'Scan this page'}
          </button>
          <p class="muted">Reads this page once, now, without access to any other site.</p>
          {scanProblem && (
            <p class="warn" role="alert">
              {scanProblem}
            </p>
          )}
        </div>
      )}
      {state.codes.length > 0 && <NotesView notes={notes} />}
    </section>
  );
}
