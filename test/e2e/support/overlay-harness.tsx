// The overlay component exactly as the content script renders it, but in an
// OPEN shadow root on a plain test page, so axe-core (which cannot enter the
// real overlay's closed root) can check it. Same component, same styles.
import { h, render } from 'preact';
import { evaluate, summaryLine } from '../../../src/core/engine';
import { Overlay } from '../../../src/content/overlay/Overlay';
import { styleOverlayRoot } from '../../../src/content/overlay/host';
import { bundledRules } from '../../../src/rules/bundled';

const rules = bundledRules();
const notes = evaluate(
  {
    codes: [{ code: '20561', dateOfService: '2026-03-04' }, { code: '20560', dateOfService: '2026-03-04' }],
    diagnoses: ['M79.18'],
    payer: { id: 'medicare', name: 'Medicare', evidence: 'site www.novitasphere.com belongs to Medicare', source: 'hostname' },
    today: '2026-11-27',
  },
  rules,
);

const host = document.createElement('dnca-overlay');
const { mount } = styleOverlayRoot(host.attachShadow({ mode: 'open' }));
document.documentElement.append(host);

function show(expanded: boolean): void {
  render(
    h(Overlay, {
      notes,
      summary: summaryLine(notes),
      expanded,
      payers: rules.payers.map((p) => ({ id: p.id, name: p.name })),
      onToggle: show,
      onEscape: () => show(false),
      onChoosePayer: () => undefined,
      onJump: () => undefined,
      onDismiss: () => undefined,
      onDrag: () => undefined,
      onDock: () => undefined,
    }),
    mount,
  );
}

(window as unknown as { showOverlay: typeof show }).showOverlay = show;
show(false);
