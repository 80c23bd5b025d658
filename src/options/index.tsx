import { render } from 'preact';
import { App } from './App';

// ?lookup= carries the text selected for the context menu's "Check dry needling coverage".
const lookup = new URLSearchParams(location.search).get('lookup') ?? '';
render(<App lookup={lookup} today={new Date().toISOString().slice(0, 10)} />, document.getElementById('app')!);
