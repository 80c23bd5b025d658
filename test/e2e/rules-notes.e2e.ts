// The shipped rules through the real path: a portal page in real Chromium, the
// content script's findings, the background's engine, the notes it answers with.
// Warnings come from rules data, so each must arrive with sources the notes carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notes } from '../../src/core/engine';
import { ChromiumSession } from './support/chromium-session';

let s: ChromiumSession;

beforeAll(async () => {
  s = await ChromiumSession.start();
});

afterAll(async () => {
  await s?.close();
});

async function notesOf(host: string, path: string, codes: string[]) {
  const page = await s.open(host, path);
  await s.waitForTabState(page, (st) => st.codes.length === codes.length);
  const answer = await s.sendFromExtensionPage<{ notes: Notes; summary: string }>({ type: 'page:notes', tabId: await s.tabIdOf(page) });
  return { page, ...answer };
}

function expectSourced(notes: Notes): void {
  for (const w of notes.warnings.filter((x) => x.kind !== 'stale-rule')) {
    expect(w.sources?.length, w.text).toBeGreaterThan(0);
    for (const id of w.sources!) expect(notes.sources[id]?.url, `${w.kind}: ${id}`).toMatch(/^https?:\/\//);
  }
}

describe('coverage notes from the shipped rules in real Chromium', () => {
  it('a Medicare claim with both codes on one date, a non-low-back-pain diagnosis and GZ', async () => {
    const { page, notes, summary } = await notesOf('www.novitasphere.com', '/rules/claim-two-codes.html', ['20560', '20561']);
    expect(notes.payer?.id).toBe('medicare');
    expect(summary).toMatch(/^20560, 20561 · Medicare: covered only for chronic low back pain$/);
    const byKind = Object.fromEntries(notes.warnings.map((w) => [w.kind, w.text]));
    expect(byKind['same-date']).toMatch(/^20560 and 20561 are both billed for 2026-03-10\. A secondary source reports that CMS edits reject/);
    expect(byKind['medicare-diagnosis']).toMatch(/only for chronic low back pain, and M79\.18 is not a low back pain code: expect a denial/);
    expect(byKind.modifier).toMatch(/^20560-GZ: GZ means .*cannot be billed/);
    expect(notes.codes[0]!.criteria.find((c) => c.id === 'clbp-diagnosis')).toMatchObject({ result: 'missed' });
    expectSourced(notes);
    expect((await s.waitForOverlay(page))?.name).toMatch(/^Coverage notes: 20560, 20561 · Medicare/);
    await page.close();
  });

  it('Aetna Medicare Advantage named on Availity: Medicare rules, the MA note, the Medicare questions', async () => {
    const { page, notes, summary } = await notesOf('apps.availity.com', '/rules/ma-eligibility.html', ['20560']);
    expect(notes.payer).toMatchObject({ id: 'medicare', planType: 'medicare-advantage' });
    expect(summary).toContain('(Medicare Advantage): covered only for chronic low back pain');
    const planNote = notes.warnings.find((w) => w.kind === 'plan-type');
    expect(planNote?.text).toMatch(/must cover at least what Original Medicare covers/);
    expect(planNote?.sources).toContain('cfr-422-101');
    expect(notes.codes[0]!.criteria.find((c) => c.id === 'clbp-diagnosis')).toMatchObject({ result: 'met', because: 'M54.50 is a low back pain code' });
    expect(notes.checklist.map((q) => q.id)).toContain('medicare-credentials');
    expectSourced(notes);
    await page.close();
  });
});
