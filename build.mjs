// Builds dist/chrome and dist/firefox from one manifest source, after checking
// every file in rules/ against the zod schema in src/core. Flags:
//   --watch   rebuild on change (development)
//   --dev     unminified, with source maps
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noHtmlSinks } from './scripts/esbuild-no-html.mjs';
import { writeZip } from './scripts/zip.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const watchMode = args.has('--watch');
const dev = args.has('--dev') || watchMode;
// DNCA_DIST_DIR lets parallel work (or CI) build somewhere other than dist/.
const dist = resolve(root, process.env.DNCA_DIST_DIR ?? 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Loads the TypeScript rule schema (and helpers) for use in this script. */
async function loadCore() {
  const out = join(root, 'node_modules', '.cache', 'dnca-build', 'core.mjs');
  await esbuild.build({
    stdin: {
      contents: `export * from './src/core/rules-schema'; export * from './src/core/directory'; export * from './src/core/rule-files';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: out,
    logLevel: 'silent',
  });
  return import(`${out}?t=${Date.now()}`);
}

/** Every rules/*.json checked; on any problem, file, field and message, and no build. */
export async function validateRules(core, rulesDir = join(root, 'rules')) {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.json')).sort();
  const contents = {};
  const problems = [];
  for (const file of files) {
    let data;
    try {
      data = JSON.parse(readFileSync(join(rulesDir, file), 'utf8'));
    } catch (e) {
      problems.push(`rules/${file}: (file): not valid JSON: ${e.message}`);
      continue;
    }
    const result = core.schemaForRuleFile(file).safeParse(data);
    if (!result.success) for (const line of core.formatIssues(result.error)) problems.push(`rules/${file}: ${line}`);
    else contents[file] = result.data;
  }
  if (problems.length === 0) problems.push(...core.ruleSetProblems(contents));
  return { problems, contents };
}

function bundleEntries(outdir) {
  return {
    entryPoints: {
      background: join(root, 'src/background/index.ts'),
      content: join(root, 'src/content/index.ts'),
      overlay: join(root, 'src/content/overlay/index.ts'),
      popup: join(root, 'src/popup/index.tsx'),
      options: join(root, 'src/options/index.tsx'),
    },
    outdir,
    bundle: true,
    format: 'iife',
    target: ['chrome121', 'firefox128'],
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    // The dashes, currency signs and × the readers match, as themselves rather than \u escapes (every script is UTF-8).
    charset: 'utf8',
    plugins: [noHtmlSinks],
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
  };
}

function manifestFor(browser, core, ruleSet, { withKey }) {
  const base = JSON.parse(readFileSync(join(root, 'extension/manifest.base.json'), 'utf8'));
  const keys = JSON.parse(readFileSync(join(root, 'extension/key.json'), 'utf8'));
  const matches = core.contentMatchPatterns(ruleSet);
  const manifest = { ...base, version: pkg.version };
  manifest.host_permissions = matches;
  manifest.content_scripts = base.content_scripts.map((cs) => ({ ...cs, matches }));
  if (browser === 'chrome') {
    manifest.background = { service_worker: 'background.js' };
    if (withKey) manifest.key = keys.key;
  } else {
    manifest.background = { scripts: ['background.js'] };
    manifest.browser_specific_settings = {
      gecko: { id: keys.geckoId, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    };
    delete manifest.minimum_chrome_version;
  }
  return manifest;
}

async function buildOnce() {
  const started = Date.now();
  const core = await loadCore();
  const { problems, contents } = await validateRules(core);
  if (problems.length) {
    console.error(`Rules are invalid; nothing was built:\n  ${problems.join('\n  ')}`);
    return false;
  }
  const ruleSet = core.ruleSetFromFiles(contents);
  rmSync(dist, { recursive: true, force: true });
  for (const browser of ['chrome', 'firefox']) {
    const out = join(dist, browser);
    mkdirSync(out, { recursive: true });
    await esbuild.build(bundleEntries(out));
    for (const name of ['popup.html', 'options.html', 'pages.css', 'managed-schema.json']) cpSync(join(root, 'extension', name), join(out, name));
    cpSync(join(root, 'extension/icons'), join(out, 'icons'), { recursive: true });
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(browser, core, ruleSet, { withKey: true }), null, 2)}\n`);
    // Store uploads carry no key: the stores assign the id.
    const storeManifest = JSON.stringify(manifestFor(browser, core, ruleSet, { withKey: false }), null, 2);
    writeZip(join(dist, `dry-needling-coverage-${browser}-${pkg.version}.zip`), out, { 'manifest.json': storeManifest });
  }
  const shown = relative(root, dist) || dist;
  console.log(`Built ${shown}/chrome and ${shown}/firefox in ${Date.now() - started} ms (${dev ? 'development' : 'minified'}).`);
  return true;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const ok = await buildOnce();
  if (!watchMode) process.exit(ok ? 0 : 1);
  console.log('Watching src/, rules/ and extension/ for changes…');
  let pending;
  for (const dir of ['src', 'rules', 'extension']) {
    if (!existsSync(join(root, dir))) continue;
    watch(join(root, dir), { recursive: true }, () => {
      clearTimeout(pending);
      pending = setTimeout(() => void buildOnce(), 150);
    });
  }
}
