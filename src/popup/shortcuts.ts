// The popup's keyboard shortcuts, on one hand: Alt+1…4 open a section, Alt+C
// copies the call note, Alt+N moves to the next unanswered question. Alt, not
// Ctrl: Ctrl+C and Ctrl+N belong to the browser. Keys are read by physical
// position (e.code) so they work on any keyboard layout.
import { nextUnanswered } from '../core/call-session';
import type { ChecklistQuestion } from '../core/rules-schema';

export interface ShortcutContext {
  sections: readonly { id: string }[];
  select: (id: string) => void;
  questions: readonly ChecklistQuestion[];
  answers: Readonly<Record<string, string>>;
}

/** Runs after Preact has rendered a state change (its renders are queued as microtasks). */
function afterRender(fn: () => void): void {
  setTimeout(fn, 0);
}

/** The question whose control holds the focus, if any: "next" starts after it. */
function focusedQuestion(): string | undefined {
  const li = (document.activeElement as HTMLElement | null)?.closest('li');
  return li?.querySelector('[id^="q-"]')?.id.slice(2);
}

export function handleShortcut(e: KeyboardEvent, ctx: ShortcutContext): void {
  if (!e.altKey || e.ctrlKey || e.metaKey) return;
  const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
  const target = digit ? ctx.sections[Number(digit) - 1] : undefined;
  if (target) {
    e.preventDefault();
    ctx.select(target.id);
    afterRender(() => document.getElementById(`tab-${target.id}`)?.focus());
  } else if (e.code === 'KeyC') {
    e.preventDefault();
    ctx.select('checklist');
    afterRender(() => document.getElementById('copy-note')?.click());
  } else if (e.code === 'KeyN') {
    e.preventDefault();
    const id = nextUnanswered(ctx.questions, ctx.answers, focusedQuestion());
    ctx.select('checklist');
    afterRender(() => document.getElementById(id ? `q-${id}` : 'copy-note')?.focus());
  }
}
