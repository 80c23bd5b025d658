// The real toolbar popup for a tab (scripts/lib/toolbar-popup.mjs), with a
// text wait for the suites.
import type { Page } from 'playwright-core';
import { clickToolbarButton as click } from '../../../scripts/lib/toolbar-popup.mjs';
import type { ChromiumSession } from './chromium-session';

export interface ToolbarPopup {
  evaluate<T>(expression: string): Promise<T>;
  /** Polls until the popup's text matches, and returns it. */
  waitForText(pattern: RegExp, timeout?: number): Promise<string>;
  close(): Promise<void>;
}

export async function clickToolbarButton(s: ChromiumSession, page: Page): Promise<ToolbarPopup> {
  const popup = await click(s.context, s.extensionId, page);
  return {
    evaluate: (expression) => popup.evaluate(expression),
    async waitForText(pattern, timeout) {
      const test = `new RegExp(${JSON.stringify(pattern.source)}, ${JSON.stringify(pattern.flags)}).test(document.body.innerText) && document.body.innerText`;
      try {
        return (await popup.waitFor(test, timeout)) as string;
      } catch {
        throw new Error(`toolbar popup never showed ${pattern}; last: ${await popup.evaluate('document.body.innerText')}`);
      }
    },
    close: () => popup.close(),
  };
}
