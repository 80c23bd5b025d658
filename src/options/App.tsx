// Options: settings and the rules in force. Sites, imports and enterprise
// policy are built on this page.
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';

export function App() {
  const [version, setVersion] = useState('');
  useEffect(() => setVersion(browser.runtime.getManifest().version), []);
  return (
    <main>
      <h1>Dry Needling Coverage Assistant</h1>
      <p>Version {version}</p>
    </main>
  );
}
