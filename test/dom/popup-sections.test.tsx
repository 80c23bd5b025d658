// @vitest-environment happy-dom
// The popup's sections as components: each answer type gets its control and
// label, answers flow back out, the visit tracker shows the numbers for a set
// of dates, and the tablist moves with the arrow keys.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCallSession, type CallSession } from '../../src/core/call-session';
import { ChecklistQuestionSchema } from '../../src/core/rules-schema';
import { ChecklistSection } from '../../src/popup/ChecklistSection';
import { Tabs } from '../../src/popup/Tabs';
import { VisitsSection } from '../../src/popup/VisitsSection';
import { bundledRules } from '../../src/rules/bundled';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const questions = [
  { id: 'covered', text: 'Covered for this diagnosis?', answer: 'yes-no-unknown' },
  { id: 'copay', text: 'Co-payment per visit', answer: 'amount' },
  { id: 'coins', text: 'Coinsurance', answer: 'percentage' },
  { id: 'rep', text: "Representative's name", answer: 'text' },
  { id: 'auth-until', text: 'Authorization valid until', answer: 'date' },
  { id: 'when', text: 'Date and time of the call', answer: 'datetime' },
  { id: 'plan', text: 'Plan type', answer: 'choice', choices: ['Commercial', 'Original Medicare'] },
].map((q) => ChecklistQuestionSchema.parse(q));

function type(el: HTMLInputElement | HTMLSelectElement, value: string, event: 'input' | 'change' = 'input') {
  el.value = value;
  el.dispatchEvent(new Event(event, { bubbles: true }));
}

describe('ChecklistSection', () => {
  function mount(session: CallSession) {
    const changes: CallSession[] = [];
    act(() => {
      render(<ChecklistSection questions={questions} session={session} payerName="Medicare" persistent={false} onChange={(s) => changes.push(s)} onNewCall={() => undefined} />, root);
    });
    return changes;
  }

  it('gives every answer type its control, each labelled by the question', () => {
    mount(newCallSession(new Date()));
    const radios = root.querySelectorAll<HTMLInputElement>('input[name="q-covered"]');
    expect([...radios].map((r) => r.value)).toEqual(['yes', 'no', 'unknown']);
    expect(root.querySelector('fieldset legend')?.textContent).toBe('Covered for this diagnosis?');
    const typeOf = (id: string) => root.querySelector<HTMLInputElement>(`#q-${id}`)!;
    expect(typeOf('copay').getAttribute('inputmode')).toBe('decimal');
    expect(typeOf('coins').getAttribute('inputmode')).toBe('decimal');
    expect(typeOf('rep').type).toBe('text');
    expect(typeOf('auth-until').type).toBe('date');
    expect(typeOf('when').type).toBe('datetime-local');
    expect(typeOf('plan').tagName).toBe('SELECT');
    for (const q of questions.filter((x) => x.answer !== 'yes-no-unknown')) {
      expect(root.querySelector(`label[for="q-${q.id}"]`)?.textContent, q.id).toContain(q.text);
    }
  });

  it('sends each answer out as it is given, and counts progress', () => {
    const changes = mount({ ...newCallSession(new Date()), answers: { rep: 'Dana' } });
    expect(root.querySelector('[role="status"]')?.textContent).toBe(`1 of ${questions.length} answered`);
    act(() => type(root.querySelector<HTMLInputElement>('#q-copay')!, '40'));
    act(() => root.querySelector<HTMLInputElement>('input[name="q-covered"][value="no"]')!.click());
    act(() => type(root.querySelector<HTMLSelectElement>('#q-plan')!, 'Commercial', 'change'));
    expect(changes.map((c) => c.answers)).toEqual([
      { rep: 'Dana', copay: '40' },
      { rep: 'Dana', covered: 'no' },
      { rep: 'Dana', plan: 'Commercial' },
    ]);
  });
});

describe('VisitsSection', () => {
  const medicare = bundledRules().payers.find((p) => p.id === 'medicare')!;

  it('shows the numbers for a set of dates', () => {
    const dates = Array.from({ length: 13 }, (_, i) => `2026-02-${String(i + 2).padStart(2, '0')}`);
    act(() => {
      render(<VisitsSection program={medicare.program!} sources={medicare.sources} visits={dates} onChange={() => undefined} />, root);
    });
    // "Next visit on" starts at today; move it to just after the visits.
    act(() => type(root.querySelector<HTMLInputElement>('#visit-on')!, '2026-02-20'));
    const value = (id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent;
    expect(value('used-year')).toBe('13');
    expect(value('left-window')).toBe('0');
    expect(value('left-additional')).toBe('7');
    expect(value('left-year')).toBe('7');
    expect(value('next-advice')).toContain('Visit 14');
    expect(root.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('13 of 20 visits used this year: 12 of the first 12, 1 of the 8 additional.');
    expect(root.querySelectorAll('.visit-bar .cell.used')).toHaveLength(13);
  });
});

describe('Tabs', () => {
  it('moves with arrows, Home and End, wrapping round, with one tab stop', () => {
    const tabs = [
      { id: 'a', label: 'A', shortcut: 'Alt+1' },
      { id: 'b', label: 'B', shortcut: 'Alt+2' },
      { id: 'c', label: 'C', shortcut: 'Alt+3' },
    ];
    let selected = 'a';
    const draw = () =>
      render(
        <Tabs tabs={tabs} selected={selected} onSelect={(id) => ((selected = id), draw())}>
          <p>panel {selected}</p>
        </Tabs>,
        root,
      );
    act(draw);
    const press = (key: string) =>
      act(() => {
        root.querySelector('[role="tablist"]')!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      });
    press('ArrowLeft');
    expect(selected).toBe('c');
    press('ArrowRight');
    expect(selected).toBe('a');
    press('End');
    expect(selected).toBe('c');
    press('Home');
    expect(selected).toBe('a');
    expect([...root.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1']);
    expect(root.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby')).toBe('tab-a');
  });
});
