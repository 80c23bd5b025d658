// A button that copies text and says so in a live region, for the call note
// and the appeal letter outline.
import { useState } from 'preact/hooks';
import { copyText } from './clipboard';

export function CopyButton({ label, text, shortcut, id }: { label: string; text: () => string; shortcut?: string; id?: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await copyText(text());
      setStatus('Copied to the clipboard.');
    } catch (e) {
      setStatus(`Could not copy: ${String(e)}`);
    }
  };
  return (
    <span class="copy">
      <button type="button" id={id} class="primary" aria-keyshortcuts={shortcut} onClick={() => void copy()}>
        {label}
        {shortcut ? <span class="key" aria-hidden="true"> {shortcut}</span> : null}
      </button>
      <span class="muted" role="status">
        {status}
      </span>
    </span>
  );
}
