// Highlights code occurrences with the CSS Custom Highlight API: ranges over
// the page's own text nodes, so no node is split, wrapped or added. One
// Highlight object is kept and ranges come and go one by one, so a page that
// re-renders never sees the highlight cleared and drawn again (no flicker).
// Every browser the manifests allow has the API (it came in Chrome 105 and
// Firefox 140; the minimums are Chrome 121 and Firefox 142).
import type { RangeListener } from './block-index';

export const HIGHLIGHT_NAME = 'dnca-dry-needling-code';

// Amber at 65% behind the text; written tight, as it ships in every frame's script. No underline
// or shadow: Chromium recomputes the visual overflow of every node a decorated highlight covers
// each time it checks the markers (after any change to the page), up through the whole table:
// a 150 ms frame after each new highlight on a 20,000-row claim list, against 15 ms without.
const CSS_TEXT = `::highlight(${HIGHLIGHT_NAME}){background-color:#ffc400a6;color:inherit}`;

export class CodeHighlighter implements RangeListener {
  #highlight: Highlight | null = null;
  readonly #styled = new Map<Document | ShadowRoot, CSSStyleSheet>();

  #enabled: boolean;

  constructor(enabled: boolean) {
    this.#enabled = enabled;
  }

  /** The user turned highlighting on or off: pages already open follow, with the ranges already found. */
  setEnabled(enabled: boolean, ranges: readonly Range[]): void {
    if (enabled === this.#enabled) return;
    if (!enabled) {
      this.clear();
      this.#enabled = false;
      return;
    }
    this.#enabled = true;
    this.prepare(document);
    for (const range of ranges) this.added(range);
  }

  // The ::highlight rule must live in each tree scope whose text is highlighted.
  // One adopted sheet with one rule that names only our highlight: it cannot
  // restyle anything of the page's.
  /**
   * Adds the rule before reading starts: adding it mid-scan would make the
   * browser restyle the page, and the next visibility check wait for that.
   */
  prepare(scope: Document | ShadowRoot): void {
    if (this.#enabled) this.#ensureStyle(scope);
  }

  #ensureStyle(scope: Document | ShadowRoot): void {
    if (this.#styled.has(scope)) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS_TEXT);
      scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
      this.#styled.set(scope, sheet);
      // Shadow roots a re-rendering page threw away are not kept alive by us.
      if (this.#styled.size > 32) for (const s of this.#styled.keys()) if (!s.isConnected) this.#styled.delete(s);
    } catch {
      // A page that froze adoptedStyleSheets: highlights stay invisible, nothing breaks.
    }
  }

  added(range: Range): void {
    if (!this.#enabled) return;
    const scope = range.startContainer.getRootNode();
    if (scope instanceof Document || scope instanceof ShadowRoot) this.#ensureStyle(scope);
    if (!this.#highlight) {
      this.#highlight = new Highlight();
      CSS.highlights.set(HIGHLIGHT_NAME, this.#highlight);
    }
    this.#highlight.add(range);
  }

  removed(range: Range): void {
    this.#highlight?.delete(range);
  }

  /** Takes the highlight and our ::highlight rules away (teardown). */
  clear(): void {
    if (CSS.highlights.get(HIGHLIGHT_NAME) === this.#highlight) CSS.highlights.delete(HIGHLIGHT_NAME);
    this.#highlight = null;
    for (const [scope, sheet] of this.#styled) {
      try {
        scope.adoptedStyleSheets = scope.adoptedStyleSheets.filter((s) => s !== sheet);
      } catch {
        // Frozen by the page: the rule names only our highlight, which is gone.
      }
    }
    this.#styled.clear();
  }
}
