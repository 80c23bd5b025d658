// scratch: where the content script's time goes on one size
import { CHROME_EXTENSION_DIR, launchWithExtension } from '../scripts/lib/launch-chromium.mjs';
import { startProfile } from '../scripts/lib/extension-trace.mjs';
import { claimHistoryPage } from './fixtures/claim-history.mjs';
const size = Number(process.argv[2] ?? 20000);
const browser = await launchWithExtension({});
const { context, extensionId } = browser;
const body = claimHistoryPage(size);
await context.addInitScript(`document.addEventListener('DOMContentLoaded', () => new MutationObserver((rs, o) => { for (const r of rs) for (const n of r.addedNodes) if (n.nodeName === 'DNCA-OVERLAY') { window.__shown = performance.now(); o.disconnect(); } }).observe(document.documentElement, { childList: true }));`);
await context.route((u) => u.pathname.startsWith('/bench/'), (r) => r.fulfill({ status: 200, contentType: 'text/html', body }));
const warm = await context.newPage(); await warm.goto('https://www.uhcprovider.com/bench/x.html'); await warm.waitForFunction(() => window.__shown, null, { timeout: 120000 }); await warm.close();
const page = await context.newPage();
let stop = await startProfile(context, page);
await page.goto('https://www.uhcprovider.com/bench/x.html');
await page.waitForFunction(() => window.__shown, null, { timeout: 120000 });
await new Promise((r) => setTimeout(r, 2000));
if (process.argv[3] === 'batch') {
  await stop();
  const { rowsHtml } = await import('./fixtures/claim-history.mjs');
  stop = await startProfile(context, page);
  await page.evaluate((html) => document.querySelector('#claims tbody').insertAdjacentHTML('beforeend', html), rowsHtml(size, 100));
  await new Promise((r) => setTimeout(r, 500));
}
const profile = await stop();
const prefix = `chrome-extension://${extensionId}/`;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const ours = (id) => { for (let x = id; x !== undefined; x = parent.get(x)) if (byId.get(x).callFrame.url.startsWith(prefix)) return true; return false; };
const self = new Map(); const total = new Map(); let all = 0;
profile.samples.forEach((id, i) => { const dt = profile.timeDeltas[i] / 1000; if (!ours(id)) return; all += dt;
  const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.slice(prefix.length)}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + dt);
  const seen = new Set(); for (let x = id; x !== undefined; x = parent.get(x)) { const m = byId.get(x); if (!m.callFrame.url.startsWith(prefix)) continue; const kk = `${m.callFrame.functionName || '(anon)'}:${m.callFrame.lineNumber}`; if (seen.has(kk)) continue; seen.add(kk); total.set(kk, (total.get(kk) ?? 0) + dt); } });
// longest unbroken stretch of our samples
{ let best = { ms: 0 }, cur = null;
  profile.samples.forEach((id, i) => { const dt = profile.timeDeltas[i] / 1000; if (ours(id)) { cur ??= { ms: 0, ids: [] }; cur.ms += dt; cur.ids.push(id); if (cur.ms > best.ms) best = cur; } else cur = null; });
  const f = new Map(); for (const id of best.ids ?? []) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; f.set(k, (f.get(k) ?? 0) + 1); }
  console.log('longest stretch ms', best.ms.toFixed(1), [...f].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k}×${v}`).join(' '));
  const stacks = new Map(); for (const id of best.ids ?? []) { const names = []; for (let x = id; x !== undefined; x = parent.get(x)) { const m = byId.get(x); if (m.callFrame.url.startsWith(prefix)) names.push(m.callFrame.functionName || '(anon)'); } const k = names.reverse().slice(0, 6).join('>'); stacks.set(k, (stacks.get(k) ?? 0) + 1); }
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log('   ', v, k);
}
console.log('extension ms', all.toFixed(1), 'shown at', await page.evaluate(() => window.__shown));
console.log('--- self'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(1).padStart(8), k);
console.log('--- total'); for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k);
await browser.close();
