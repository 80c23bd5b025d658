// Lints dist/firefox with web-ext (offline), warnings counted as errors:
// the add-on store runs the same linter.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const source = join(resolve(process.env.DNCA_DIST_DIR ?? 'dist'), 'firefox');

if (!existsSync(join(source, 'manifest.json'))) {
  console.error(`${source} is missing: run npm run build first.`);
  process.exit(1);
}
let out;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', source, '--output=json', '--warnings-as-errors'], { encoding: 'utf8' });
} catch (error) {
  out = error.stdout;
}
const report = JSON.parse(out.slice(out.indexOf('{')));
const problems = [...report.errors, ...report.warnings];
for (const p of problems) console.error(`${p._type ?? 'problem'}: ${p.code}: ${p.message} ${p.file ?? ''}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
process.exit(problems.length ? 1 : 0);
