// Options: sites, the practice's own rules, settings and what the rules rest
// on; the organization's policy shown where it applies.
import { AboutSection } from './AboutSection';
import { LookupSection } from './LookupSection';
import { Notices } from './Notices';
import { useOptionsState } from './options-state';
import { RulesSection } from './RulesSection';
import { SettingsSection } from './SettingsSection';
import { SitesSection } from './SitesSection';

export function App({ lookup, today }: { lookup: string; today: string }) {
  const { state, error } = useOptionsState();
  return (
    <main>
      <h1>Dry Needling Coverage Assistant</h1>
      {error && <p role="alert">Options could not be loaded: {error}</p>}
      {!state && !error && <p role="status">Loading…</p>}
      {state && (
        <>
          <Notices state={state} />
          <nav aria-label="Sections">
            <a href="#lookup">Look up</a> · <a href="#sites-h">Sites</a> · <a href="#rules-h">Rules</a> · <a href="#settings-h">Settings</a> ·{' '}
            <a href="#about-h">About</a>
          </nav>
          <LookupSection state={state} initial={lookup} today={today} />
          <SitesSection state={state} />
          <RulesSection state={state} />
          <SettingsSection state={state} />
          <AboutSection state={state} today={today} />
        </>
      )}
    </main>
  );
}
