// Runs every bench/*.bench.mjs in turn, each in its own Node process, and fails
// if any fails. `node bench/run.mjs detect content` runs only the benches whose
// file names contain one of the words given.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((word) => f.includes(word)))
  .sort();

if (benches.length === 0) {
  console.error(`No bench file matches ${only.join(', ') || 'bench/*.bench.mjs'}.`);
  process.exit(1);
}

const failed = [];
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${file} (${run.signal ?? `exit ${run.status}`})`);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
