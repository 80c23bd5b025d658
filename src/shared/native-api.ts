// The extension API without webextension-polyfill, for the two surfaces that
// must start fast: the content script (on every portal page, 40 KB budget) and
// the popup (100 ms to open). Chrome's MV3 `chrome.*` and Firefox's
// `browser.*` both return promises for every call these two make, so the
// polyfill's 10 KB and its start-up wrapping buy them nothing. The background
// and options pages keep the polyfill (src/shared/browser.ts).
// Page globals named chrome/browser are invisible from a content script's isolated world.
type Api = typeof import('webextension-polyfill');

const g = globalThis as unknown as { browser?: Api; chrome?: Api };

export const ext: Api = (g.browser?.runtime ? g.browser : g.chrome) as Api;
