// The engine over the shipped rules: what a biller is told for a page's codes,
// diagnoses, dates, payer and plan type. Tables with the edges that matter.
import { describe, expect, it } from 'vitest';
import { evaluate, summaryLine, type CodeFinding, type EngineInput, type Notes } from '../../src/core/engine';
import type { PayerMatch } from '../../src/core/payer';
import { countVisits, limitsFromProgram } from '../../src/core/visits';
import { PayerRuleSchema, type PlanType } from '../../src/core/rules-schema';
import { bundledRules } from '../../src/rules/bundled';

const rules = bundledRules();
const TODAY = '2026-11-27';

function payer(id: string, planType?: PlanType): PayerMatch {
  return { id, name: id === 'medicare' ? 'Medicare' : id.toUpperCase(), evidence: 'test', source: 'label', ...(planType ? { planType } : {}) };
}

function run(partial: Partial<EngineInput>): Notes {
  return evaluate({ codes: [{ code: '20560' }], diagnoses: [], payer: null, today: TODAY, ...partial }, rules);
}

const criterion = (notes: Notes, id: string, code = 0) => notes.codes[code]!.criteria.find((c) => c.id === id)!;
const kinds = (notes: Notes) => notes.warnings.map((w) => w.kind);
const line = (code: '20560' | '20561', dateOfService?: string, modifiers?: string[]): CodeFinding => ({
  code,
  ...(dateOfService ? { dateOfService } : {}),
  ...(modifiers ? { modifiers } : {}),
});

describe('Medicare low back pain diagnosis, with M54.5 valid only before October 1, 2021', () => {
  it.each<[string, string[], string | undefined, 'met' | 'missed', RegExp, boolean]>([
    ['M54.50', ['M54.50'], undefined, 'met', /^M54\.50 is a low back pain code$/, false],
    ['M54.51 and M54.59', ['M54.51', 'M54.59'], '2024-03-01', 'met', /^M54\.51, M54\.59 are a low back pain code$/, false],
    ['undotted M5459 normalised elsewhere still matches', ['M5459'], undefined, 'met', /M5459 is a low back pain code/, false],
    ['no diagnosis on the page', [], undefined, 'missed', /no diagnosis code on this page/, false],
    ['a neck pain code', ['M54.2'], '2024-03-01', 'missed', /^M54\.2 is not a low back pain code$/, true],
    ['a prefix of a low back pain code is not one', ['M54'], undefined, 'missed', /M54 is not a low back pain code/, true],
    ['M54.5 on its last valid day', ['M54.5'], '2021-09-30', 'met', /^M54\.5 is a low back pain code$/, false],
    ['M54.5 the day it was deleted', ['M54.5'], '2021-10-01', 'missed', /M54\.5 is valid only for dates of service up to 2021-09-30, not 2021-10-01/, true],
    ['M54.5 with no date of service shown', ['M54.5'], undefined, 'met', /M54\.5 counts only for dates of service up to 2021-09-30/, false],
    ['M54.5 and M54.50 after the change: the new code carries it', ['M54.5', 'M54.50'], '2022-01-04', 'met', /^M54\.50 is a low back pain code$/, false],
  ])('%s', (_name, diagnoses, dateOfService, result, because, warns) => {
    const notes = run({ payer: payer('medicare'), diagnoses, codes: [line('20560', dateOfService)] });
    expect(criterion(notes, 'clbp-diagnosis')).toMatchObject({ result });
    expect(criterion(notes, 'clbp-diagnosis').because).toMatch(because);
    expect(kinds(notes).includes('medicare-diagnosis')).toBe(warns);
  });

  it('words the warning from medicare.json with the reason from the page and its sources', () => {
    const notes = run({ payer: payer('medicare'), diagnoses: ['M79.1'] });
    const warning = notes.warnings.find((w) => w.kind === 'medicare-diagnosis')!;
    expect(warning.text).toBe(
      rules.payers.find((p) => p.id === 'medicare')!.warnings.diagnosis!.text.replace('{because}', 'M79.1 is not a low back pain code'),
    );
    expect(warning.sources).toEqual(['ncd-30-3-3', 'wps-abn-modifiers']);
  });

  it('checks each code against its own dates of service', () => {
    const notes = run({ payer: payer('medicare'), diagnoses: ['M54.5'], codes: [line('20560', '2021-09-01'), line('20561', '2021-11-01')] });
    expect(notes.codes.map((c) => criterion(notes, 'clbp-diagnosis', notes.codes.indexOf(c)).result)).toEqual(['met', 'missed']);
  });

  it('other payers have no diagnosis criterion and no Medicare warning', () => {
    const notes = run({ payer: payer('aetna'), diagnoses: ['M79.1'] });
    expect(notes.codes[0]!.criteria).toEqual([]);
    expect(kinds(notes)).not.toContain('medicare-diagnosis');
  });
});

describe('Medicare visit limits: the visit tracker classifies, the criterion says what it means', () => {
  const limits = limitsFromProgram(rules.payers.find((p) => p.id === 'medicare')!.program!);
  /** `n` visits a day apart from `start`. */
  const daily = (start: string, n: number) =>
    Array.from({ length: n }, (_, i) => new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

  it.each<[string, string[], string | null, 'met' | 'missed' | 'not-checked', RegExp]>([
    ['no visit dates known', [], null, 'not-checked', /^the visits used so far are not known$/],
    ['visit 12', daily('2025-01-02', 11), '2025-01-20', 'met', /^visit 12 is within the first 12 in 90 days$/],
    ['visit 13', daily('2025-01-02', 12), '2025-01-20', 'not-checked', /^visit 13 is one of the 8 additional visits: it needs documented improvement; KX where the plan asks for it$/],
    ['visit 20', daily('2025-01-02', 19), '2025-02-01', 'not-checked', /^visit 20 is one of the 8 additional/],
    ['visit 21', daily('2025-01-02', 20), '2025-02-01', 'missed', /^visit 21 is past the limits: 12 in 90 days, 8 more, no more than 20 a year$/],
    ['day 90 of the window', ['2025-01-01'], '2025-03-31', 'met', /^visit 2 is within the first 12 in 90 days$/],
    ['day 91 of the window', ['2025-01-01'], '2025-04-01', 'not-checked', /^visit 2 is one of the 8 additional visits: it needs documented improvement$/],
    ['a new year after 20 visits', daily('2025-06-01', 20), '2026-01-05', 'met', /^visit 1 is within the first 12/],
  ])('%s', (_name, dates, on, result, because) => {
    const nextVisit = on ? countVisits(dates, on, limits).next : undefined;
    const notes = run({ payer: payer('medicare'), ...(nextVisit ? { nextVisit } : {}) });
    expect(criterion(notes, 'visit-limits')).toMatchObject({ result });
    expect(criterion(notes, 'visit-limits').because).toMatch(because);
  });
});

describe('Medicare providers', () => {
  it.each<[string | undefined, 'met' | 'missed' | 'not-checked', RegExp]>([
    [undefined, 'not-checked', /credentials are not shown/],
    ['physician', 'met', /^the provider is a physician \(furnishes acupuncture in accordance with applicable state requirements\)$/],
    ['auxiliary', 'met', /ACAOM-accredited school; a current, full, active and unrestricted licence.*; supervised by a physician/],
    ['physical-therapist', 'missed', /a physical therapist is not among the providers who may furnish it/],
    ['chiropractor', 'not-checked', /credentials are not shown/],
  ])('%s', (provider, result, because) => {
    const notes = run({ payer: payer('medicare'), ...(provider ? { provider } : {}) });
    expect(criterion(notes, 'provider-credentials')).toMatchObject({ result });
    expect(criterion(notes, 'provider-credentials').because).toMatch(because);
  });

  it('leaves criteria without a machine check as not checked', () => {
    const notes = run({ payer: payer('medicare'), diagnoses: ['M54.50'] });
    expect(criterion(notes, 'clbp-duration')).toMatchObject({ result: 'not-checked' });
    expect(criterion(notes, 'clbp-duration').because).toBeUndefined();
  });
});

describe('20560 and 20561 on the same date of service', () => {
  it.each<[string, string, CodeFinding[], string | null]>([
    ['both on one date', 'aetna', [line('20560', '2025-01-15'), line('20561', '2025-01-15')], '2025-01-15'],
    ['both on two dates', 'cigna', [line('20560', '2025-01-15'), line('20561', '2025-01-15'), line('20560', '2025-01-22'), line('20561', '2025-01-22')], '2025-01-15, 2025-01-22'],
    ['on different dates', 'aetna', [line('20560', '2025-01-15'), line('20561', '2025-01-16')], null],
    ['the same code twice on one date', 'aetna', [line('20560', '2025-01-15'), line('20560', '2025-01-15')], null],
    ['no dates shown', 'aetna', [line('20560'), line('20561')], null],
    ['one date missing', 'aetna', [line('20560', '2025-01-15'), line('20561')], null],
  ])('%s', (_name, id, codes, dates) => {
    const notes = run({ payer: payer(id), codes });
    const warning = notes.warnings.find((w) => w.kind === 'same-date');
    if (dates === null) expect(warning).toBeUndefined();
    else expect(warning?.text).toContain(`billed for ${dates}.`);
  });

  it('Medicare words it with the CMS edit; other payers use the general rule and carry its sources', () => {
    const codes = [line('20560', '2025-01-15'), line('20561', '2025-01-15')];
    const medicare = run({ payer: payer('medicare'), codes }).warnings.find((w) => w.kind === 'same-date')!;
    expect(medicare.text).toMatch(/CMS edits reject 20561 with 20560/);
    const aetnaNotes = run({ payer: payer('aetna'), codes });
    const aetna = aetnaNotes.warnings.find((w) => w.kind === 'same-date')!;
    expect(aetna.text).toBe(rules.unknown.warnings.sameDate!.text.replace('{date}', '2025-01-15'));
    for (const id of aetna.sources!) expect(aetnaNotes.sources[id], id).toBeDefined();
    expect(aetnaNotes.sources['cpt-descriptors-inference']!.confidence).toBe('inferred');
  });
});

describe('plan type', () => {
  it.each<[string, PayerMatch, string, boolean]>([
    ['Medicare Advantage named on a Medicare page', payer('medicare', 'medicare-advantage'), 'medicare', true],
    ['an Aetna Medicare Advantage plan follows Medicare', payer('aetna', 'medicare-advantage'), 'medicare', true],
    ['Original Medicare', payer('medicare', 'traditional'), 'medicare', false],
    ['UnitedHealthcare Community Plan is Medicaid managed care', payer('uhc', 'medicaid-managed-care'), 'medicaid', true],
    ['a commercial Aetna plan', payer('aetna', 'commercial'), 'aetna', false],
  ])('%s', (_name, match, ruleId, note) => {
    const notes = run({ payer: match });
    expect(notes.payer).toMatchObject({ id: ruleId, name: match.name, planType: match.planType });
    expect(notes.codes[0]!.status).toBe(rules.payers.find((p) => p.id === ruleId)!.coverage['20560'].status);
    const planNote = notes.warnings.find((w) => w.kind === 'plan-type');
    expect(planNote !== undefined).toBe(note);
    for (const id of planNote?.sources ?? []) expect(notes.sources[id], id).toBeDefined();
  });

  it('the Medicare Advantage note says the plan must cover at least what Medicare covers, citing 42 CFR 422.101', () => {
    const planNote = run({ payer: payer('aetna', 'medicare-advantage') }).warnings.find((w) => w.kind === 'plan-type')!;
    expect(planNote.text).toMatch(/must cover at least what Original Medicare covers/);
    expect(planNote.sources).toContain('cfr-422-101');
  });

  it("brings the effective payer's checklist questions", () => {
    const ids = run({ payer: payer('aetna', 'medicare-advantage') }).checklist.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['medicare-credentials', 'medicare-visits-used', 'cpt-code']));
    expect(ids).not.toContain('aetna-plan-exception');
  });
});

describe('modifiers on Medicare lines', () => {
  it('explains a GZ, GA or KX the page shows, once per code and modifier', () => {
    const notes = run({ payer: payer('medicare'), codes: [line('20560', undefined, ['GZ']), line('20560', undefined, ['GZ', 'GP']), line('20561', undefined, ['KX'])] });
    const texts = notes.warnings.filter((w) => w.kind === 'modifier').map((w) => w.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^20560-GZ: GZ means .*no ABN is on file, so the patient cannot be billed/);
    expect(texts[1]).toMatch(/^20561-KX: KX means sessions 13 to 20/);
  });

  it('says nothing about modifiers for payers without a program', () => {
    expect(kinds(run({ payer: payer('aetna'), codes: [line('20560', undefined, ['GZ'])] }))).not.toContain('modifier');
  });
});

describe('stale rules (a product message, worded in code)', () => {
  it.each([
    ['2027-11-27', false],
    ['2027-11-28', true],
    ['2026-11-27', false],
  ])('reviewed 2026-11-27, today %s: stale %s', (today, stale) => {
    const notes = run({ payer: payer('cigna'), today });
    const warning = notes.warnings.find((w) => w.kind === 'stale-rule');
    expect(warning !== undefined).toBe(stale);
    if (warning) expect(warning.text).toMatch(/Cigna rules were last reviewed 2026-11-27, more than a year ago/);
  });
});

describe('payer unknown and checklists', () => {
  it('uses the unknown rule, no payer, and only the general questions', () => {
    const notes = run({ payer: null, codes: [line('20561'), line('20560')] });
    expect(notes.payer).toBeNull();
    expect(notes.codes.map((c) => [c.code, c.status])).toEqual([['20560', 'unknown'], ['20561', 'unknown']]);
    expect(notes.checklist.every((q) => q.payers.length === 0)).toBe(true);
    expect(summaryLine(notes)).toBe('20560, 20561 · Payer unknown: check the plan');
  });

  it.each([
    ['bcbs', 'bcbs-local-plan'],
    ['medicaid', 'medicaid-state-program'],
    ['medicare', 'medicare-credentials'],
    ['aetna', 'aetna-plan-exception'],
    ['cigna', 'cigna-policy'],
    ['uhc', 'uhc-rider'],
  ])('%s gets its own question %s and no other payer\'s', (id, own) => {
    const checklist = run({ payer: payer(id) }).checklist;
    expect(checklist.map((q) => q.id)).toContain(own);
    expect(checklist.every((q) => q.payers.length === 0 || q.payers.includes(id))).toBe(true);
  });

  it.each<[string, PayerMatch, string]>([
    ['a known payer', payer('bcbs', 'commercial'), '20560 · BCBS: varies by local plan'],
    ['a Medicare Advantage plan', payer('aetna', 'medicare-advantage'), '20560 · AETNA (Medicare Advantage): covered only for chronic low back pain'],
    ['a Medicaid managed-care plan', payer('uhc', 'medicaid-managed-care'), '20560 · UHC (Medicaid managed care): varies by state'],
    ['Original Medicare', payer('medicare', 'traditional'), '20560 · Medicare: covered only for chronic low back pain'],
  ])('summarises %s', (_name, match, line) => {
    expect(summaryLine(run({ payer: match }))).toBe(line);
  });
});

describe('every warning about coverage carries sources the notes can show', () => {
  const cases: Partial<EngineInput>[] = [
    { payer: payer('medicare', 'medicare-advantage'), diagnoses: ['M79.1'], codes: [line('20560', '2025-01-15', ['GA']), line('20561', '2025-01-15')] },
    { payer: payer('uhc', 'medicaid-managed-care'), codes: [line('20560', '2025-01-15'), line('20561', '2025-01-15')] },
    { payer: null, codes: [line('20560', '2025-01-15'), line('20561', '2025-01-15')] },
  ];
  it.each(cases)('case %#', (input) => {
    const notes = run(input);
    const coverageWarnings = notes.warnings.filter((w) => w.kind !== 'stale-rule');
    expect(coverageWarnings.length).toBeGreaterThan(0);
    for (const w of coverageWarnings) {
      expect(w.sources?.length, w.text).toBeGreaterThan(0);
      for (const id of w.sources!) expect(notes.sources[id], id).toBeDefined();
      expect(w.text).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('rules a user imports go through the same schema and engine', () => {
  it('a local payer with its own warning is parsed and used', () => {
    const seed = rules.unknown.sources.seed!;
    const local = PayerRuleSchema.parse({
      id: 'northside-health',
      name: 'Northside Health Plan',
      short: 'covered with prior auth',
      reviewed: '2026-10-01',
      coverage: {
        '20560': { status: 'covered-with-criteria', headline: { text: 'Covered with prior authorization.', sources: ['contract'] } },
        '20561': { sameAs: '20560' },
      },
      warnings: { sameDate: { text: 'Both codes on {date}: the contract pays one.', sources: ['contract'] } },
      sources: { contract: { ...seed, title: 'Provider contract 2026', url: 'https://example.org/contract', kind: 'payer', confidence: 'seen-verbatim' } },
    });
    const notes = evaluate(
      { codes: [line('20560', '2026-01-05'), line('20561', '2026-01-05')], diagnoses: [], payer: { id: 'northside-health', name: 'Northside Health Plan', evidence: 'test', source: 'user' }, today: TODAY },
      { ...rules, payers: [...rules.payers, local] },
    );
    expect(notes.codes.map((c) => c.status)).toEqual(['covered-with-criteria', 'covered-with-criteria']);
    expect(notes.warnings).toEqual([{ kind: 'same-date', text: 'Both codes on 2026-01-05: the contract pays one.', sources: ['contract'] }]);
  });
});
