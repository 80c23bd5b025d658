// Settings: each switch writes the user's own value; one the organization
// locked shows its value, says who set it, and cannot be changed here.
import { useEffect, useState } from 'preact/hooks';
import type { LockableSetting } from '../core/effective-config';
import { updateSettings } from '../background/settings';
import browser from '../shared/browser';
import type { OptionsState } from './options-state';

const SWITCHES: { key: LockableSetting; label: string; hint: string }[] = [
  { key: 'overlayExpanded', label: 'Open the coverage notes expanded', hint: 'Off: the notes start as a small pill you can open.' },
  { key: 'highlights', label: 'Highlight 20560 and 20561 on the page', hint: 'The page itself is never changed.' },
  {
    key: 'keepAnswers',
    label: 'Keep call answers after the browser closes',
    hint: 'Off: answers typed in the call checklist stay in memory only and are gone when the browser closes.',
  },
];

function useShortcut(): string | null {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then((all) => setShortcut(all.find((c) => c.name === 'toggle-overlay')?.shortcut || ''));
  }, []);
  return shortcut;
}

function openShortcutSettings() {
  const commands = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> };
  // Firefox has its own call; Chrome's page opens from an extension like any tab.
  if (commands.openShortcutSettings) void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export function SettingsSection({ state }: { state: OptionsState }) {
  const shortcut = useShortcut();
  const set = (key: LockableSetting, value: boolean) => void updateSettings((s) => ({ ...s, [key]: value }));
  return (
    <section aria-labelledby="settings-h">
      <h2 id="settings-h">Settings</h2>
      {SWITCHES.map(({ key, label, hint }) => {
        const locked = state.managed.locked[key] !== undefined;
        return (
          <div key={key} class="switch">
            <input
              type="checkbox"
              id={`setting-${key}`}
              checked={state.effective[key]}
              disabled={locked}
              aria-describedby={`setting-${key}-hint`}
              onChange={(e) => set(key, (e.target as HTMLInputElement).checked)}
            />
            <label for={`setting-${key}`}>{label}</label>
            <p class="muted" id={`setting-${key}-hint`}>
              {locked ? 'Set by your organization. ' : ''}
              {hint}
            </p>
          </div>
        );
      })}
      <h3>Keyboard shortcut</h3>
      <p>
        Show or hide the coverage notes on the current page:{' '}
        {shortcut === null ? '…' : shortcut ? <kbd>{shortcut}</kbd> : <span>no shortcut set</span>}.{' '}
        <button type="button" class="link" onClick={openShortcutSettings}>
          Change it in the browser's shortcut settings
        </button>
      </p>
    </section>
  );
}
