// The verification call in progress: answers by question id, as plain data
// the popup keeps in storage. Pure: no storage or clock of its own.
import * as z from 'zod';
import type { ChecklistQuestion } from './rules-schema';

export const CALL_SESSION_VERSION = 1;

export const CallSessionSchema = z.object({
  version: z.literal(CALL_SESSION_VERSION),
  /** When this call's answers were started (ISO date-time). */
  startedAt: z.string().max(40),
  answers: z.record(z.string().max(60), z.string().max(2000)),
  /** Free text at the end of the note. */
  notes: z.string().max(5000),
  /** Medicare visit dates (YYYY-MM-DD). */
  visits: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400),
  /** Appeal checklist items ticked (the letter of medical necessity's contents), as "stepId:index". */
  appealChecks: z.array(z.string().max(80)).max(100),
});
export type CallSession = z.infer<typeof CallSessionSchema>;

export function newCallSession(now: Date): CallSession {
  return { version: CALL_SESSION_VERSION, startedAt: now.toISOString(), answers: {}, notes: '', visits: [], appealChecks: [] };
}

/** A stored value that is missing or corrupt starts a fresh call rather than breaking the popup. */
export function parseCallSession(raw: unknown, now: Date): CallSession {
  const parsed = CallSessionSchema.safeParse(raw);
  return parsed.success ? parsed.data : newCallSession(now);
}

export interface PrefillContext {
  codes: readonly string[];
  diagnoses: readonly string[];
  payerName: string | null;
  /** Local date and time as a datetime-local value: YYYY-MM-DDTHH:MM. */
  now: string;
}

/** Local time as an `<input type="datetime-local">` value. */
export function localDateTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function prefillValue(q: ChecklistQuestion, ctx: PrefillContext): string {
  switch (q.prefill) {
    case 'cpt':
      return ctx.codes.join(', ');
    case 'icd10':
      return ctx.diagnoses.join(', ');
    case 'payer':
      return ctx.payerName ?? '';
    case 'now':
      return ctx.now;
    default:
      return '';
  }
}

/** Fills what the page already knows into questions not yet answered; never overwrites an answer. */
export function prefillAnswers(questions: readonly ChecklistQuestion[], answers: Readonly<Record<string, string>>, ctx: PrefillContext): Record<string, string> {
  const next = { ...answers };
  for (const q of questions) {
    if ((next[q.id] ?? '').trim() !== '') continue;
    const value = prefillValue(q, ctx);
    if (value) next[q.id] = value;
  }
  return next;
}

export function isAnswered(answers: Readonly<Record<string, string>>, id: string): boolean {
  return (answers[id] ?? '').trim() !== '';
}

export function progress(questions: readonly ChecklistQuestion[], answers: Readonly<Record<string, string>>): { answered: number; total: number } {
  return { answered: questions.filter((q) => isAnswered(answers, q.id)).length, total: questions.length };
}

/** The first unanswered question after `afterId` (wrapping), for the "next question" shortcut. */
export function nextUnanswered(questions: readonly ChecklistQuestion[], answers: Readonly<Record<string, string>>, afterId?: string): string | undefined {
  const start = afterId ? questions.findIndex((q) => q.id === afterId) + 1 : 0;
  const order = [...questions.slice(start), ...questions.slice(0, start)];
  return order.find((q) => !isAnswered(answers, q.id))?.id;
}
