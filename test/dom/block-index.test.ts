// @vitest-environment happy-dom
// dropWithinAll (rows a page appended, dropped in one pass) must forget
// exactly what dropWithin forgets scope by scope, shadow hosts included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockIndex } from '../../src/content/block-index';

const NO_RANGES = { added() {}, removed() {} };

/** A list of rows, some cells holding a shadow root, and every element of it filed in the index. */
function fixture(): { blocks: Element[]; scopes: (Element | ShadowRoot)[] } {
  document.body.innerHTML = '';
  const list = document.createElement('ul');
  const blocks: Element[] = [];
  const scopes: (Element | ShadowRoot)[] = [];
  for (let i = 0; i < 6; i++) {
    const row = document.createElement('li');
    const cell = document.createElement('p');
    row.append(cell);
    list.append(row);
    blocks.push(row, cell);
    scopes.push(row, cell);
    if (i % 2 === 0) {
      const host = document.createElement('div');
      const root = host.attachShadow({ mode: 'open' });
      const inner = document.createElement('p');
      root.append(inner, document.createElement('slot'));
      // A light child of the host: reading the shadow root again must not forget it.
      const light = document.createElement('p');
      host.append(light);
      cell.append(host);
      blocks.push(host, inner, light);
      scopes.push(host, root);
    }
  }
  document.body.append(list);
  return { blocks, scopes };
}

/** Each block filed with its own mark, so what is left says which blocks are kept. */
function filled(blocks: Element[]): BlockIndex {
  const index = new BlockIndex(NO_RANGES);
  const gen = index.nextGen();
  blocks.forEach((block, i) => index.addDiagnosis(index.entry(block, gen), `B${i}`));
  return index;
}

const kept = (index: BlockIndex) => [...index.values()].flatMap((e) => e.diagnoses).sort();

describe('BlockIndex.dropWithinAll', () => {
  it('forgets the same blocks as dropWithin, one scope at a time', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(30), { maxLength: 8 }), (picks) => {
        const { blocks, scopes } = fixture();
        const chosen = picks.filter((i) => i < scopes.length).map((i) => scopes[i]!);
        const one = filled(blocks);
        for (const scope of chosen) one.dropWithin(scope);
        const all = filled(blocks);
        all.dropWithinAll(chosen);
        expect(kept(all)).toEqual(kept(one));
      }),
      { numRuns: 200 },
    );
  });

  it('forgets the same blocks when told the scopes\' common parent (rows of one list)', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.uniqueArray(fc.nat(20), { maxLength: 6 }), (parentPick, childPicks) => {
        const { blocks, scopes } = fixture();
        const parents = scopes.filter((s) => s.nodeType === Node.ELEMENT_NODE && (s as Element).children.length > 0) as Element[];
        if (parents.length === 0) return;
        const parent = parents[parentPick % parents.length]!;
        const chosen = [...new Set(childPicks.map((i) => parent.children[i % parent.children.length]!))];
        const one = filled(blocks);
        for (const scope of chosen) one.dropWithin(scope);
        const all = filled(blocks);
        all.dropWithinAll(chosen, parent);
        expect(kept(all)).toEqual(kept(one));
      }),
      { numRuns: 200 },
    );
  });
});
