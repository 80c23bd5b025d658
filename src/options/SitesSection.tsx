// Sites: add a portal by hostname (asking for its host permission at the
// click), remove it (and its permission), and turn built-in portals off.
import { useState } from 'preact/hooks';
import { matchPatternFor, normalizeSitePattern } from '../core/site-patterns';
import { updateSettings } from '../background/settings';
import browser from '../shared/browser';
import type { OptionsState } from './options-state';

function PayerSelect({ id, value, onChange, payers }: { id: string; value: string; onChange: (v: string) => void; payers: { id: string; name: string }[] }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      <option value="">Work it out from each page</option>
      {payers.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}

export function SitesSection({ state }: { state: OptionsState }) {
  const [input, setInput] = useState('');
  const [payer, setPayer] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const payers = state.rules.payers.map(({ id, name }) => ({ id, name }));
  const nameOf = (id?: string) => payers.find((p) => p.id === id)?.name ?? id;
  const added = state.sites.filter((s) => s.origin !== 'built-in');
  const builtIn = state.sites.filter((s) => s.origin === 'built-in');

  const add = (event: Event) => {
    event.preventDefault();
    const result = normalizeSitePattern(input);
    if (!result.ok) {
      setMessage({ text: result.message, error: true });
      return;
    }
    const { pattern } = result;
    if (added.some((s) => s.pattern === pattern)) {
      setMessage({ text: `${pattern} is already in the list.`, error: true });
      return;
    }
    // Asked right here, inside the click: the browser allows the request only from a user action.
    browser.permissions.request({ origins: [matchPatternFor(pattern)] }).then(
      async (granted) => {
        if (!granted) {
          setMessage({ text: `Access to ${pattern} was not granted, so it was not added.`, error: true });
          return;
        }
        await updateSettings((s) => ({ ...s, sites: [...s.sites.filter((x) => x.pattern !== pattern), { pattern, ...(payer ? { payer } : {}) }] }));
        setInput('');
        setMessage({ text: `Added ${pattern}. Pages you open there from now on are checked.`, error: false });
      },
      (e: unknown) => setMessage({ text: `Could not ask for access: ${String(e)}`, error: true }),
    );
  };

  const remove = async (pattern: string) => {
    await updateSettings((s) => ({ ...s, sites: s.sites.filter((x) => x.pattern !== pattern) }));
    // A site the organization also lists keeps its access.
    if (!state.managed.sites.some((m) => m.pattern === pattern)) await browser.permissions.remove({ origins: [matchPatternFor(pattern)] });
    setMessage({ text: `Removed ${pattern} and the access it had.`, error: false });
  };

  const allow = (pattern: string) => {
    void browser.permissions.request({ origins: [matchPatternFor(pattern)] });
  };

  const setPortal = (pattern: string, on: boolean) =>
    void updateSettings((s) => ({
      ...s,
      disabledPortals: on ? s.disabledPortals.filter((p) => p !== pattern) : [...new Set([...s.disabledPortals, pattern])],
    }));

  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">Sites</h2>
      <form onSubmit={add} class="row">
        <label for="site-input">Add a portal (hostname)</label>
        <input id="site-input" value={input} placeholder="portal.example.com or *.example.com" onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
        <label for="site-payer">Payer</label>
        <PayerSelect id="site-payer" value={payer} onChange={setPayer} payers={payers} />
        <button type="submit">Add site</button>
      </form>
      <p class="muted">The browser asks you to allow access to the site; nothing is added without it.</p>
      <p role="status" class={message?.error ? 'error' : undefined}>
        {message?.text ?? ''}
      </p>
      <h3>Added sites</h3>
      {added.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul aria-label="Added sites">
          {added.map((s) => (
            <li key={s.origin + s.pattern}>
              <strong>{s.pattern}</strong> · {s.payer ? `payer: ${nameOf(s.payer)}` : 'payer from each page'}
              {s.origin === 'organization' && <span class="status">Set by your organization</span>}{' '}
              {s.granted ? (
                <span class="muted">access allowed</span>
              ) : (
                <button type="button" onClick={() => allow(s.pattern)}>
                  Allow access to {s.pattern}
                </button>
              )}{' '}
              {s.origin === 'user' && (
                <button type="button" onClick={() => void remove(s.pattern)} aria-label={`Remove ${s.pattern}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Built-in portals ({builtIn.filter((s) => s.enabled).length} of {builtIn.length} on)</summary>
        <fieldset>
          <legend>Check pages on these portals</legend>
          {builtIn.map((s) => (
            <div key={s.pattern}>
              <input type="checkbox" id={`portal-${s.pattern}`} checked={s.enabled} onChange={(e) => setPortal(s.pattern, (e.target as HTMLInputElement).checked)} />
              <label for={`portal-${s.pattern}`}>
                {s.name} <span class="muted">{s.pattern}</span>
              </label>
            </div>
          ))}
        </fieldset>
      </details>
    </section>
  );
}
