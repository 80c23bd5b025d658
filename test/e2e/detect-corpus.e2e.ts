// The labeled whole-page corpus again, in real Chromium instead of happy-dom:
// the same reading path (segments, checkVisibility, cell labels, row dates,
// Ranges) bundled into each page, served under its portal hostname by request
// interception (nothing leaves the machine). Both DOMs must give the answers
// the corpus expects, so happy-dom's gaps cannot hide a browser difference.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../../scripts/lib/chrome-path.mjs';
import { pages } from '../fixtures/corpus/pages';
import { payerKey } from '../fixtures/corpus/score';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const PAGES_DIR = join(here, '../fixtures/corpus/pages');

interface BrowserReading {
  codes: string[];
  rangeTexts: string[];
  codeNames: string[];
  diagnoses: string[];
  payer: string;
}

let browser: Browser;
let reader: string;

beforeAll(async () => {
  const bundled = await build({
    stdin: {
      contents: `
        import { readPage } from './test/fixtures/corpus/read-page';
        import { describeCode, payerKey } from './test/fixtures/corpus/score';
        import { payerDirectory } from './src/core/directory';
        import { bundledRules } from './src/rules/bundled';
        const directory = payerDirectory(bundledRules());
        globalThis.__dncaRead = () => {
          const r = readPage(document, directory);
          return { codes: r.codes.map(describeCode), codeNames: r.codes.map((c) => c.code), rangeTexts: r.rangeTexts, diagnoses: r.diagnoses, payer: payerKey(r.payer) };
        };
      `,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  reader = bundled.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: findChrome(), headless: true });
});

afterAll(async () => {
  await browser?.close();
});

describe('labeled whole-page corpus in real Chromium', () => {
  it.each(pages.map((p) => [p.file, p] as const))('%s', async (_file, page) => {
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      const url = `https://${page.hostname}/portal/page`;
      // Every request is answered here: the page itself, and nothing for anything else it asks for.
      await context.route('**/*', (route) =>
        route.request().url() === url
          ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(PAGES_DIR, page.file), 'utf8') })
          : route.fulfill({ status: 404, body: '' }),
      );
      await tab.goto(url);
      await tab.addScriptTag({ content: reader });
      const reading = await tab.evaluate(() => (globalThis as unknown as { __dncaRead: () => BrowserReading }).__dncaRead());
      const expectedPayer = payerKey(page.payer ? { id: page.payer, planType: page.planType } : null);
      expect({ codes: reading.codes, diagnoses: reading.diagnoses, payer: reading.payer }).toEqual({
        codes: page.codes,
        diagnoses: [...page.diagnoses].sort(),
        payer: expectedPayer,
      });
      expect(reading.rangeTexts).toEqual(reading.codeNames);
    } finally {
      await context.close();
    }
  });
});
