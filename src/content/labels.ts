// Cell labels, remembered per table column. labelFor reads a column's header
// by looking through the table's rows, which on a 100,000-row claim list is
// far too slow to do for every row; a column's header is the same for each
// of its cells unless the row has its own header cell.
import { labelFor } from './segments';
import { ELEMENT_NODE } from './node-types';

const CELL = 'td, [role="cell"], [role="gridcell"]';
const TABLE = 'table, [role="table"], [role="grid"]';

function isHeaderCell(el: Element): boolean {
  const role = el.getAttribute('role');
  return el.tagName === 'TH' || role === 'rowheader' || role === 'columnheader';
}

export class LabelCache {
  #byTable = new WeakMap<Element, Map<number, string | undefined>>();

  label(block: Element): string | undefined {
    const cell = block.closest(CELL);
    const row = cell?.parentElement;
    const table = cell?.closest(TABLE);
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
