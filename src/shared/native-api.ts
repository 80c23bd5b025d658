// The content script's handle on the extension API. Chrome's MV3 `chrome.*`
// and Firefox's `browser.*` both return promises for the few calls used here,
// so the content script skips webextension-polyfill (10 KB of its 40 KB budget).
// Page globals named chrome/browser are invisible from this isolated world.
type Api = typeof import('webextension-polyfill');

const g = globalThis as unknown as { browser?: Api; chrome?: Api };

export const ext: Api = (g.browser?.runtime ? g.browser : g.chrome) as Api;
