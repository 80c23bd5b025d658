// How fast the detection finders read text, in real Chromium: the code,
// diagnosis and payer finders from src/core, bundled with esbuild and loaded
// into a blank page, timed there on a 5 MB generated portal text (claim lines,
// remittance rows, eligibility and X12 segments, full of ids, amounts, ZIP
// codes and dates, with a dry needling code on about one line in forty).
// Each finder runs on the whole text at once and, as the content script calls
// it, line by line (one call per text segment).
//   node bench/detect.bench.mjs [--mb 5] [--runs 11]
// Prints a table and writes bench/results/detect.json. Target: codes >= 100 MB/s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChrome } from '../scripts/lib/chrome-path.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TARGET_MB = arg('mb', 5);
const RUNS = arg('runs', 11);
const TARGETS = { codesMBps: 100 };

// Deterministic: the same text every run, so runs compare.
function generateText(bytes) {
  let seed = 12345;
  const rand = (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pad = (n, w) => String(n).padStart(w, '0');
  const date = () => `${pad(1 + rand(12), 2)}/${pad(1 + rand(28), 2)}/2025`;
  const money = () => `$${(rand(90000) / 100 + 10).toFixed(2)}`;
  const payers = ['Aetna', 'Cigna', 'UnitedHealthcare', 'Blue Cross Blue Shield of Texas', 'Medicare Part B', 'Aetna Better Health', 'Humana'];
  const cpts = ['97110', '97140', '97112', '97530', '97014', 'G0283', '97161'];
  const dxs = ['M54.50', 'M54.59', 'M79.18', 'M62.830', 'S39.012A', 'Z79.899', 'G89.29'];
  const lines = [
    () => `Line ${rand(9) + 1} | ${date()} | ${rand(40) === 0 ? `2056${rand(2)}-GP` : `${cpts[rand(cpts.length)]} GP`} | ${rand(3) + 1} | ${money()} | Paid`,
    () => `Claim # CLM${pad(rand(1e8), 8)}  Member ID: W${pad(rand(1e9), 9)}  Patient acct 2056${rand(2)}  Ref 2056${rand(10)}${rand(10)}  Billed ${money()}`,
    () => `Diagnosis: ${dxs[rand(dxs.length)]}, ${dxs[rand(dxs.length)]}  Dx pointer 1,2  A1C 6.${rand(10)}`,
    () => `Payer: ${payers[rand(payers.length)]}  Check/EFT # ${pad(rand(1e6), 6)}  Check date ${date()}`,
    () => `Remit to PO Box ${rand(9000) + 100}, Washington, DC 2056${rand(2)}-${pad(rand(1e4), 4)}  Phone 205-60${rand(10)}-${pad(rand(1e4), 4)}`,
    () => `SVC*HC:${rand(40) === 0 ? '20561' : cpts[rand(cpts.length)]}:GP*${rand(200)}*${rand(150)}**1~DTP*472*D8*2025${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}~CAS*CO*45*${rand(90)}~`,
    () => `Total charges $${rand(30)},${pad(rand(1000), 3)}.00  Allowed ${rand(20000)}.00  Adjustment 2056${rand(2)}.00  Status: Finalized`,
    () => `The plan reviewed this service on ${date()} and applied the fee schedule; see policy 0135 for physical medicine and rehabilitation services.`,
  ];
  const out = [];
  let size = 0;
  while (size < bytes) {
    const line = lines[rand(lines.length)]();
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n');
}

async function bundleFinders() {
  const result = await build({
    stdin: {
      contents: `
        export { findCodes } from './src/core/codes';
        export { findDiagnoses } from './src/core/diagnoses';
        export { identifyPayer, findPayerMentions } from './src/core/payer';
        import { payerDirectory } from './src/core/directory';
        import { bundledRules } from './src/rules/bundled';
        export const directory = payerDirectory(bundledRules());
      `,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'DNCA_DETECT',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

// Runs in the page: times each finder, whole text and line by line.
function timeFinders({ text, runs }) {
  const { findCodes, findDiagnoses, identifyPayer, directory } = globalThis.DNCA_DETECT;
  const lines = text.split('\n');
  const cases = {
    codes: () => findCodes(text).length,
    'codes, per line': () => lines.reduce((n, l) => n + findCodes(l).length, 0),
    diagnoses: () => findDiagnoses(text).length,
    'diagnoses, per line': () => lines.reduce((n, l) => n + findDiagnoses(l).length, 0),
    payer: () => (identifyPayer({ hostname: 'apps.availity.com', text }, directory) ? 1 : 0),
  };
  const results = [];
  for (const [name, run] of Object.entries(cases)) {
    run();
    run(); // warm up: compile the regexes and the optimising tiers
    const times = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      found = run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results.push({ name, found, medianMs: times[Math.floor(times.length / 2)], bestMs: times[0] });
  }
  return { chars: text.length, lines: lines.length, results };
}

const text = generateText(TARGET_MB * 1024 * 1024);
const bundle = await bundleFinders();
const browser = await chromium.launch({ executablePath: findChrome(), headless: true });
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ content: bundle });
  const measured = await page.evaluate(timeFinders, { text, runs: RUNS });
  const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  const rows = measured.results.map((r) => ({
    finder: r.name,
    'MB/s (median)': Math.round((mb / (r.medianMs / 1000)) * 10) / 10,
    'median ms': Math.round(r.medianMs * 10) / 10,
    'best ms': Math.round(r.bestMs * 10) / 10,
    found: r.found,
  }));
  console.log(`Detection throughput in ${browser.version()} on ${mb.toFixed(2)} MB of generated portal text (${measured.lines} lines), median of ${RUNS} runs`);
  console.table(rows);
  const codes = rows.find((r) => r.finder === 'codes');
  const met = codes['MB/s (median)'] >= TARGETS.codesMBps;
  console.log(`codes: ${codes['MB/s (median)']} MB/s, target >= ${TARGETS.codesMBps} MB/s: ${met ? 'met' : 'NOT met'}`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, 'bench/results/detect.json'),
    `${JSON.stringify({ date: new Date().toISOString(), chromium: browser.version(), megabytes: Math.round(mb * 100) / 100, lines: measured.lines, runs: RUNS, targets: TARGETS, targetMet: met, results: rows }, null, 2)}\n`,
  );
  if (!met) process.exitCode = 1;
} finally {
  await browser.close();
}
