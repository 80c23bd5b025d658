// The coverage notes as the overlay and the popup both show them: one
// component so the two surfaces can never tell a biller different things.
import { STATUS_LABEL, type CodeNote, type Notes } from '../core/engine';

function SourceList({ ids, notes }: { ids: readonly string[]; notes: Notes }) {
  return (
    <span class="muted">
      {' '}
      {ids.map((id, i) => {
        const s = notes.sources[id];
        if (!s) return null;
        return (
          <span key={id}>
            {i > 0 ? '; ' : '('}
            <a href={s.url} target="_blank" rel="noreferrer noopener" title={`${s.title}, checked ${s.checked}`}>
              {s.kind === 'secondary' ? 'secondary source' : s.kind === 'payer' ? 'payer policy' : s.kind === 'government' ? 'CMS' : 'association'}
            </a>
            {/* The review date in view, not only in a tooltip: a biller weighs a fact by how fresh it is. */}
            {`, checked ${s.checked}`}
            {i === ids.length - 1 ? ')' : ''}
          </span>
        );
      })}
    </span>
  );
}

function CodeSection({ note, notes, onJump }: { note: CodeNote; notes: Notes; onJump?: (code: string) => void }) {
  return (
    <section aria-label={`CPT ${note.code}`}>
      <h3>
        CPT {note.code}
        <span class="status">{STATUS_LABEL[note.status]}</span>
      </h3>
      <p>
        {note.headline.text}
        <SourceList ids={note.headline.sources} notes={notes} />
      </p>
      {note.criteria.length > 0 && (
        <>
          <p class="muted">Criteria</p>
          <ul>
            {note.criteria.map((c) => (
              <li key={c.id}>
                {c.result === 'met' ? <span class="met">✓ </span> : c.result === 'missed' ? <span class="missed">✗ </span> : '• '}
                {c.text}
                {c.because ? <span class="muted"> ({c.because})</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {note.details.length > 0 && (
        <details>
          <summary>Details</summary>
          <ul>
            {note.details.map((d, i) => (
              <li key={i}>
                {d.text}
                <SourceList ids={d.sources} notes={notes} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {note.verify.length > 0 && (
        <>
          <p class="muted">Verify on the call</p>
          <ul>
            {note.verify.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        </>
      )}
      {onJump && (
        <button type="button" class="link" onClick={() => onJump(note.code)}>
          Show {note.code} on the page
        </button>
      )}
    </section>
  );
}

export function NotesView({ notes, onJump }: { notes: Notes; onJump?: (code: string) => void }) {
  return (
    <div>
      {notes.warnings.map((w) => (
        <p class="warn" role="note" key={w.kind + w.text}>
          ⚠ {w.text}
          {w.sources && <SourceList ids={w.sources} notes={notes} />}
        </p>
      ))}
      {notes.codes.map((c) => (
        <CodeSection key={c.code} note={c} notes={notes} onJump={onJump} />
      ))}
      <p class="muted">Rules reviewed {notes.reviewed}. Always confirm the member's own plan.</p>
    </div>
  );
}
