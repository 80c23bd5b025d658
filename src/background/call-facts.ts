// What the call in progress adds to a tab's notes: the visit being billed, from
// the popup's visit tracker. The call lives where the popup keeps it
// (storage.session, or storage.local when answers are kept).
import { CALL_SESSION_KEY, parseCallSession } from '../core/call-session';
import { ruleFor, type EngineInput } from '../core/engine';
import type { TabState } from '../core/messages';
import { limitsFromProgram, nextVisitFromDates } from '../core/visits';
import browser from '../shared/browser';
import { currentRules } from './rules-store';

export async function callFacts(state: TabState): Promise<Pick<EngineInput, 'nextVisit'>> {
  const program = ruleFor(currentRules(), state.payer?.id).program;
  if (!program) return {};
  const [inSession, inLocal] = await Promise.all([browser.storage.session.get(CALL_SESSION_KEY), browser.storage.local.get(CALL_SESSION_KEY)]);
  const raw = inSession[CALL_SESSION_KEY] ?? inLocal[CALL_SESSION_KEY];
  if (raw === undefined) return {};
  const now = new Date();
  const visits = parseCallSession(raw, now).visits;
  const next = nextVisitFromDates(visits, now.toISOString().slice(0, 10), limitsFromProgram(program));
  return next ? { nextVisit: next } : {};
}
