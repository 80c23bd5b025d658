// Cell labels, remembered per table column. labelFor reads a column's header
// by looking through the table's rows, which on a 100,000-row claim list is
// far too slow to do for every row; a column's header is the same for each
// of its cells unless the row has its own header cell.
import { HEADER_ROWS_LOOKED_AT, labelFor, TABLE_SELECTOR } from './segments';
import { ELEMENT_NODE } from './node-types';

const CELL = 'td, [role="cell"], [role="gridcell"]';

function isHeaderCell(el: Element): boolean {
  const role = el.getAttribute('role');
  return el.tagName === 'TH' || role === 'rowheader' || role === 'columnheader';
}

export class LabelCache {
  #byTable = new WeakMap<Element, Map<number, string | undefined>>();

  label(block: Element): string | undefined {
    const cell = block.closest(CELL);
    const row = cell?.parentElement;
    const table = cell?.closest(TABLE_SELECTOR);
    if (!cell || !row || !table) return labelFor(block);
    let index = 0;
    for (let c = row.firstElementChild; c && c !== cell; c = c.nextElementSibling) {
      // A row header speaks for this row only: not the column's label.
      if (isHeaderCell(c)) return labelFor(block);
      index += 1;
    }
    let columns = this.#byTable.get(table);
    if (!columns) {
      columns = new Map();
      this.#byTable.set(table, columns);
    }
    if (!columns.has(index)) columns.set(index, labelFor(block));
    return columns.get(index);
  }

  /** Headers may have changed (a table re-rendered with new columns). */
  clear(): void {
    this.#byTable = new WeakMap();
  }
}

/**
 * Does this added or removed node carry table headers? Then cached labels may
 * be wrong. A row of headers starts with one; rows a page appends by the
 * hundred are told apart by their first cell, without a query each.
 */
export function touchesHeaders(node: Node): boolean {
  if (node.nodeType !== ELEMENT_NODE) return false;
  const el = node as Element;
  if (el.tagName === 'TR') return el.firstElementChild !== null && isHeaderCell(el.firstElementChild);
  return el.tagName === 'TABLE' || el.tagName === 'THEAD' || isHeaderCell(el);
}

/**
 * Do rows inserted into a table section carry headers? Only rows near the
 * table's top can: labelFor looks no further. A page appending to a long
 * list is answered from where the new rows start, without looking at them.
 */
export function addsHeaders({ first, last }: { first: Element; last: Element }): boolean {
  let above = 0;
  for (let row = first.previousElementSibling; row && above < HEADER_ROWS_LOOKED_AT; row = row.previousElementSibling) above += 1;
  if (above >= HEADER_ROWS_LOOKED_AT) return false;
  for (let row: Element | null = first; row; row = row === last ? null : row.nextElementSibling) if (touchesHeaders(row)) return true;
  return false;
}
