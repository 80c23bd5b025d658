// Rules describe payer policies that change: past a year since review, every
// surface warns before a biller relies on them.
export const STALE_AFTER_DAYS = 365;

export function daysSince(isoDate: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${isoDate}T00:00:00Z`)) / 86_400_000);
}

export function ruleIsStale(reviewed: string, today: string): boolean {
  return daysSince(reviewed, today) > STALE_AFTER_DAYS;
}
