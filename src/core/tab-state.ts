// Folds the reports of every frame in a tab into the one state the badge,
// popup and overlay show.
import type { FrameReport, TabState } from './messages';
import type { PayerMatch } from './payer';

export type FrameReports = Record<string, FrameReport>;

export const EMPTY_TAB_STATE: TabState = { codes: [], diagnoses: [], payer: null, findings: [], frames: 0 };

export function aggregateTab(frames: FrameReports, override: PayerMatch | null = null): TabState {
  const ids = Object.keys(frames).sort((a, b) => Number(a) - Number(b));
  if (ids.length === 0) return { ...EMPTY_TAB_STATE, payer: override };
  const findings = ids.flatMap((id) => frames[id]!.codes);
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const diagnoses = [...new Set(ids.flatMap((id) => frames[id]!.diagnoses))].sort();
  // The top frame (id 0) speaks for the page; an iframe's payer is used only when the top has none.
  const payer = override ?? ids.map((id) => frames[id]!.payer).find((p) => p !== null) ?? null;
  const url = frames['0']?.url;
  return { codes, diagnoses, payer, findings, frames: ids.length, ...(url ? { url } : {}) };
}

/** The badge text: the number of distinct codes, empty when none. */
export function badgeText(state: TabState): string {
  return state.codes.length > 0 ? String(state.codes.length) : '';
}
