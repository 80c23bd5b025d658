// Rules: import a rules file (checked with the shipped rules' schema; every
// problem listed, nothing applied), preview what it changes, apply, restore
// the previous version, export the rules in force.
import { useState } from 'preact/hooks';
import { describeChanges, exportRules, mergeRules, parseRulesFile, type PayerChange } from '../core/rule-merge';
import type { PayerRule } from '../core/rules-schema';
import { applyUserRules, restorePreviousUserRules } from '../background/user-rules';
import type { OptionsState } from './options-state';

type Check = { kind: 'problems'; file: string; problems: string[] } | { kind: 'preview'; file: string; payers: PayerRule[]; changes: PayerChange[] };

function managedPayers(state: OptionsState): PayerRule[] {
  if (!state.managed.rules) return [];
  const parsed = parseRulesFile(state.managed.rules);
  return parsed.ok ? parsed.payers : [];
}

function ChangeList({ changes, lockedIds }: { changes: PayerChange[]; lockedIds: Set<string> }) {
  if (changes.length === 0) return <p>This file changes nothing in the rules in force.</p>;
  return (
    <ul aria-label="What this file changes">
      {changes.map((c) => (
        <li key={c.id}>
          <strong>
            {c.kind === 'added' ? 'Adds' : c.kind === 'removed' ? 'Removes' : 'Changes'} {c.name} ({c.id})
          </strong>
          {lockedIds.has(c.id) && <span class="muted"> (your organization's rules for this payer still apply over yours)</span>}
          {c.details.length > 0 && (
            <ul>
              {c.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

export function RulesSection({ state }: { state: OptionsState }) {
  const [check, setCheck] = useState<Check | null>(null);
  const [status, setStatus] = useState('');
  const orgPayers = managedPayers(state);
  const lockedIds = new Set(orgPayers.map((p) => p.id));
  const { current, previous } = state.userRules;

  const onFile = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setStatus('');
    const parsed = parseRulesFile(await file.text());
    if (!parsed.ok) {
      setCheck({ kind: 'problems', file: file.name, problems: parsed.problems });
      return;
    }
    // The file's payers go over the user's earlier ones; the organization's stay on top.
    const userNext = mergeRules({ ...state.shipped, payers: current }, parsed.payers).payers;
    const after = mergeRules(state.shipped, userNext, orgPayers);
    setCheck({ kind: 'preview', file: file.name, payers: userNext, changes: describeChanges(state.rules, after) });
  };

  const apply = async () => {
    if (check?.kind !== 'preview') return;
    await applyUserRules(check.payers);
    setCheck(null);
    setStatus(`Applied the rules from ${check.file}. Open pages get the new notes now.`);
  };

  const restore = async () => {
    await restorePreviousUserRules();
    setCheck(null);
    setStatus('Restored the rules from before the last change.');
  };

  const clear = async () => {
    await applyUserRules([]);
    setStatus('Your rules were removed; the shipped rules apply. "Restore previous rules" brings them back.');
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([exportRules(state.rules)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'dry-needling-coverage-rules.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section aria-labelledby="rules-h">
      <h2 id="rules-h">Rules</h2>
      <p>
        A rules file holds payer rules in the same format as the shipped ones: a payer with a new id adds a custom payer, a payer with a
        shipped id (such as <code>uhc</code>) replaces that payer's notes. Export the rules, edit them, and import the file back.
      </p>
      <p>
        Your rules: {current.length === 0 ? 'none (the shipped rules apply)' : current.map((p) => `${p.name} (${p.id})`).join(', ')}
        {state.userRules.importedAt && <span class="muted"> · changed {state.userRules.importedAt.slice(0, 16).replace('T', ' ')} UTC</span>}
      </p>
      {orgPayers.length > 0 && <p>Your organization's rules: {orgPayers.map((p) => `${p.name} (${p.id})`).join(', ')}</p>}
      {state.managedRuleProblems.length > 0 && (
        <div class="warn" role="alert">
          <p>Your organization's rules could not be used:</p>
          <ul>
            {state.managedRuleProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="row">
        <label for="rules-file">Import a rules file (.json)</label>
        <input id="rules-file" type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      </div>
      {check?.kind === 'problems' && (
        <div class="error-box" role="alert">
          <p>
            {check.file} was not imported: {check.problems.length} problem{check.problems.length > 1 ? 's' : ''}. Nothing was changed.
          </p>
          <ul aria-label="Problems in the rules file">
            {check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {check?.kind === 'preview' && (
        <div class="preview" role="region" aria-label="Import preview">
          <p>{check.file} is valid. Applying it:</p>
          <ChangeList changes={check.changes} lockedIds={lockedIds} />
          <button type="button" onClick={() => void apply()}>
            Apply these rules
          </button>{' '}
          <button type="button" onClick={() => setCheck(null)}>
            Cancel
          </button>
        </div>
      )}
      <div class="row">
        <button type="button" onClick={() => void restore()} disabled={previous === null}>
          Restore previous rules
        </button>
        <button type="button" onClick={() => void clear()} disabled={current.length === 0}>
          Remove my rules
        </button>
        <button type="button" onClick={download}>
          Export the rules in force
        </button>
      </div>
      <p role="status">{status}</p>
    </section>
  );
}
