import { render } from 'preact';
import { App } from './App';
import { startInitialLoad } from './initial-load';

// With `dnca-popup-ready`, splits the open time into the browser's part and ours (bench/popup.bench.mjs).
performance.mark('dnca-popup-start');

/** How long the first frame may wait for the tab's state before it shows "Loading…" instead. */
const FIRST_FRAME_WAIT_MS = 80;

// Asked for before anything is drawn: if the answers come quickly, the first frame already shows them.
const initial = startInitialLoad();
void Promise.race([initial.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(resolve, FIRST_FRAME_WAIT_MS))]).then((loaded) => {
  if (loaded) performance.mark('dnca-popup-data');
  render(<App initial={initial} loaded={loaded} />, document.getElementById('app')!);
  if (loaded) performance.mark('dnca-popup-dom');
});
