// Things the user must hear about once or act on: settings that were reset,
// portal access Firefox has not granted yet, a policy with unusable values.
import { useEffect, useState } from 'preact/hooks';
import { manifestOrigins } from '../background/first-run';
import { RECOVERED_KEY } from '../background/settings';
import browser from '../shared/browser';
import type { OptionsState } from './options-state';

export function Notices({ state }: { state: OptionsState }) {
  // Kept for this page's life, removed from storage so the next visit does not repeat it.
  const [recoveredAt] = useState(state.recoveredAt);
  useEffect(() => {
    if (recoveredAt) void browser.storage.local.remove(RECOVERED_KEY);
  }, [recoveredAt]);
  const grant = () => void browser.permissions.request({ origins: manifestOrigins() });
  return (
    <>
      {recoveredAt && (
        <p class="warn" role="alert">
          Your saved settings could not be read, so the defaults are in use (since {recoveredAt.slice(0, 16).replace('T', ' ')} UTC). Check
          them below.
        </p>
      )}
      {!state.portalsGranted && (
        <div class="warn" role="region" aria-label="First run">
          <p>This browser has not given the extension access to the payer portals yet, so it cannot check pages there.</p>
          <button type="button" onClick={grant}>
            Allow access to the built-in portals
          </button>
        </div>
      )}
      {state.managed.problems.length > 0 && (
        <div class="warn" role="note">
          <p>Some of your organization's settings could not be used:</p>
          <ul>
            {state.managed.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
