// Look up the notes for a code or payer: what the context menu's "Check dry
// needling coverage" opens with the selected text, and a field to type one.
import { useState } from 'preact/hooks';
import { lookupSelection } from '../core/lookup';
import { NotesView } from '../ui/NotesView';
import type { OptionsState } from './options-state';

export function LookupSection({ state, initial, today }: { state: OptionsState; initial: string; today: string }) {
  const [text, setText] = useState(initial);
  const result = text.trim() ? lookupSelection(text, state.rules, today) : null;
  const who = result?.payer ? result.payer.name : 'payer not named';
  return (
    <section id="lookup" aria-labelledby="lookup-h">
      <h2 id="lookup-h">Look up coverage</h2>
      <label for="lookup-input">Code or payer</label>{' '}
      <input id="lookup-input" value={text} placeholder="20561 Aetna" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      {result && !result.notes && <p role="status">No dry needling code (20560, 20561) or known payer in “{text.trim()}”.</p>}
      {result?.notes && (
        <div role="region" aria-label={`Coverage notes: ${result.codes.join(', ') || '20560, 20561'} · ${who}`}>
          <p class="summary">
            {result.codes.join(', ') || '20560, 20561'} · {who}
          </p>
          <NotesView notes={result.notes} />
        </div>
      )}
    </section>
  );
}
