// @vitest-environment happy-dom
// Property-based tests of the content script's reading path in happy-dom:
// random DOM trees (inline and block elements, scripts, styles, templates,
// open and closed shadow roots) with codes planted in known places, then
// random mutation sequences. The reader never throws, always finishes, and
// finds exactly the planted codes a person could see, both when it reads
// the page whole and when it folds mutations into partial re-reads the way
// the page watcher does.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockIndex } from '../../src/content/block-index';
import { ChangeSet } from '../../src/content/change-set';
import { ScanQueue } from '../../src/content/scan-queue';
import { scanScopes, type ScanEnv } from '../../src/content/scanner';

type Spec = { kind: 'text'; value: string } | { kind: 'el'; tag: string; shadow: 'none' | 'open' | 'closed'; children: Spec[] };

// Filler never looks like a code, a label or a diagnosis; a planted code is preceded by "CPT", which makes it one.
const WORDS = ['alpha', 'bravo', 'charlie', 'echo', 'golf', 'hotel', 'juliet', 'kilo', 'lima', 'oscar'];
const filler = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => ` ${w.join(' ')} `);
const planted = fc.constantFrom(' CPT 20560 ', ' CPT 20561 ');
const textValue = fc.oneof({ arbitrary: filler, weight: 3 }, { arbitrary: planted, weight: 2 });
const PLANTED = /CPT (2056[01])/g;

// Tags whose text a person does not read (the scanner must skip them), and ordinary ones.
const UNREAD = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
const TAGS = ['div', 'p', 'span', 'b', 'em', 'section', 'li', 'td', 'a', 'script', 'style', 'template', 'noscript'];
const SHADOW_HOSTS = new Set(['div', 'span', 'section', 'p']);

const { tree } = fc.letrec<{ tree: Spec; node: Spec; text: Spec; el: Spec }>((tie) => ({
  tree: fc.array(tie('node'), { minLength: 1, maxLength: 6 }).map((children) => ({ kind: 'el' as const, tag: 'div', shadow: 'none' as const, children })),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('text'), tie('el')),
  text: textValue.map((value) => ({ kind: 'text' as const, value })),
  el: fc.oneof(
    fc.record({
      kind: fc.constant('el' as const),
      tag: fc.constantFrom(...TAGS.filter((t) => !UNREAD.has(t.toUpperCase()))),
      shadow: fc.constantFrom('none' as const, 'none' as const, 'open' as const, 'closed' as const),
      children: fc.array(tie('node'), { maxLength: 5 }),
    }),
    // As a parser makes them: scripts, styles and the like hold text only.
    fc.record({
      kind: fc.constant('el' as const),
      tag: fc.constantFrom(...TAGS.filter((t) => UNREAD.has(t.toUpperCase()))),
      shadow: fc.constant('none' as const),
      children: fc.array(tie('text'), { maxLength: 3 }),
    }),
  ),
}));

/** Closed roots are invisible to the scanner but the test keeps them to mutate inside. */
const closedRoots = new WeakMap<Element, ShadowRoot>();

function build(spec: Spec): Node {
  if (spec.kind === 'text') return document.createTextNode(spec.value);
  const el = document.createElement(spec.tag);
  const shadow = spec.shadow !== 'none' && SHADOW_HOSTS.has(spec.tag) ? el.attachShadow({ mode: spec.shadow }) : null;
  if (shadow && spec.shadow === 'closed') closedRoots.set(el, shadow);
  // A shadow host shows its root, not its light children, so children go into the root.
  for (const child of spec.children) (shadow ?? el).appendChild(build(child));
  return el;
}

function childrenOf(node: Node): Node[] {
  const kids: Node[] = [...node.childNodes];
  if (node.nodeType === Node.ELEMENT_NODE) {
    const el = node as Element;
    const root = el.shadowRoot ?? closedRoots.get(el);
    if (root) kids.push(root);
  }
  return kids;
}

/**
 * Every node under body and through open shadow roots. Mutations stay out of
 * closed roots: the reader cannot observe one by design, so what moves in or
 * out of it is a known blind spot (as is a node moved into another frame).
 */
function allNodes(): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    out.push(n);
    for (const c of childrenOf(n)) if (!(c instanceof ShadowRoot && c.mode === 'closed')) walk(c);
  };
  walk(document.body);
  return out;
}

/** The oracle: planted codes in text a person sees (not in unread tags, not behind a closed root). */
function visibleCodes(): string[] {
  const codes: string[] = [];
  const walk = (n: Node, readable: boolean) => {
    if (n.nodeType === Node.TEXT_NODE) {
      if (readable) for (const m of (n as Text).data.matchAll(PLANTED)) codes.push(m[1]!);
      return;
    }
    const el = n.nodeType === Node.ELEMENT_NODE ? (n as Element) : null;
    const here = readable && !(el && UNREAD.has(el.tagName));
    for (const c of n.childNodes) walk(c, here);
    if (el?.shadowRoot) walk(el.shadowRoot, here);
    const closed = el && closedRoots.get(el);
    if (closed) walk(closed, false);
  };
  walk(document.body, true);
  return codes.sort();
}

function codesIn(index: BlockIndex): string[] {
  return [...index.values()].flatMap((e) => e.findings.map((f) => f.code)).sort();
}

const NO_RANGES = { added() {}, removed() {} };

/** No payer directory, and no cell labels: every planted code is preceded by "CPT", whatever its cell's header says. */
function scanEnv(index: BlockIndex, onShadowRoot: (root: ShadowRoot) => void): ScanEnv {
  return { index, directory: [], onShadowRoot, labels: { label: () => undefined } } as unknown as ScanEnv;
}

/** Reads the whole document, following open shadow roots as the content script does. */
function readWhole(): string[] {
  const index = new BlockIndex(NO_RANGES);
  const queue = new ScanQueue();
  const env = scanEnv(index, (root) => queue.push(root));
  queue.push(document);
  queue.runUntil(Infinity, (scopes) => scanScopes(scopes, env), env.onShadowRoot);
  return codesIn(index);
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'aria-hidden', 'open'] };

/** The page watcher's incremental path without its timers: observe, fold the records, re-read what changed. */
class IncrementalReader {
  readonly index = new BlockIndex(NO_RANGES);
  private readonly queue = new ScanQueue();
  private readonly changes = new ChangeSet();
  private readonly observers = new Map<Node, MutationObserver>();
  private readonly env = scanEnv(this.index, (root) => {
    this.observe(root);
    this.queue.push(root);
  });

  constructor() {
    this.observe(document);
    this.queue.push(document);
    this.read();
  }

  private observe(root: Document | ShadowRoot): void {
    if (this.observers.has(root)) return;
    const observer = new MutationObserver((records) => this.changes.add(records));
    observer.observe(root, OBSERVE);
    this.observers.set(root, observer);
  }

  /** Folds what the observers saw (as PageWatcher.fold does) and re-reads it. */
  settle(): void {
    for (const o of this.observers.values()) this.changes.add(o.takeRecords());
    const { rescan, removed, scopes, added } = this.changes.drain();
    if (rescan) {
      this.index.clear();
      this.queue.clear();
      this.queue.push(document);
    } else {
      if (removed.length) this.index.dropRemoved(removed);
      for (const scope of scopes) {
        if (!scope.isConnected) continue;
        this.index.dropWithin(scope);
        this.queue.push(scope);
      }
      for (const { first, last } of added) for (let row: Element | null = first; row; row = row === last ? null : row.nextElementSibling) this.queue.push(row);
    }
    this.read();
  }

  private read(): void {
    this.queue.runUntil(Infinity, (scopes) => scanScopes(scopes, this.env), this.env.onShadowRoot);
  }

  stop(): void {
    for (const o of this.observers.values()) o.disconnect();
  }
}

type Mutation =
  | { op: 'remove'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'retext'; at: number; text: string }
  | { op: 'move'; at: number; to: number }
  | { op: 'wrap'; at: number; tag: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: textValue }),
  fc.record({ op: fc.constant('retext' as const), at: fc.nat(), text: textValue }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  // Live content is wrapped only in readable tags: pages do not park rendered DOM in scripts or styles.
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat(), tag: fc.constantFrom(...TAGS.filter((t) => !UNREAD.has(t.toUpperCase()))) }),
);

/**
 * Where nodes may be put: not a shadow host's light DOM, which a browser does
 * not show without a slot, and no live content moved into a script or style,
 * where pages do not park it.
 */
function containers(forMove = false): ParentNode[] {
  return allNodes().filter((n): n is Element | ShadowRoot => {
    if (n.nodeType === Node.ELEMENT_NODE) {
      const el = n as Element;
      return !el.shadowRoot && !closedRoots.has(el) && !(forMove && UNREAD.has(el.tagName));
    }
    return n.nodeType === Node.DOCUMENT_FRAGMENT_NODE;
  });
}

function apply(m: Mutation): void {
  const nodes = allNodes().filter((n) => n !== document.body && n.nodeType !== Node.DOCUMENT_FRAGMENT_NODE);
  const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  switch (m.op) {
    case 'remove':
      (pick(nodes, m.at) as ChildNode | undefined)?.remove();
      return;
    case 'insert':
      pick(containers(), m.at)?.append(document.createTextNode(m.text));
      return;
    case 'retext': {
      const text = pick(
        nodes.filter((n) => n.nodeType === Node.TEXT_NODE),
        m.at,
      ) as Text | undefined;
      if (text) text.data = m.text;
      return;
    }
    case 'move': {
      const node = pick(nodes, m.at);
      if (!node) return;
      // Never into itself or its own subtree (including its shadow root).
      const inside = new Set<Node>();
      const mark = (n: Node) => {
        inside.add(n);
        for (const c of childrenOf(n)) mark(c);
      };
      mark(node);
      pick(
        containers(true).filter((c) => !inside.has(c as Node)),
        m.to,
      )?.append(node);
      return;
    }
    case 'wrap': {
      const node = pick(nodes, m.at) as ChildNode | undefined;
      if (!node?.parentNode) return;
      const wrapper = document.createElement(m.tag);
      node.replaceWith(wrapper);
      wrapper.append(node);
    }
  }
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('cases the fuzzer found', () => {
  it('a block moved into a style (or any element never read) takes its codes with it', () => {
    const cell = document.createElement('div');
    cell.append(document.createTextNode(' CPT 20560 '));
    const row = document.createElement('div');
    row.append(cell);
    document.body.replaceChildren(row);
    const reader = new IncrementalReader();
    expect(codesIn(reader.index)).toEqual(['20560']);
    const style = document.createElement('style');
    row.replaceWith(style);
    style.append(row);
    reader.settle();
    expect(codesIn(reader.index)).toEqual([]);
    reader.stop();
  });

  it('text placed directly in an open shadow root is read, and re-read when it changes', () => {
    const host = document.createElement('div');
    const text = document.createTextNode(' CPT 20560 ');
    host.attachShadow({ mode: 'open' }).append(text);
    document.body.replaceChildren(host);
    const reader = new IncrementalReader();
    expect(codesIn(reader.index)).toEqual(['20560']);
    text.data = ' CPT 20561 ';
    reader.settle();
    expect(codesIn(reader.index)).toEqual(['20561']);
    reader.stop();
  });
});

describe('the reader on random pages (fast-check)', () => {
  it('reads a random tree without throwing and finds exactly the planted codes a person can see', () => {
    fc.assert(
      fc.property(tree, (spec) => {
        document.body.replaceChildren(build(spec));
        const started = performance.now();
        const found = readWhole();
        expect(performance.now() - started).toBeLessThan(2000);
        expect(found).toEqual(visibleCodes());
      }),
      { numRuns: 150 },
    );
  });

  it('after random mutation sequences, partial re-reads agree with a whole read and with the planted codes', () => {
    fc.assert(
      fc.property(tree, fc.array(mutation, { minLength: 1, maxLength: 12 }), (spec, mutations) => {
        document.body.replaceChildren(build(spec));
        const reader = new IncrementalReader();
        try {
          expect(codesIn(reader.index)).toEqual(visibleCodes());
          for (const m of mutations) {
            apply(m);
            reader.settle();
            const expected = visibleCodes();
            expect(readWhole(), `whole read after ${m.op}`).toEqual(expected);
            expect(codesIn(reader.index), `partial re-read after ${m.op}`).toEqual(expected);
          }
        } finally {
          reader.stop();
        }
      }),
      { numRuns: 120 },
    );
  });
});
