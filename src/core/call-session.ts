// The verification call in progress: answers by question id, as plain data
// the popup keeps in storage. Pure: no storage or clock of its own.
// zod/mini: the same checks at a tenth of the size, so the popup opens fast.
import * as z from 'zod/mini';
import type { ChecklistQuestion } from './rules-schema';

export const CALL_SESSION_VERSION = 1;
/** Where the call is stored, in storage.session or (answers kept) storage.local. */
export const CALL_SESSION_KEY = 'callSession';

const text = (max: number) => z.string().check(z.maxLength(max));

export const CallSessionSchema = z.object({
  version: z.literal(CALL_SESSION_VERSION),
  /** When this call's answers were started (ISO date-time). */
  startedAt: text(40),
  answers: z.record(text(60), text(2000)),
  /** Free text at the end of the note. */
  notes: text(5000),
  /** Medicare visit dates (YYYY-MM-DD). */
  visits: z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))).check(z.maxLength(400)),
  /** Appeal checklist items ticked (the letter of medical necessity's contents), as "stepId:index". */
  appealChecks: z.array(text(80)).check(z.maxLength(100)),
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
