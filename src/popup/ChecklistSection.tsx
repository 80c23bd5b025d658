// The verification call: the payer's questions, progress, the call note to
// copy, and "New call" behind a confirmation.
import { useRef } from 'preact/hooks';
import { callNote } from '../core/call-note';
import { isAnswered, progress, type CallSession } from '../core/call-session';
import type { ChecklistQuestion } from '../core/rules-schema';
import { AnswerControl } from './AnswerControl';
import { CopyButton } from './CopyButton';

interface Props {
  questions: readonly ChecklistQuestion[];
  session: CallSession;
  payerName: string | null;
  persistent: boolean;
  onChange: (session: CallSession) => void;
  onNewCall: () => void;
}

export function ChecklistSection({ questions, session, payerName, persistent, onChange, onNewCall }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { answered, total } = progress(questions, session.answers);
  const setAnswer = (id: string, value: string) => onChange({ ...session, answers: { ...session.answers, [id]: value } });
  const note = () => callNote({ questions, answers: session.answers, notes: session.notes, payerName });
  return (
    <section aria-labelledby="checklist-title">
      <h2 id="checklist-title">Call checklist{payerName ? `: ${payerName}` : ''}</h2>
      <p class="progress">
        <progress max={total} value={answered} aria-hidden="true" />
        <span role="status">
          {answered} of {total} answered
        </span>
      </p>
      <ol class="questions">
        {questions.map((q) => (
          <li key={q.id} class={isAnswered(session.answers, q.id) ? 'answered' : undefined}>
            <AnswerControl question={q} value={session.answers[q.id] ?? ''} onChange={(v) => setAnswer(q.id, v)} />
          </li>
        ))}
      </ol>
      <div class="field">
        <label for="call-notes">Other notes</label>
        <textarea id="call-notes" rows={3} value={session.notes} onInput={(e) => onChange({ ...session, notes: e.currentTarget.value })} />
      </div>
      <div class="actions">
        <CopyButton id="copy-note" label="Copy call note" shortcut="Alt+C" text={note} />
        <button type="button" onClick={() => dialog.current?.showModal()}>
          New call…
        </button>
      </div>
      <p class="muted">
        Answers stay on this computer{persistent ? ' (kept in local storage, as set in options)' : ', in memory until the browser closes'}. Nothing is sent anywhere.
      </p>
      <dialog ref={dialog} aria-labelledby="new-call-title" aria-describedby="new-call-text">
        <h2 id="new-call-title">Start a new call?</h2>
        <p id="new-call-text">This clears every answer, the notes, the Medicare visit dates and the letter checklist.</p>
        <form method="dialog" class="actions">
          <button type="submit" value="cancel" autoFocus>
            Keep this call
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => {
              dialog.current?.close();
              onNewCall();
            }}
          >
            Clear and start a new call
          </button>
        </form>
      </dialog>
    </section>
  );
}
