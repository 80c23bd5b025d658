// The checked facts (../shared/facts/payer-facts.md) the issue asks the shipped
// rules to carry, and the honesty of their sources. Reads bundledRules(), the
// rules the extension ships.
import { describe, expect, it } from 'vitest';
import { CoverageStatusSchema, DN_CODES, PayerRuleSchema, type PayerRule, type Statement } from '../../src/core/rules-schema';
import { bundledRules } from '../../src/rules/bundled';

const rules = bundledRules();
const all: PayerRule[] = [...rules.payers, rules.unknown];
const payer = (id: string) => rules.payers.find((p) => p.id === id)!;
const medicare = payer('medicare');
const program = medicare.program!;

function sayings(rule: PayerRule): Statement[] {
  return DN_CODES.flatMap((code) => {
    const cov = rule.coverage[code];
    return [cov.headline, ...cov.details, ...cov.criteria];
  });
}
const says = (rule: PayerRule, pattern: RegExp) => sayings(rule).find((s) => pattern.test(s.text));

describe('every payer file', () => {
  it.each(all.map((r) => [r.id, r] as const))('%s: both codes, a status from the closed set, every statement sourced', (_id, rule) => {
    for (const code of DN_CODES) {
      expect(CoverageStatusSchema.options).toContain(rule.coverage[code].status);
      expect(rule.coverage[code].headline.text.length).toBeGreaterThan(10);
    }
    for (const s of sayings(rule)) {
      expect(s.sources.length, s.text).toBeGreaterThan(0);
      for (const id of s.sources) expect(rule.sources[id], `${rule.id}: ${id}`).toBeDefined();
    }
    for (const source of Object.values(rule.sources)) {
      expect(source.url).toMatch(/^https?:\/\//);
      expect(source.checked <= '2026-11-27').toBe(true);
    }
  });

  it('the six product payers are there, plus the unknown payer', () => {
    expect(rules.payers.map((p) => p.id).sort()).toEqual(['aetna', 'bcbs', 'cigna', 'medicaid', 'medicare', 'uhc']);
    expect(rules.unknown.coverage['20560'].status).toBe('unknown');
  });

  it('20561 written as sameAs 20560 parses to the same notes, and nothing else is accepted', () => {
    expect(medicare.coverage['20561']).toEqual(medicare.coverage['20560']);
    const raw = { id: 'x-payer', name: 'X', short: 'x', reviewed: '2026-01-01', sources: { s: rules.unknown.sources.seed }, coverage: { '20560': { status: 'unknown', headline: { text: 'h', sources: ['s'] } } } };
    expect(PayerRuleSchema.safeParse({ ...raw, coverage: { ...raw.coverage, '20561': { sameAs: '20560' } } }).success).toBe(true);
    expect(PayerRuleSchema.safeParse({ ...raw, coverage: { ...raw.coverage, '20561': { sameAs: '20560', status: 'unknown' } } }).success).toBe(false);
  });

  it('warnings use only the placeholders the engine fills', () => {
    for (const rule of all) {
      const { sameDate, diagnosis, planTypes } = rule.warnings;
      if (sameDate) expect(sameDate.text.match(/\{\w+\}/g)).toEqual(['{date}']);
      if (diagnosis) expect(diagnosis.text.match(/\{\w+\}/g)).toEqual(['{because}']);
      for (const note of Object.values(planTypes)) expect(note!.text).not.toMatch(/\{\w+\}/);
    }
  });
});

type Row = [fact: string, check: () => void];

const medicareRows: Row[] = [
  ['cLBP lasts 12 weeks or longer, from the NCD', () => expect(program.chronicLowBackPainMinWeeks).toMatchObject({ value: 12, sources: expect.arrayContaining(['ncd-30-3-3']) })],
  ['cLBP is nonspecific, with no identifiable systemic cause', () => expect(says(medicare, /nonspecific: no identifiable systemic cause/)?.sources).toContain('ncd-30-3-3')],
  ['cLBP is not associated with surgery or pregnancy', () => expect(says(medicare, /not associated with surgery or with pregnancy/)?.sources).toContain('ncd-30-3-3')],
  ['12 visits in 90 days, 8 more, 20 a year', () => {
    expect([program.initialVisits.value, program.windowDays.value, program.additionalVisits.value, program.annualMax.value]).toEqual([12, 90, 8, 20]);
    for (const n of [program.initialVisits, program.windowDays, program.additionalVisits, program.annualMax]) expect(n.sources).toContain('ncd-30-3-3');
  }],
  ['stop when not improving or regressing', () => expect(says(medicare, /must stop if the patient is not improving or is regressing/)?.sources).toContain('ncd-30-3-3')],
  ['physicians may furnish it; PAs, NPs/CNSs and auxiliary personnel with the degree and a licence; auxiliary personnel supervised', () => {
    const eligible = program.providers.filter((p) => p.eligible).map((p) => p.id);
    expect(eligible).toEqual(['physician', 'pa-np-cns', 'auxiliary']);
    const aux = program.providers.find((p) => p.id === 'auxiliary')!;
    expect(aux.requirements.join(' ')).toMatch(/licence to practise acupuncture.*Supervised by a physician, PA or NP\/CNS/);
    expect(aux.sources).toContain('ncd-memo-cag-00452n');
  }],
  ['physical therapists cannot bill Medicare for it (APTA)', () => {
    expect(program.providers.find((p) => p.id === 'physical-therapist')).toMatchObject({ eligible: false, sources: expect.arrayContaining(['apta-abn-2022']) });
  }],
  ['low back pain codes M54.50, M54.51, M54.59, and M54.5 valid until 2021-09-30', () => {
    expect(program.lowBackPainCodes.map((c) => [c.code, c.validUntil])).toEqual([
      ['M54.50', undefined],
      ['M54.51', undefined],
      ['M54.59', undefined],
      ['M54.5', '2021-09-30'],
    ]);
  }],
  ['the ICD-10 list of CR 11755 was not found, and the data says so', () => expect(medicare.sources['acutoday-m545']!.note).toMatch(/CR 11755 was not found/)],
  ['Medicare Advantage must cover at least what Medicare covers (42 CFR 422.101)', () => {
    expect(medicare.warnings.planTypes['medicare-advantage']).toMatchObject({ text: expect.stringMatching(/at least what Original Medicare covers/), sources: expect.arrayContaining(['cfr-422-101']) });
    expect(medicare.sources['cfr-422-101']!.note).toMatch(/our inference/);
  }],
  ['ABN with GA, GY and GZ for services Medicare will not cover', () => {
    expect(program.modifiers.filter((m) => ['GA', 'GY', 'GZ'].includes(m.code)).map((m) => m.code)).toEqual(['GA', 'GY', 'GZ']);
    expect(program.modifiers.find((m) => m.code === 'GA')!.meaning).toMatch(/signed an ABN/);
    expect(says(medicare, /GA means .*ABN.*GY means .*GZ means/)?.sources).toEqual(['wps-abn-modifiers', 'palmetto-gz']);
  }],
  ['KX on sessions 13 to 20 where a plan asks for it', () => {
    expect(program.kxFromVisit.value).toBe(13);
    expect(program.modifiers.find((m) => m.code === 'KX')!.sources).toEqual(['amerihealth-ma']);
  }],
  ['20560 and 20561 on one date: the CMS edit, with its secondary source and what was not found', () => {
    expect(medicare.warnings.sameDate!.sources).toContain('mirahealth-20561');
    expect(medicare.sources['mirahealth-20561']).toMatchObject({ kind: 'secondary', confidence: 'seen-secondary', note: expect.stringMatching(/not found/) });
  }],
  ['a non-low-back-pain Medicare claim warning, from the NCD', () => expect(medicare.warnings.diagnosis!.sources).toContain('ncd-30-3-3')],
];

describe('Medicare encodes the NCD as data', () => {
  it.each(medicareRows)('%s', (_fact, check) => check());
});

const otherRows: Row[] = [
  ["Aetna: the classification rests on secondary sources; Aetna's own wording was not seen, and the data says so", () => {
    const aetna = payer('aetna');
    const headlineKinds = aetna.coverage['20560'].headline.sources.map((id) => aetna.sources[id]!.kind);
    expect(headlineKinds.every((k) => k === 'secondary')).toBe(true);
    expect(aetna.sources['aetna-github-summary']!.note).toMatch(/own CPB wording on dry needling was NOT seen/);
    expect(aetna.sources['aetna-cpb-0135-2017']!.note).toMatch(/no wording on dry needling/);
    expect(says(aetna, /own wording on dry needling was not seen/)).toBeDefined();
  }],
  ['Cigna: the dry needling quote is from a 2011 copy, and the current policy was not found', () => {
    const cigna = payer('cigna');
    expect(cigna.sources['cigna-0139-2011']!.note).toMatch(/old version.*not found/);
    expect(says(cigna, /current Cigna policy .* was not found/)).toBeDefined();
  }],
  ['UHC: denied unless a rider or a covered PT plan; its acupuncture policy omits 20560/20561', () => {
    const uhc = payer('uhc');
    expect(says(uhc, /not 20560 or 20561/)?.sources).toContain('uhc-acupuncture-policy');
    expect(uhc.coverage['20560'].criteria.map((c) => c.id)).toEqual(['rider-or-pt-plan']);
  }],
  ['BCBS: each local plan decides, with named examples and their sources', () => {
    const bcbs = payer('bcbs');
    expect(says(bcbs, /each plan decides/)).toBeDefined();
    expect(says(bcbs, /BCBS of Alabama \(MP-740\): investigational for dates of service after July 1, 2021/)?.sources).toContain('bcbsal-mp740');
    expect(bcbs.sources['bcbsal-mp740']).toMatchObject({ kind: 'payer', confidence: 'seen-verbatim' });
    expect(says(bcbs, /Anthem/)?.sources).toEqual(['anthem-rehab-2024']);
    expect(says(bcbs, /Rhode Island.*covers 20560 and 20561/)?.sources).toEqual(['bcbsri-ma']);
  }],
  ['BCBS: ask which local plan and which policy number', () => {
    expect(payer('bcbs').coverage['20560'].verify[0]).toMatch(/Which local Blue plan .* which medical policy number/);
    expect(rules.checklist.questions.find((q) => q.id === 'bcbs-local-plan')).toMatchObject({ payers: ['bcbs'], answer: 'text' });
  }],
  ['Medicaid: each state decides; some cover it within covered PT, others exclude it', () => {
    const medicaid = payer('medicaid');
    expect(medicaid.coverage['20560'].headline.text).toMatch(/Varies by state: some programs cover it within covered physical therapy, others exclude it/);
    expect(medicaid.warnings.planTypes['medicaid-managed-care']?.sources).toContain('aetna-better-health-pa');
  }],
  ['trigger point injection codes are not reportable with dry needling for the same muscles; before 2020, 20999 not 97140', () => {
    expect(says(rules.unknown, /20552 and 20553 are not reportable with 20560 or 20561 for the same muscles.*20999.*97140/)?.sources).toEqual(['kza-tpi', 'codapedia-dry-needling', 'aapc-97140']);
  }],
  ["a PT is paid only within the state's scope of practice (for BCBS and when the payer is unknown)", () => {
    for (const rule of [payer('bcbs'), rules.unknown]) expect(says(rule, /scope of practice: .*California, Hawaii, New York and Oregon/)?.sources).toContain('apta-state-list');
  }],
  ['the unknown payer still says what to do, with sources', () => {
    expect(rules.unknown.coverage['20560'].headline.text).toMatch(/verify benefits before treatment/);
    expect(rules.unknown.warnings.sameDate!.sources).toEqual(['apta-codes-2020', 'cpt-descriptors-inference']);
  }],
];

describe('commercial, Blue and Medicaid facts', () => {
  it.each(otherRows)('%s', (_fact, check) => check());
});

describe('checklist and appeals', () => {
  const q = (id: string) => rules.checklist.questions.find((x) => x.id === id)!;

  it.each([
    ['cpt-code', 'text'],
    ['icd10-code', 'text'],
    ['coinsurance', 'percentage'],
    ['oop-max', 'amount'],
    ['deductible-remaining', 'amount'],
    ['copay-amount', 'amount'],
    ['prior-auth', 'yes-no-unknown'],
    ['prior-auth-how', 'text'],
    ['visit-limit', 'text'],
    ['referral', 'yes-no-unknown'],
    ['plan-type', 'choice'],
    ['rep-name', 'text'],
    ['reference-number', 'text'],
    ['call-time', 'datetime'],
  ])('asks every payer %s as %s', (id, answer) => {
    expect(q(id)).toMatchObject({ answer, payers: [] });
  });

  it('offers the plan types a caller hears', () => {
    expect(q('plan-type').choices).toEqual(expect.arrayContaining(['Commercial', 'Medicare Advantage', 'Medicaid managed care']));
  });

  it.each([
    ['medicare-credentials', 'medicare'],
    ['medicare-visits-used', 'medicare'],
    ['medicare-abn', 'medicare'],
    ['bcbs-local-plan', 'bcbs'],
    ['medicaid-state-program', 'medicaid'],
  ])('%s is asked only for %s', (id, who) => expect(q(id).payers).toEqual([who]));

  it('question ids are unique', () => {
    const ids = rules.checklist.questions.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the appeal path: internal appeal, LMN with functional improvement, external review, cash-pay, and the ABN for Medicare only', () => {
    expect(rules.appeals.steps.map((s) => s.id)).toEqual(['internal-appeal', 'lmn', 'documentation', 'external-review', 'cash-pay', 'medicare-abn']);
    expect(rules.appeals.steps.find((s) => s.id === 'lmn')!.items).toContain('Documentation linking the procedure to functional improvement');
    const abn = rules.appeals.steps.find((s) => s.id === 'medicare-abn')!;
    expect(abn).toMatchObject({ payers: ['medicare'], sources: expect.arrayContaining(['wps-abn-modifiers']) });
    for (const s of rules.appeals.steps) for (const id of s.sources) expect(rules.appeals.sources[id], id).toBeDefined();
  });
});
