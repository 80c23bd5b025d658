// "Check dry needling coverage" on selected text: opens the options page's
// lookup with the selection, which shows the notes for the code or payer in it.
import type { Menus } from 'webextension-polyfill';
import browser from '../shared/browser';

export const MENU_ID = 'dnca-check-coverage';

export function installContextMenu(): void {
  // removeAll first: onInstalled runs again on update and create would fail on a duplicate id.
  void browser.contextMenus
    .removeAll()
    .then(() => browser.contextMenus.create({ id: MENU_ID, title: 'Check dry needling coverage', contexts: ['selection'] }))
    .catch((error: unknown) => console.warn('context menu not created', error));
}

export function lookupUrl(selection: string): string {
  const text = selection.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `${browser.runtime.getURL('options.html')}?lookup=${encodeURIComponent(text)}#lookup`;
}

export async function onMenuClick(info: Pick<Menus.OnClickData, 'menuItemId' | 'selectionText'>): Promise<void> {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  await browser.tabs.create({ url: lookupUrl(info.selectionText) });
}
