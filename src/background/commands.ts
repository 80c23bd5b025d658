// The keyboard command (manifest "commands"): show or hide the overlay on the
// current tab, through the same path as the popup's button.
import browser, { type Tabs } from '../shared/browser';
import { onPageMessage } from './page-handlers';

export const TOGGLE_COMMAND = 'toggle-overlay';

export async function onCommand(command: string, tab?: Tabs.Tab): Promise<void> {
  if (command !== TOGGLE_COMMAND) return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  await onPageMessage({ type: 'page:toggle-overlay', tabId });
}
