// @vitest-environment happy-dom
// Text as a person sees it: what collectSegments joins, separates and leaves out,
// how a match maps back to a Range, and what labels a cell.
import { afterEach, describe, expect, it } from 'vitest';
import { findCodes } from '../../src/core/codes';
import { collectSegments, createVisibilityCheck, labelFor, OWN_HOST_ATTR, piecesIn, rangeFor, rowTextOf } from '../../src/content/segments';

function render(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const texts = (root: Node) => collectSegments(root).map((s) => s.text.trim());

afterEach(() => {
  document.body.innerHTML = '';
});

describe('collectSegments', () => {
  it('joins a code split across inline elements into one segment, and its Range covers it', () => {
    render('<table><tr><td><b>2056</b>1</td><td>Search: "<mark>205</mark><span>60</span>"</td></tr></table>');
    const segments = collectSegments(document.body);
    expect(segments.map((s) => s.text)).toEqual(['20561', 'Search: "20560"']);
    const second = segments[1]!;
    const hit = findCodes(second.text)[0]!;
    expect(piecesIn(second, hit.start, hit.end)).toHaveLength(2);
    expect(rangeFor(second, hit.start, hit.end)?.toString()).toBe('20560');
  });

  it('separates cells, blocks, line breaks and spans that play cells', () => {
    render('<table><tr><td>20560</td><td>97140</td></tr></table><p>20561<br>59</p><div role="row"><span role="cell">Payer</span><span role="cell">Aetna</span></div><span style="display:block">A</span><span>B</span>');
    expect(texts(document.body)).toEqual(['20560', '97140', '20561', '59', 'Payer', 'Aetna', 'A', 'B']);
  });

  it('leaves out scripts, styles, noscript, templates, comments, titles and link addresses', () => {
    document.head.innerHTML = '<title>20560</title><style>.a::after{content:"20561"}</style>';
    render('<script>var c = "20560";</script><noscript>20561</noscript><template><p>20560</p></template><!-- 20561 --><p><a href="/cpt/20561">see code</a></p>');
    expect(texts(document)).toEqual(['see code']);
  });

  it('leaves out what the page hides outright: hidden, aria-hidden, display:none, closed details and dialogs', () => {
    render(
      '<p hidden>20560</p><p aria-hidden="true">20561</p><p style="display: none">20560</p><details><summary>Notes</summary><p>20561</p>20560</details>' +
        '<details open><summary>Open</summary><p>20560</p></details><dialog><p>20561</p></dialog><dialog open><p>97140</p></dialog><input type="hidden" value="20560">',
    );
    expect(texts(document.body)).toEqual(['Notes', 'Open', '20560', '97140']);
  });

  it('skips the extension host and reports open shadow roots', () => {
    render(`<div ${OWN_HOST_ATTR}><p>20560</p></div><div id="host"></div>`);
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>20561</p>';
    const found: ShadowRoot[] = [];
    expect(collectSegments(document.body, { onShadowRoot: (r) => found.push(r) })).toEqual([]);
    expect(found).toEqual([shadow]);
    expect(texts(shadow)).toEqual(['20561']);
  });
});

describe('createVisibilityCheck', () => {
  const markup =
    '<p id="shown"><b>20560</b></p><div hidden><b id="h1">1</b></div><div aria-hidden="true"><b id="h2">2</b></div>' +
    '<div style="display:none"><b id="h3">3</b></div><div style="visibility:hidden"><b id="h4">4</b></div>';
  const ids = ['h1', 'h2', 'h3', 'h4'];

  it('sees hidden markup with the DOM’s checkVisibility', () => {
    render(markup);
    const visible = createVisibilityCheck();
    expect(visible(document.querySelector('#shown b')!)).toBe(true);
    for (const id of ids) expect(visible(document.getElementById(id)!), id).toBe(false);
  });

});

describe('labelFor and rowTextOf', () => {
  it('labels a cell by its column header, else its row header', () => {
    render(
      '<table id="t1"><thead><tr><th>DOS</th><th>Claim #</th><th>CPT</th></tr></thead><tbody><tr><td>01/02/2025</td><td id="claim">20560</td><td id="cpt">20561</td></tr></tbody></table>' +
        '<table><tr><th scope="row">Claim number</th><td id="kv">20560</td></tr><tr><th scope="row">Date of service</th><td>03/04/2025</td></tr></table>',
    );
    expect(labelFor(document.getElementById('claim')!)).toBe('Claim #');
    expect(labelFor(document.getElementById('cpt')!)).toBe('CPT');
    expect(labelFor(document.getElementById('kv')!)).toBe('Claim number');
    expect(rowTextOf(document.getElementById('cpt')!)).toBe('01/02/2025 20560 20561');
    expect(rowTextOf(document.getElementById('kv')!)).toContain('Date of service 03/04/2025');
  });

  it('labels a <dd> by its <dt>, a value by the <label> or <legend> before it, and a grid cell by its column header', () => {
    render(
      '<dl><dt>Payer</dt><dd>Aetna</dd><dt>Claim Number</dt><dd id="dd">20561</dd></dl>' +
        '<div><label>Auth #</label><div id="after-label">20560</div></div><fieldset><legend>21. Diagnosis</legend><p id="dx">A: M5459</p></fieldset>' +
        '<div role="grid"><div role="row"><span role="columnheader">Proc</span><span role="columnheader">Units</span></div><div role="row"><span role="cell" id="gc">20560</span><span role="cell">1</span></div></div>',
    );
    expect(labelFor(document.getElementById('dd')!)).toBe('Claim Number');
    expect(labelFor(document.getElementById('after-label')!)).toBe('Auth #');
    expect(labelFor(document.getElementById('dx')!)).toBe('21. Diagnosis');
    expect(labelFor(document.getElementById('gc')!)).toBe('Proc');
    expect(rowTextOf(document.getElementById('dd')!)).toBe('Payer Aetna Claim Number 20561');
  });

  it('lets the label decide between an id and a code', () => {
    expect(findCodes('20561', { label: 'Claim Number' })).toEqual([]);
    expect(findCodes('20561', { label: 'Check amount' })).toEqual([]);
    expect(findCodes('20561', { label: 'Payee ZIP' })).toEqual([]);
    expect(findCodes('20561', { label: 'Procedure code' }).map((h) => h.code)).toEqual(['20561']);
    expect(findCodes('20561', { label: '24D CPT/HCPCS' }).map((h) => h.code)).toEqual(['20561']);
    expect(findCodes('Billed with 20561', { label: 'Claim Number' }).map((h) => h.code)).toEqual(['20561']);
  });
});
