// @vitest-environment happy-dom
// Rows of a big list (100 rows or more) are read only when their text holds a
// code: the diagnoses on other rows belong to other claims. Fields and open
// shadow roots hold text that textContent does not show, so skipped rows are
// still looked into for those. These drive ScanQueue and scanScopes directly,
// the way the page watcher does, without its timers.
import { afterEach, describe, expect, it } from 'vitest';
import { BIG_LIST_ROWS, rowTest } from '../../src/content/big-list';
import { BlockIndex } from '../../src/content/block-index';
import { LabelCache } from '../../src/content/labels';
import { ScanQueue } from '../../src/content/scan-queue';
import { scanScopes, type ScanEnv } from '../../src/content/scanner';

const NO_RANGES = { added() {}, removed() {} };

/** A distinct dotted diagnosis per row (M10.0, M11.0, …, M10.1, …), found without any label. */
const dxOf = (i: number) => `M${10 + (i % 90)}.${Math.floor(i / 90)}`;

/** A claim table; `codes` maps a row number to its procedure code (other rows bill 97110). */
function claimTable(rows: number, codes: Record<number, string> = {}): HTMLTableSectionElement {
  const table = document.createElement('table');
  table.createTHead().insertRow().innerHTML = '<th>Date of service</th><th>Procedure</th><th>Diagnosis</th>';
  const body = table.createTBody();
  fillRows(body, rows, codes);
  document.body.append(table);
  return body;
}

function fillRows(body: HTMLTableSectionElement, rows: number, codes: Record<number, string>): void {
  body.replaceChildren();
  for (let i = 0; i < rows; i++) {
    const tr = body.insertRow();
    for (const text of ['03/04/2026', codes[i] ?? '97110', dxOf(i)]) tr.insertCell().textContent = text;
  }
}

/** Not body.rows: happy-dom has no HTMLTableSectionElement.rows. */
function cellAt(body: HTMLTableSectionElement, row: number, column: number): Element {
  return body.children[row]!.children[column]!;
}

interface Reader {
  index: BlockIndex;
  queue: ScanQueue;
  /** Every shadow root the reading itself handed on. */
  shadowRoots: ShadowRoot[];
  read(deadline?: number): void;
  codes(): string[];
  diagnoses(): string[];
}

function reader(): Reader {
  const index = new BlockIndex(NO_RANGES);
  const queue = new ScanQueue(rowTest());
  const shadowRoots: ShadowRoot[] = [];
  const env: ScanEnv = {
    index,
    labels: new LabelCache(),
    directory: [],
    onShadowRoot: (root) => {
      shadowRoots.push(root);
      queue.push(root);
    },
  };
  queue.push(document);
  return {
    index,
    queue,
    shadowRoots,
    read: (deadline = Infinity) => queue.runUntil(deadline, (scopes) => scanScopes(scopes, env), env.onShadowRoot),
    codes: () => [...index.values()].flatMap((e) => e.findings.map((f) => f.code)).sort(),
    diagnoses: () => [...new Set([...index.values()].flatMap((e) => e.diagnoses))].sort(),
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

// happy-dom builds and reads 300-row tables slowly (2-3 s a test on an idle 2-core machine): the default 5 s
// left too little room when the machine was busy, and a test timed out in CI.
describe('rows of a big list', { timeout: 20_000 }, () => {
  it('reads only the rows with a code, and the text outside the list', () => {
    const intro = document.createElement('p');
    intro.textContent = 'Primary diagnosis on file: M54.50';
    document.body.append(intro);
    claimTable(300, { 40: '20561', 260: '20561' });
    const r = reader();
    r.read();
    expect(r.codes()).toEqual(['20561', '20561']);
    expect(r.diagnoses()).toEqual([dxOf(40), dxOf(260), 'M54.50'].sort());
  });

  it('reads a list one row short of big whole, and skips rows from the first big size', () => {
    claimTable(BIG_LIST_ROWS - 1, { 7: '20560' });
    const small = reader();
    small.read();
    expect(small.codes()).toEqual(['20560']);
    expect(small.diagnoses()).toEqual(Array.from({ length: BIG_LIST_ROWS - 1 }, (_, i) => dxOf(i)).sort());

    document.body.replaceChildren();
    claimTable(BIG_LIST_ROWS, { 7: '20560' });
    const big = reader();
    big.read();
    expect(big.codes()).toEqual(['20560']);
    expect(big.diagnoses()).toEqual([dxOf(7)]);
  });

  it('reads a field in a skipped row once the rows are looked through: its value is not in the row text', () => {
    const body = claimTable(300);
    const input = document.createElement('input');
    input.value = '20560';
    cellAt(body, 150, 1).append(input);
    const r = reader();
    r.read();
    expect(r.codes()).toEqual([]);
    r.queue.lookThroughSkipped(Infinity, () => undefined);
    r.read();
    expect(r.codes()).toEqual(['20560']);
    // The field alone is read, not the row around it.
    expect(r.diagnoses()).toEqual([]);
  });

  it('leaves a shadow root in a skipped row to the idle walk, which hands it over', () => {
    const body = claimTable(300, { 10: '20561' });
    const host = document.createElement('span');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<b>20560</b>';
    cellAt(body, 220, 1).append(host);
    const r = reader();
    r.read();
    expect(r.shadowRoots).toEqual([]);
    expect(r.codes()).toEqual(['20561']);
    expect(r.queue.hasUnread).toBe(true);

    const found: ShadowRoot[] = [];
    r.queue.lookThroughSkipped(Infinity, (shadow) => found.push(shadow));
    expect(found).toEqual([root]);
    expect(r.queue.hasUnread).toBe(false);
    for (const shadow of found) r.queue.push(shadow);
    r.read();
    expect(r.codes()).toEqual(['20560', '20561']);
    // The root is read, not the light text of the row that hosts it.
    expect(r.diagnoses()).toEqual([dxOf(10)]);
  });

  it('looks through skipped rows in slices for custom elements and fields, however deep, resuming where it stopped', () => {
    const body = claimTable(300);
    const host = document.createElement('claim-code');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '20561';
    const wrap = document.createElement('div');
    wrap.append(host);
    cellAt(body, 40, 1).append(wrap);
    const field = document.createElement('input');
    field.value = '20560';
    const deep = document.createElement('label');
    deep.append(field);
    cellAt(body, 280, 2).append(deep);
    const r = reader();
    r.read();
    expect(r.codes()).toEqual([]);

    const found: ShadowRoot[] = [];
    let slices = 0;
    // A deadline already passed: each slice looks at a few dozen rows, then gives the page its turn.
    while (r.queue.hasUnread) {
      r.queue.lookThroughSkipped(0, (shadow) => found.push(shadow));
      slices += 1;
    }
    expect(slices).toBeGreaterThan(2);
    expect(found).toEqual([root]);
    for (const shadow of found) r.queue.push(shadow);
    r.read();
    expect(r.codes()).toEqual(['20560', '20561']);
  });

  it('reads a changed cell of a skipped row only once the row holds a code', () => {
    const body = claimTable(300);
    const r = reader();
    r.read();
    // A mutation observer hands over the changed cell alone, as the page watcher queues it.
    const dx = cellAt(body, 123, 2);
    dx.textContent = 'M99.9';
    r.queue.push(dx);
    r.read();
    expect(r.diagnoses()).toEqual([]);
    const procedure = cellAt(body, 123, 1);
    procedure.textContent = '20561';
    r.queue.push(procedure);
    r.read();
    expect(r.codes()).toEqual(['20561']);
  });

  it('reads the whole row once a change gives it a code, as a fresh read would', () => {
    const body = claimTable(300);
    const r = reader();
    r.read();
    const cell = cellAt(body, 123, 1);
    cell.textContent = '20561';
    r.queue.push(cell);
    r.read();
    const fresh = reader();
    fresh.read();
    expect(fresh.diagnoses()).toEqual([dxOf(123)]);
    expect(r.diagnoses()).toEqual(fresh.diagnoses());
  });

  it('reads a list afresh when the page replaced its rows between two slices', () => {
    const body = claimTable(300, { 250: '20560' });
    const r = reader();
    // A deadline already passed: the reader stops after opening the first run of rows.
    r.read(0);
    expect(r.queue.empty).toBe(false);
    fillRows(body, 300, { 5: '20561', 260: '20561' });
    r.read();
    expect(r.codes()).toEqual(['20561', '20561']);
    expect(r.diagnoses()).toEqual([dxOf(5), dxOf(260)]);
  });

  it('finds every row with a code in a run by halving it, neighbours and the run edges included', () => {
    const codes = { 0: '20560', 99: '20561', 100: '20561', 101: '20560', 199: '20561', 250: '20560' };
    claimTable(300, codes);
    const r = reader();
    r.read();
    expect(r.codes()).toEqual(Object.values(codes).sort());
    expect(r.diagnoses()).toEqual(Object.keys(codes).map((i) => dxOf(Number(i))).sort());
  });

  // "…2056" ends one row's text and "1…" starts the next: the run shows a hint that no row holds. The second
  // case puts that pair where the guess for a run's only hint lands, across the line its rows are halved at.
  it.each([
    [80, 300],
    [99, 200],
  ])('skips rows whose code appears only when two rows are joined (rows %i and the next, of %i)', (at, rows) => {
    const body = claimTable(rows);
    cellAt(body, at, 2).textContent = 'ref 2056';
    cellAt(body, at + 1, 0).textContent = '1 03/04/2026';
    const r = reader();
    r.read();
    expect(r.codes()).toEqual([]);
    expect(r.diagnoses()).toEqual([]);
  });

  it('finds a run\'s only code from where it falls in the run\'s text, wherever the rows around it make the guess land', () => {
    // One code per 200-row run: at the start, the end, and in the middle after rows far longer than the rest.
    const codes = { 0: '20561', 399: '20560', 500: '20561' };
    const body = claimTable(600, codes);
    for (let i = 400; i < 490; i++) cellAt(body, i, 0).textContent = `03/04/2026 ${'remark '.repeat(40)}`;
    const r = reader();
    r.read();
    expect(r.codes()).toEqual(Object.values(codes).sort());
    expect(r.diagnoses()).toEqual(Object.keys(codes).map((i) => dxOf(Number(i))).sort());
  });

  it('looks through rows the page added as it reads them, stepping over the rows it reads and stopping after the last', () => {
    const body = claimTable(300);
    const r = reader();
    r.read();
    r.queue.lookThroughSkipped(Infinity, () => undefined);
    expect(r.queue.hasUnread).toBe(false);
    // The page appends 120 rows: one with a code and a component, one with a field, one with a component; then one more row with a field.
    const rows: HTMLTableRowElement[] = [];
    for (let i = 0; i < 120; i++) {
      const tr = body.insertRow();
      for (const text of ['03/04/2026', i === 60 ? '20561' : '97110', dxOf(300 + i)]) tr.insertCell().textContent = text;
      rows.push(tr);
    }
    const component = (code: string) => {
      const host = document.createElement('span');
      host.attachShadow({ mode: 'open' }).innerHTML = `<b>${code}</b>`;
      return host;
    };
    const inRead = component('20560');
    rows[60]!.cells[2]!.append(inRead);
    const input = document.createElement('input');
    input.value = '20560';
    rows[10]!.cells[1]!.append(input);
    const inSkipped = component('20561');
    rows[110]!.cells[1]!.append(inSkipped);
    const outside = document.createElement('input');
    outside.value = '20560';
    body.insertRow().insertCell().append(outside);

    r.queue.pushRows(body, rows[0]!, rows.length);
    r.read();
    // Nothing is left for the idle walk; each component is handed over once (the read row's by its reading).
    expect(r.queue.hasUnread).toBe(false);
    expect(r.shadowRoots).toEqual([inSkipped.shadowRoot, inRead.shadowRoot]);
    // The field and the components in the added rows are read; the field in the row after them is not (no change named it).
    expect(r.codes()).toEqual(['20560', '20560', '20561', '20561']);
  });
});
