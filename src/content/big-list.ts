import { ELEMENT_NODE } from './node-types';
import { wordSet } from '../core/word-set';
// Long lists of records: a claim history's rows, a search result list, a
// virtualized grid. Most rows hold no dry needling code, and the diagnoses,
// dates and names on them belong to other claims. So a row of such a list is
// read only when a native look at its text (textContent, or one Range over a
// run of rows) finds a code, or a payer's name where the site does not settle
// the payer. This is what keeps a 100,000-row page cheap.

/** A list with at least this many rows is read row by row on demand. */
export const BIG_LIST_ROWS = 100;

const LIST_TAGS = wordSet('TABLE TBODY THEAD TFOOT UL OL');
const LIST_ROLES = wordSet('grid treegrid table rowgroup list listbox tree feed');

/** Rows further than this below their list are not looked for: a record is shallow. */
const MAX_ROW_DEPTH = 16;

export function isBigList(el: Element): boolean {
  if (!LIST_TAGS.has(el.tagName)) {
    const role = el.getAttribute('role');
    if (role === null || !LIST_ROLES.has(role)) return false;
  }
  // Not childElementCount, nor children[99]: after a change both count every child, and a list may have 100,000.
  let row = el.firstElementChild;
  for (let i = 1; row && i < BIG_LIST_ROWS; i++) row = row.nextElementSibling;
  return row !== null;
}

/** The row of a big list that holds this node (the node itself if it is one), or null. */
export function bigListRow(node: Node): Element | null {
  let el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  for (let depth = 0; el && depth < MAX_ROW_DEPTH; depth++) {
    const parent = el.parentElement;
    if (parent && isBigList(parent)) return el;
    el = parent;
  }
  return null;
}

/** Anything a code could be made of, as text content joins it ("<b>2056</b>1" reads "20561"). */
const CODE_HINT = /2056[01]/;
const CODE_HINTS = /2056[01]/g;

/** Is a row with this text worth reading exactly? */
export interface RowTest {
  (text: string): boolean;
  /**
   * Where the text's one hint starts, if it shows exactly one; -1 otherwise.
   * Absent when hints cannot be counted (payer names are looked for too).
   */
  onlyHintAt?: (text: string) => number;
}

export function rowTest(payerHint?: (text: string) => boolean): RowTest {
  if (payerHint) return (text) => CODE_HINT.test(text) || payerHint(text);
  const test: RowTest = (text) => CODE_HINT.test(text);
  test.onlyHintAt = (text) => {
    const hints = [...text.matchAll(CODE_HINTS)];
    return hints.length === 1 ? hints[0]!.index : -1;
  };
  return test;
}
