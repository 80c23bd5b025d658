// Every fact of the source article (../shared/seed/) is one row here, checked
// against the rules the extension ships (bundledRules(), built from rules/*.json),
// never a copy. A fact counts as present only when a statement says it and cites
// the article among sources that resolve.
import { describe, expect, it } from 'vitest';
import type { PayerRule, RuleSet, Statement } from '../../src/core/rules-schema';
import { bundledRules } from '../../src/rules/bundled';

const rules: RuleSet = bundledRules();
const payer = (id: string): PayerRule => (id === 'unknown' ? rules.unknown : rules.payers.find((p) => p.id === id)!);

/** Every sourced sentence a rule can show for a code. */
function statements(rule: PayerRule, code: '20560' | '20561' = '20560'): Statement[] {
  const cov = rule.coverage[code];
  return [cov.headline, ...cov.details, ...cov.criteria];
}

/** The statement saying it, citing the article, every source resolving in the same file. */
function cited(id: string, pattern: RegExp, code: '20560' | '20561' = '20560'): Statement {
  const rule = payer(id);
  const hit = statements(rule, code).find((s) => pattern.test(s.text));
  expect(hit, `${id} ${code} says ${pattern}`).toBeDefined();
  expect(hit!.sources).toContain('seed');
  for (const ref of hit!.sources) expect(rule.sources[ref], `${id}: source ${ref}`).toBeDefined();
  return hit!;
}

const question = (id: string) => rules.checklist.questions.find((q) => q.id === id);
const step = (id: string) => rules.appeals.steps.find((s) => s.id === id);
const program = () => payer('medicare').program!;

type Row = [fact: string, check: () => void];

const rows: Row[] = [
  // The technique and the classification challenge
  ['dry needling inserts thin, sterile needles into myofascial trigger points', () => void cited('unknown', /thin, sterile needles.*myofascial trigger points/)],
  ['"dry" because no medication or fluid is injected', () => void cited('unknown', /"dry" because nothing is injected/)],
  ['it aims at a local twitch response to release tension, improve blood flow, reduce pain and range of motion', () => void cited('unknown', /twitch response.*muscle tension.*blood flow.*reduce pain.*range of motion/)],
  ["coverage varies with the plan, the provider's licence, and how it is documented and billed", () => void cited('unknown', /plan, the provider's licence, and how the service is documented and billed/)],
  ['payers lack a standard classification', () => void cited('unknown', /no standard classification/)],
  ['dry needling is a Western-medicine approach distinct from acupuncture (TCM, meridians)', () => void cited('unknown', /Western-medicine.*distinct from acupuncture \(Traditional Chinese Medicine, needling along meridians\)/)],
  ['insurers lump it with acupuncture or label it unproven', () => void cited('unknown', /lump it with acupuncture or label it unproven/)],
  ['20560 is one or two muscles', () => void cited('unknown', /^20560: .*1 or 2 muscle/, '20560')],
  ['20561 is three or more muscles', () => void cited('unknown', /^20561: .*3 or more muscles/, '20561')],
  ['coverage depends on medical necessity: reasonable, necessary and appropriate', () => void cited('unknown', /medical necessity: the treatment must be reasonable, necessary and appropriate/)],
  ['large commercial insurers are cautious and restrictive; confirm the specific plan', () => void cited('unknown', /cautious and restrictive; confirm the member's own plan/)],

  // Private insurers
  ['Aetna classifies it experimental, investigational or unproven', () => {
    expect(payer('aetna').coverage['20560'].status).toBe('investigational');
    cited('aetna', /experimental, investigational or unproven/);
  }],
  ['Aetna: denied under most standard plans', () => void cited('aetna', /most standard plans deny it/)],
  ['Cigna frequently excludes it, listing it as non-covered in its physical therapy guidelines', () => {
    expect(payer('cigna').coverage['20560'].status).toBe('not-covered');
    cited('cigna', /non-covered service in its physical therapy guidelines/);
  }],
  ['Cigna: because of insufficient scientific evidence', () => void cited('cigna', /insufficient scientific evidence/)],
  ['UHC commercial frequently denies unless a specific, limited plan rider applies', () => {
    expect(payer('uhc').coverage['20560'].status).toBe('not-covered');
    cited('uhc', /deny dry needling unless .*specific, limited plan rider/);
  }],
  ['UHC may cover it within a covered physical therapy plan meeting strict medical necessity', () => void cited('uhc', /overall covered physical therapy plan that meets strict medical necessity criteria/)],
  ['BCBS is the most variable: independent local plans', () => {
    expect(payer('bcbs').coverage['20560'].status).toBe('varies-by-plan');
    cited('bcbs', /most variable: it works through independent local plans/);
  }],
  ['some BCBS plans deem it investigational for all applications, so no coverage', () => void cited('bcbs', /investigational for all uses, which means no coverage/)],
  ['other BCBS plans cover it from a licensed PT with the right CPT code and a medically necessary diagnosis', () => {
    cited('bcbs', /licensed physical therapist performs it, it is billed with the right CPT code, and the diagnosis meets/);
    expect(payer('bcbs').coverage['20560'].criteria.map((c) => c.id)).toEqual(['licensed-pt', 'right-code', 'medical-necessity']);
  }],

  // Government programs
  ['Medicare covers it only for chronic low back pain', () => {
    expect(payer('medicare').coverage['20560'].status).toBe('covered-with-criteria');
    cited('medicare', /only to treat chronic low back pain/);
    expect(payer('medicare').coverage['20560'].criteria.find((c) => c.id === 'clbp-diagnosis')?.check?.kind).toBe('program-diagnosis');
  }],
  ['cLBP: nonspecific pain lasting 12 weeks or longer', () => {
    expect(program().chronicLowBackPainMinWeeks.value).toBe(12);
    expect(program().chronicLowBackPainMinWeeks.sources).toContain('seed');
    cited('medicare', /12 weeks or longer that is nonspecific/);
  }],
  ['Part B: up to 12 treatments within 90 days', () => {
    expect([program().initialVisits.value, program().windowDays.value]).toEqual([12, 90]);
    expect(program().initialVisits.sources).toContain('seed');
  }],
  ['8 more sessions if improvement is documented', () => {
    expect(program().additionalVisits.value).toBe(8);
    cited('medicare', /8 more only for patients who show documented improvement/);
  }],
  ['no more than 20 treatments a year', () => {
    expect(program().annualMax.value).toBe(20);
    expect(program().annualMax.sources).toContain('seed');
  }],
  ["the provider needs a master's or doctoral degree in acupuncture or Oriental Medicine from an accredited school", () => {
    const degreeHolders = program().providers.filter((p) => p.requirements.some((r) => /master's or doctoral degree in acupuncture or Oriental Medicine from an ACAOM-accredited school/.test(r)));
    expect(degreeHolders.map((p) => p.id)).toEqual(['pa-np-cns', 'auxiliary']);
    cited('medicare', /master's or doctoral degree in acupuncture or Oriental Medicine/);
  }],
  ['many physical therapists cannot bill Medicare for it', () => {
    const pt = program().providers.find((p) => p.id === 'physical-therapist');
    expect(pt).toMatchObject({ eligible: false });
    expect(pt!.sources).toContain('seed');
    cited('medicare', /Physical therapists cannot bill Medicare/);
  }],
  ['Medicaid varies dramatically because each state administers its own program', () => {
    expect(payer('medicaid').coverage['20560'].status).toBe('varies-by-plan');
    cited('medicaid', /Each state administers its own Medicaid program/);
  }],
  ['some state Medicaid programs cover it as an integral part of covered, medically necessary PT', () => void cited('medicaid', /integral part of a covered physical therapy treatment and medically necessary/)],
  ["other states strictly exclude it: consult the state's plan documents", () => void cited('medicaid', /strictly exclude it: check the state's own plan documents/)],

  // Confirming coverage
  ['verify before treatment: CPT and primary ICD-10 code from the practitioner, then pre-authorization or benefit verification', () => {
    cited('unknown', /Verify before treatment: get the CPT code \(20560 or 20561\) and the primary ICD-10 code.*pre-authorization or a detailed benefit verification/);
    expect(question('cpt-code')).toMatchObject({ prefill: 'cpt', fromSeed: true });
    expect(question('icd10-code')).toMatchObject({ prefill: 'icd10', fromSeed: true });
    expect(question('prior-auth')).toMatchObject({ answer: 'yes-no-unknown', fromSeed: true });
  }],
  ['ask: is the CPT code covered for the diagnosis', () => expect(question('covered-for-diagnosis')).toMatchObject({ answer: 'yes-no-unknown', fromSeed: true, payers: [] })],
  ['ask: is the provider in-network for those codes', () => expect(question('in-network')).toMatchObject({ answer: 'yes-no-unknown', fromSeed: true, payers: [] })],
  ['ask: is coverage subject to a deductible', () => expect(question('deductible')).toMatchObject({ answer: 'yes-no-unknown', fromSeed: true, payers: [] })],
  ['ask: is coverage subject to a co-payment', () => expect(question('copay')).toMatchObject({ answer: 'yes-no-unknown', fromSeed: true, payers: [] })],

  // Appeals
  ['a denied claim can go to internal appeal with a formal letter', () => {
    expect(step('internal-appeal')!.text).toMatch(/internal appeal .*formal letter of appeal/);
    expect(step('internal-appeal')!.sources).toContain('seed');
  }],
  ["the LMN from the treating provider details history, prior failed treatments and why it is medically necessary", () => {
    expect(step('lmn')!.text).toMatch(/treating provider writes a Letter of Medical Necessity/);
    expect(step('lmn')!.items).toEqual(expect.arrayContaining(["The patient's history", 'Prior treatments that failed', 'The specific rationale for why dry needling is medically necessary']));
    expect(step('lmn')!.sources).toContain('seed');
  }],
  ['after a failed internal appeal, an external review by an independent third party', () => {
    expect(step('external-review')!.text).toMatch(/independent third party reviews the insurer's decision/);
    expect(step('external-review')!.sources).toContain('seed');
  }],
  ['overturning a denial needs documentation linking the procedure to functional improvement and medical necessity', () => {
    expect(step('documentation')!.text).toMatch(/links the procedure to functional improvement and demonstrates medical necessity/);
    expect(step('documentation')!.sources).toContain('seed');
  }],
  ['be ready to discuss cash-pay while under review or when clearly non-covered', () => {
    expect(step('cash-pay')!.text).toMatch(/cash-pay .*under review, or if the service is clearly non-covered/);
    expect(step('cash-pay')!.sources).toContain('seed');
  }],
];

describe('every fact of the source article is in the shipped rules', () => {
  it.each(rows)('%s', (_fact, check) => check());

  it('the article is cited as what it is: a secondary source, with its limits noted', () => {
    for (const rule of [...rules.payers, rules.unknown]) {
      expect(rule.sources.seed).toMatchObject({ kind: 'secondary', confidence: 'seen-secondary' });
      expect(rule.sources.seed!.note).toMatch(/AI-written or SEO/);
    }
  });
});
