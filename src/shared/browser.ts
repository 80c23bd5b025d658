// One import of the WebExtension API for every surface: Firefox's `browser`
// and Chrome's promise-returning `chrome` behind the same typed object.
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs } from 'webextension-polyfill';
