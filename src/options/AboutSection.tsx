// About: the version, and for every payer in force when its rules were last
// reviewed and what they rest on, with a warning once that is over a year ago.
import { ruleIsStale } from '../core/rule-age';
import browser from '../shared/browser';
import type { OptionsState } from './options-state';

export function AboutSection({ state, today }: { state: OptionsState; today: string }) {
  const version = browser.runtime.getManifest().version;
  const shippedIds = new Set(state.shipped.payers.map((p) => p.id));
  return (
    <section aria-labelledby="about-h">
      <h2 id="about-h">About</h2>
      <p>Dry Needling Coverage Assistant, version {version}.</p>
      <h3>Rules in force</h3>
      <ul aria-label="Payer rules">
        {[...state.rules.payers, state.rules.unknown].map((p) => {
          const stale = ruleIsStale(p.reviewed, today);
          const replaced = shippedIds.has(p.id) && state.shipped.payers.find((s) => s.id === p.id) !== p;
          return (
            <li key={p.id}>
              <strong>{p.name}</strong> — reviewed {p.reviewed}
              {!shippedIds.has(p.id) && p.id !== 'unknown' && <span class="status">custom</span>}
              {replaced && <span class="status">your or your organization's rules</span>}
              {stale && (
                <p class="warn" role="note">
                  ⚠ Reviewed more than a year ago: check {p.name}'s current policy before relying on these notes.
                </p>
              )}
              <details>
                <summary>Sources ({Object.keys(p.sources).length})</summary>
                <ul>
                  {Object.entries(p.sources).map(([id, s]) => (
                    <li key={id}>
                      <a href={s.url} target="_blank" rel="noreferrer noopener">
                        {s.title}
                      </a>{' '}
                      <span class="muted">
                        ({s.kind}, checked {s.checked})
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
