// @vitest-environment happy-dom
// Rows inserted into a table section are folded into spans (first row to
// last) without their nodes being looked at one by one. That shortcut holds
// only while nothing left the page: with a removal among the pending
// changes, the inserted rows are taken node by node as before.
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeSet } from '../../src/content/change-set';

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

function table(rows: number): HTMLTableSectionElement {
  const body = document.createElement('table').createTBody();
  for (let i = 0; i < rows; i++) body.insertRow().insertCell().textContent = `line ${i}`;
  document.body.append(body.parentElement!);
  return body;
}

function row(text: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.insertCell().textContent = text;
  return tr;
}

/** Runs the change, then folds what an observer of the document saw into a ChangeSet and drains it. */
function drainAfter(change: () => void) {
  const changes = new ChangeSet();
  const observer = new MutationObserver(() => undefined);
  observer.observe(document, OBSERVE);
  change();
  changes.add(observer.takeRecords());
  observer.disconnect();
  return changes.drain();
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('rows inserted into a table section', () => {
  it('become one span from the first new row to the last, with the whitespace around them left out', () => {
    const body = table(3);
    const added = [row('a'), row('b'), row('c')];
    const drained = drainAfter(() => body.append('\n', added[0]!, '\n', added[1]!, '\n', added[2]!, '\n'));
    expect(drained.scopes).toEqual([]);
    expect(drained.added).toHaveLength(1);
    expect(drained.added[0]).toMatchObject({ list: body, first: added[0], last: added[2] });
  });

  it('join one span when a page adds them one insertion a row', () => {
    const body = table(3);
    const added = [row('a'), row('b'), row('c')];
    const drained = drainAfter(() => {
      for (const tr of added) body.append(tr);
    });
    expect(drained.added).toHaveLength(1);
    expect(drained.added[0]).toMatchObject({ first: added[0], last: added[2] });
  });

  it('make separate spans where other rows lie between them', () => {
    const body = table(3);
    const top = row('top');
    const end = row('end');
    const drained = drainAfter(() => {
      body.prepend(top);
      body.append(end);
    });
    expect(drained.added.map((s) => [s.first, s.last])).toEqual([
      [top, top],
      [end, end],
    ]);
  });

  it('make nothing to read when only whitespace was inserted', () => {
    const body = table(3);
    const drained = drainAfter(() => body.append('\n  '));
    expect(drained.added).toEqual([]);
    expect(drained.scopes).toEqual([]);
  });

  it('are taken row by row when something left the page in the same batch', () => {
    const body = table(3);
    const added = [row('a'), row('b')];
    const drained = drainAfter(() => {
      body.append(...added);
      body.firstElementChild!.remove();
    });
    expect(drained.added).toEqual([]);
    expect(drained.scopes).toEqual(added);
    expect(drained.removed).toHaveLength(1);
  });

  it('are read with a pending scope that holds their list, not on their own', () => {
    const holder = document.createElement('div');
    const body = document.createElement('table').createTBody();
    const drained = drainAfter(() => {
      document.body.append(holder);
      holder.append(body.parentElement!);
      body.append(row('a'));
    });
    expect(drained.removed).toEqual([]);
    expect(drained.scopes).toEqual([holder]);
    expect(drained.added).toEqual([]);
  });
});
