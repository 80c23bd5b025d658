// Highlights code occurrences with the CSS Custom Highlight API: ranges over
// the page's own text nodes, so no node is split, wrapped or added. Browsers
// without the API show no highlight rather than a rewritten DOM.

export const HIGHLIGHT_NAME = 'dnca-dry-needling-code';

const CSS_TEXT = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(255, 196, 0, 0.55); color: inherit; text-decoration: underline 2px rgba(180, 83, 9, 0.9); }`;

const styled = new WeakSet<Document | ShadowRoot>();

function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

// The ::highlight rule must live in each tree scope whose text is highlighted.
// One adopted sheet with one rule that names only our highlight: it cannot
// restyle anything of the page's.
function ensureStyle(scope: Document | ShadowRoot): void {
  if (styled.has(scope)) return;
  styled.add(scope);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
  } catch {
    // A page that froze adoptedStyleSheets: highlights stay invisible, nothing breaks.
  }
}

export function setHighlights(ranges: readonly Range[]): void {
  if (!highlightsSupported()) return;
  for (const range of ranges) {
    const scope = range.startContainer.getRootNode();
    if (scope instanceof Document || scope instanceof ShadowRoot) ensureStyle(scope);
  }
  if (ranges.length === 0) {
    CSS.highlights.delete(HIGHLIGHT_NAME);
    return;
  }
  const highlight = new Highlight(...ranges);
  CSS.highlights.set(HIGHLIGHT_NAME, highlight);
}

export function clearHighlights(): void {
  if (highlightsSupported()) CSS.highlights.delete(HIGHLIGHT_NAME);
}
