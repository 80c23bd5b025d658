import { describe, expect, it } from 'vitest';
import { payerDirectory } from '../../src/core/directory';
import { findPayerMentions, identifyPayer, payerFromHostname } from '../../src/core/payer';
import { bundledRules } from '../../src/rules/bundled';

const directory = payerDirectory(bundledRules());
const identify = (hostname: string, text: string, override?: { id: string }) => identifyPayer({ hostname, text, override }, directory);

describe('payerFromHostname', () => {
  it.each([
    ['www.uhcprovider.com', 'uhc'],
    ['www.novitasphere.com', 'medicare'],
    ['med.noridianmedicare.com', 'medicare'],
    ['www.emedny.org', 'medicaid'],
    ['prss.vamedicaid.dmas.virginia.gov', 'medicaid'],
    ['cignaforhcp.cigna.com', 'cigna'],
    ['www.anthem.com', 'bcbs'],
  ])('%s belongs to %s', (host, id) => {
    expect(payerFromHostname(host, directory)?.id).toBe(id);
  });

  it.each(['apps.availity.com', 'provider.navinet.net', 'www.waystar.com', 'www.officeally.com', 'fakeuhc.com', 'uhc.com.evil.example'])(
    'multi-payer or unknown host %s names no payer',
    (host) => {
      expect(payerFromHostname(host, directory)).toBeNull();
    },
  );
});

describe('identifyPayer', () => {
  it('multi-payer portal with no payer named is null', () => {
    expect(identify('apps.availity.com', 'Claim status inquiry\nClaim # 123\n20560 GP $85.00')).toBeNull();
  });

  it('reads a "Payer:" label, in the same cell or the next', () => {
    expect(identify('apps.availity.com', 'Payer: AETNA\nMember: Jane Roe')).toMatchObject({ id: 'aetna', source: 'label', evidence: '"Payer: AETNA" on the page' });
    expect(identify('apps.availity.com', 'Payer\nCigna\nStatus\nFinalized')).toMatchObject({ id: 'cigna', source: 'label' });
    expect(identify('apps.availity.com', 'Payer ID / Name: 87726 - UnitedHealthcare')).toMatchObject({ id: 'uhc', source: 'label' });
    expect(identify('apps.availity.com', 'Health Plan: Florida Blue')).toMatchObject({ id: 'bcbs', source: 'label' });
    expect(identify('apps.availity.com', 'Carrier: Anthem Blue Cross')).toMatchObject({ id: 'bcbs', source: 'label' });
  });

  it('prefers the labelled payer over a payer list', () => {
    const text = 'Payers\nAetna\nCigna\nHumana\nUnitedHealthcare\nBCBS\nClaim detail\nPayer: Cigna\nClaim # 99';
    expect(identify('apps.availity.com', text)).toMatchObject({ id: 'cigna', source: 'label' });
  });

  it('does not let a list after a label decide', () => {
    expect(identify('apps.availity.com', 'Insurance:\nAetna\nCigna\nBCBS')).toBeNull();
  });

  it('ignores other coverage in a coordination-of-benefits section', () => {
    const text = 'Payer: Aetna\nCoordination of Benefits\nOther Insurance: Medicare Part B\nSecondary payer: Cigna';
    expect(identify('apps.availity.com', text)).toMatchObject({ id: 'aetna', source: 'label' });
    expect(identify('apps.availity.com', 'Secondary payer: Cigna')).toBeNull();
  });

  it('names managed-care and Medicare Advantage brands with their plan type', () => {
    expect(identify('apps.availity.com', 'Health plan: Aetna Better Health of Pennsylvania')).toMatchObject({ id: 'medicaid', planType: 'medicaid-managed-care' });
    expect(identify('apps.availity.com', 'Plan: AARP Medicare Advantage from UnitedHealthcare')).toMatchObject({ id: 'medicare', planType: 'medicare-advantage' });
    expect(identify('www.uhcprovider.com', 'Member plan: UnitedHealthcare Community Plan of New York')).toMatchObject({ id: 'medicaid', planType: 'medicaid-managed-care', source: 'label' });
  });

  it('reads the plan type from a line-of-business label', () => {
    expect(identify('apps.availity.com', 'Payer: Aetna\nPlan type: Commercial PPO')).toMatchObject({ id: 'aetna', planType: 'commercial' });
    const ma = identify('apps.availity.com', 'Payer: Aetna\nLine of business: Medicare Advantage');
    expect(ma).toMatchObject({ id: 'medicare', planType: 'medicare-advantage' });
    expect(ma?.evidence).toBe('"Payer: Aetna" on the page; "Line of business: Medicare Advantage" on the page');
  });

  it('keeps a single-payer portal its own payer when the page names other coverage', () => {
    expect(identify('www.uhcprovider.com', 'UnitedHealthcare Provider Portal\nPrimary payer: Medicare\nClaim 1')).toMatchObject({ id: 'uhc', source: 'hostname' });
    expect(identify('www.uhcprovider.com', 'Claim summary')).toMatchObject({ id: 'uhc', evidence: 'site www.uhcprovider.com belongs to UnitedHealthcare' });
  });

  it('counts unlabelled mentions and refuses a tie', () => {
    expect(identify('apps.availity.com', 'Cigna claim 1\nCigna remit\nAetna news')).toMatchObject({ id: 'cigna', source: 'text', evidence: '"Cigna" named 2 times on the page, more than any other payer' });
    expect(identify('apps.availity.com', 'Aetna\nCigna')).toBeNull();
  });

  it('does not read Medicare ids, fee schedules or rules as the payer', () => {
    expect(identify('apps.availity.com', 'Medicare ID: 1EG4-TE5-MK73\nMedicare fee schedule\nnon-Medicare')).toBeNull();
    expect(findPayerMentions('Medicare guidelines apply. Medicare Part B member.', directory).map((m) => m.alias)).toEqual(['Medicare Part B']);
  });

  it('matches acronyms only in capitals', () => {
    expect(findPayerMentions('uhc bcbs', directory)).toEqual([]);
    expect(findPayerMentions('UHC BCBS', directory).map((m) => m.id)).toEqual(['uhc', 'bcbs']);
  });

  it('never counts a list of payers as evidence', () => {
    expect(identify('connect.navinet.net', 'Select a health plan\nIndependence Blue Cross\nHighmark\nAetna\nCigna')).toBeNull();
    expect(identify('apps.availity.com', 'Plan: Humana Gold Plus HMO\nOther payers\nCigna · Aetna · UnitedHealthcare')).toMatchObject({ id: 'medicare', planType: 'medicare-advantage' });
    // A sidebar of "Other payers" is not a coordination-of-benefits section.
    expect(identify('apps.availity.com', 'Other payers\nCigna · Aetna · UnitedHealthcare\nPlan: Humana Gold Plus HMO')).toMatchObject({ id: 'medicare', planType: 'medicare-advantage' });
    expect(findPayerMentions('Aetna | Cigna', directory).map((m) => m.role)).toEqual(['list', 'list']);
  });

  it('takes the plan type from another line naming the same payer', () => {
    expect(identify('apps.availity.com', 'Payer\nBlue Cross Blue Shield of Texas\nPlan\nBlue Choice PPO')).toMatchObject({ id: 'bcbs', planType: 'commercial', source: 'label' });
  });

  it('lets the user override for a site', () => {
    expect(identify('apps.availity.com', 'Payer: Aetna', { id: 'cigna' })).toMatchObject({ id: 'cigna', source: 'user' });
  });
});
