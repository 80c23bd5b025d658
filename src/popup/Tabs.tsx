// The popup's sections as an ARIA tablist: arrow keys, Home and End move
// between tabs (automatic activation), Tab goes into the open panel.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabDef {
  id: string;
  label: string;
  /** Shortcut shown to people and to screen readers, e.g. "Alt+2". */
  shortcut: string;
}

export function Tabs({ tabs, selected, onSelect, children }: { tabs: readonly TabDef[]; selected: string; onSelect: (id: string) => void; children: ComponentChildren }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === selected);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    onSelect(next.id);
    list.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label="Sections" class="tabs" ref={list} onKeyDown={move}>
        {tabs.map((t) => (
          <button
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            key={t.id}
            aria-selected={t.id === selected}
            aria-controls={`panel-${t.id}`}
            aria-keyshortcuts={t.shortcut}
            tabIndex={t.id === selected ? 0 : -1}
            title={`${t.label} (${t.shortcut})`}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`} class="panel">
        {children}
      </div>
    </>
  );
}
