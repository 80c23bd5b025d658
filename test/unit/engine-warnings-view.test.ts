// @vitest-environment happy-dom
// A coverage warning is shown with its sources, like every other fact.
import { h, render } from 'preact';
import { expect, it } from 'vitest';
import { evaluate } from '../../src/core/engine';
import { bundledRules } from '../../src/rules/bundled';
import { NotesView } from '../../src/ui/NotesView';

it('links each coverage warning to its sources; the stale-rule message has none', () => {
  const notes = evaluate(
    {
      codes: [{ code: '20560', dateOfService: '2025-01-15' }, { code: '20561', dateOfService: '2025-01-15' }],
      diagnoses: ['M79.1'],
      payer: { id: 'medicare', name: 'Medicare', evidence: 'test', source: 'label' },
      today: '2028-01-01',
    },
    bundledRules(),
  );
  const root = document.createElement('div');
  render(h(NotesView, { notes }), root);
  const warnings = [...root.querySelectorAll('p.warn')];
  expect(warnings.map((p) => p.textContent?.slice(2, 30))).toEqual([
    '20560 and 20561 are both bil',
    'Medicare covers dry needling',
    'Medicare rules were last rev',
  ]);
  const links = warnings.map((p) => [...p.querySelectorAll('a')].map((a) => a.getAttribute('href')));
  expect(links[0]).toEqual(['https://mirahealth.care/reference/cpt/20561', 'https://www.apta.org/apta-magazine/2020/02/01/compliance-matters-physician-fee-schedule-coding-updates']);
  expect(links[1]).toEqual(['https://www.cms.gov/Medicare-Coverage-Database/view/ncd.aspx?ncdid=373&ncdver=1', 'http://www.wpsic.com/medicare/part_b/publications/abn_modifiers.shtml']);
  expect(links[2]).toEqual([]);
});
