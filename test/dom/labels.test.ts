// @vitest-environment happy-dom
// Column labels are cached per table; rows a page inserts clear the cache
// only if they carry header cells where labelFor looks for them: in the
// table's first rows.
import { afterEach, describe, expect, it } from 'vitest';
import { addsHeaders, LabelCache } from '../../src/content/labels';
import { HEADER_ROWS_LOOKED_AT } from '../../src/content/segments';

function table(rows: number): HTMLTableSectionElement {
  const body = document.createElement('table').createTBody();
  for (let i = 0; i < rows; i++) {
    const tr = body.insertRow();
    for (const text of ['03/04/2026', '20561']) tr.insertCell().textContent = text;
  }
  document.body.append(body.parentElement!);
  return body;
}

function headerRow(...labels: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const label of labels) tr.append(Object.assign(document.createElement('th'), { textContent: label }));
  return tr;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('addsHeaders', () => {
  it('is true for a header row inserted among the first rows, and changes the cached label', () => {
    const body = table(3);
    const labels = new LabelCache();
    const cell = () => body.lastElementChild!.children[1]!;
    expect(labels.label(cell())).toBeUndefined();
    const header = headerRow('Date of service', 'Claim number');
    body.prepend(header);
    expect(addsHeaders({ first: header, last: header })).toBe(true);
    labels.clear();
    expect(labels.label(cell())).toBe('Claim number');
  });

  it('is false for plain rows, and for any rows inserted further down than labelFor looks', () => {
    const body = table(HEADER_ROWS_LOOKED_AT);
    const plain = body.insertRow();
    plain.insertCell().textContent = 'x';
    expect(addsHeaders({ first: plain, last: plain })).toBe(false);
    const deep = headerRow('Date of service', 'Claim number');
    body.append(deep);
    expect(addsHeaders({ first: deep, last: deep })).toBe(false);
  });

  it('looks at every inserted row near the top, not only the first', () => {
    const body = table(2);
    const plain = body.insertRow(0);
    plain.insertCell().textContent = 'x';
    const header = headerRow('A', 'B');
    plain.after(header);
    expect(addsHeaders({ first: plain, last: header })).toBe(true);
  });
});
