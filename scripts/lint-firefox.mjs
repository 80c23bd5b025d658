// Lints dist/firefox with web-ext (offline), warnings counted as errors:
// the add-on store runs the same linter.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/firefox/manifest.json')) {
  console.error('dist/firefox is missing: run npm run build first.');
  process.exit(1);
}
let out;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output=json', '--warnings-as-errors'], { encoding: 'utf8' });
} catch (error) {
  out = error.stdout;
}
const report = JSON.parse(out.slice(out.indexOf('{')));
const problems = [...report.errors, ...report.warnings];
for (const p of problems) console.error(`${p._type ?? 'problem'}: ${p.code}: ${p.message} ${p.file ?? ''}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
process.exit(problems.length ? 1 : 0);
