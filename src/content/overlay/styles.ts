// Styles for the overlay's closed shadow root. `all: initial` on the host
// stops the page's inherited styles at the door; pixel units only, because a
// page's root font size would otherwise scale us.
export const OVERLAY_CSS = `
:host { all: initial !important; position: fixed !important; inset: auto 16px 16px auto !important; margin: 0 !important;
  padding: 0 !important; border: 0 !important; background: transparent !important; overflow: visible !important;
  width: auto !important; height: auto !important; max-width: none !important; max-height: none !important;
  z-index: 2147483647 !important; color-scheme: light dark; display: block !important; }
/* The corner decides which way the panel opens: away from the edge it is docked to. */
:host([data-dock^="top"]) .root { flex-direction: column; }
:host([data-dock$="left"]) .root { align-items: flex-start; }
:host([data-dock^="top"]) .panel { margin: 8px 0 0; }
* { box-sizing: border-box; }
.root { display: flex; flex-direction: column-reverse; align-items: flex-end; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --warn-bg: #fff8c5; --warn-fg: #6a4a00;
  --ok: #1a7f37; --bad: #b42318; --pill: #0b5cad; --pill-fg: #ffffff; }
@media (prefers-color-scheme: dark) {
  .root { --bg: #161b22; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --accent: #6cb6ff; --warn-bg: #3b2e00; --warn-fg: #f2cc60;
    --ok: #56d364; --bad: #ff7b72; --pill: #1f6feb; --pill-fg: #ffffff; color: #e6edf3; }
}
.pill { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 8px; max-width: 420px; padding: 8px 14px;
  border-radius: 999px; background: var(--pill); color: var(--pill-fg); font: 600 13px/1.3 system-ui, sans-serif; cursor: pointer;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bar { display: inline-flex; align-items: center; gap: 4px; }
.grip { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center; width: 28px; height: 32px;
  border-radius: 8px; color: var(--fg); background: var(--bg); border: 1px solid var(--line); cursor: grab; touch-action: none; font: 16px/1 system-ui, sans-serif; }
.grip:active { cursor: grabbing; }
.pill:focus-visible, .grip:focus-visible, button:focus-visible, select:focus-visible, a:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.panel { width: 380px; max-width: calc(100vw - 32px); max-height: min(70vh, 620px); overflow: auto;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 10px 30px rgba(0,0,0,.3); padding: 12px 14px; margin: 0 0 8px; }
h2:focus { outline: none; }
.head { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
h2 { font: 700 15px/1.3 system-ui, sans-serif; margin: 0 0 2px; color: var(--fg); }
h3 { font: 700 13px/1.3 system-ui, sans-serif; margin: 12px 0 4px; color: var(--fg); }
p, li { margin: 0 0 6px; font-size: 13px; }
ul { margin: 0; padding: 0 0 0 18px; }
.muted { color: var(--muted); font-size: 12px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 999px; border: 1px solid var(--line); font-size: 12px; font-weight: 600; margin-left: 6px; }
.met { color: var(--ok); } .missed { color: var(--bad); }
.warn { background: var(--warn-bg); color: var(--warn-fg); border-radius: 6px; padding: 6px 8px; margin: 8px 0; }
button.link, .actions button { all: unset; cursor: pointer; color: var(--accent); text-decoration: underline; font-size: 12px; }
.actions { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 10px; }
.close { all: unset; cursor: pointer; font-size: 18px; line-height: 1; padding: 2px 6px; border-radius: 4px; color: var(--muted); }
select { font: 13px system-ui, sans-serif; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 2px 4px; }
a { color: var(--accent); }
@media (prefers-reduced-motion: no-preference) { .panel { animation: dnca-in .12s ease-out; } }
@keyframes dnca-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
`;
