/**
 * Calendar dates "YYYY-MM-DD" in UTC, as epoch milliseconds at midnight.
 * The review never reads the clock: every date is passed in.
 */
import { fail } from "./validate.js";

export const DAY_MS = 86_400_000;

/**
 * Parses a strict "YYYY-MM-DD" (a real calendar day) to epoch ms, UTC midnight.
 *
 * @throws when the text is not such a date (e.g. "2024-02-30", "2024-2-1").
 * @example parseDate("reviewDue", "asOf", "1970-01-02") // 86400000
 */
export function parseDate(fn: string, name: string, text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || formatDate(ms) !== text) {
    fail(fn, `${name} must be a calendar date "YYYY-MM-DD"; received ${JSON.stringify(text)}. Pass e.g. "2025-03-31".`);
  }
  return ms;
}

/** Epoch ms → "YYYY-MM-DD" (UTC). @example formatDate(0) // "1970-01-01" */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Adds calendar months; a day that does not exist in the target month is
 * clamped to its last day (as Excel EDATE and date-fns addMonths).
 *
 * @example formatDate(addMonths(Date.UTC(2024, 7, 31), 6)) // "2025-02-28"
 */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay));
}
