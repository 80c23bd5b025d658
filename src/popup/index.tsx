import { render } from 'preact';
import { App } from './App';

// With `dnca-popup-ready`, splits the open time into the browser's part and ours (bench/popup.bench.mjs).
performance.mark('dnca-popup-start');
render(<App />, document.getElementById('app')!);
