import { addMonths, DAY_MS, formatDate, parseDate } from "./dates.js";
import { fail } from "./validate.js";

/** Days after a model change at which its first review falls (4 weeks). */
export const FIRST_REVIEW_DAYS = 28;
/** Drift at or above this PSI makes a review due (METHODS.md §8). */
export const DRIFT_PSI = 0.1;

export interface ReviewDueInput {
  /** Day the scoring model last changed, "YYYY-MM-DD". */
  lastModelChange: string;
  /** Day of the last review, "YYYY-MM-DD"; omit when none since the change. */
  lastReview?: string;
  /** The day to judge on, "YYYY-MM-DD" (passed in; the clock is never read). */
  asOf: string;
  /** Cadence once the model has proven itself: an integer from 6 to 12 months. */
  stableMonths: number;
  /** Largest PSI seen in the newest data (score or criterion drift); null when not measured. */
  maxPsi: number | null;
}

export interface ReviewDue {
  due: boolean;
  /** Why it is due, in words; empty when it is not. */
  reasons: string[];
  /** When the next review is (or was) due, "YYYY-MM-DD"; asOf when drift makes it due earlier. */
  nextDate: string;
  /** The calendar date alone, ignoring drift. */
  scheduledDate: string;
}

/**
 * Whether a periodic review is due (METHODS.md §8 cadence): the first review
 * 4 weeks (28 days) after a model change, then every `stableMonths` (6–12)
 * months after the last review; drift with PSI ≥ 0.10 makes one due at once.
 *
 * Conventions: a review counts as the post-change review only when held on
 * or after lastModelChange + 28 days (an earlier look cannot judge the new
 * model yet); otherwise the next date stays change + 28 days. Months are
 * calendar months, the day clamped to the month's end (2024-08-31 + 6
 * months = 2025-02-28). Due means asOf ≥ the scheduled date.
 *
 * @throws when a date is not "YYYY-MM-DD", lastModelChange or lastReview is
 *   after asOf, stableMonths is not an integer 6–12, or maxPsi is negative.
 * @example reviewDue({ lastModelChange: "2025-01-01", asOf: "2025-01-29", stableMonths: 6, maxPsi: 0.02 }).due // true
 */
export function reviewDue(input: ReviewDueInput): ReviewDue {
  const fn = "reviewDue";
  const change = parseDate(fn, "lastModelChange", input.lastModelChange);
  const asOf = parseDate(fn, "asOf", input.asOf);
  const review = input.lastReview === undefined ? null : parseDate(fn, "lastReview", input.lastReview);
  const { stableMonths, maxPsi } = input;
  if (change > asOf) fail(fn, `lastModelChange must not be after asOf; received ${input.lastModelChange} > ${input.asOf}.`);
  if (review !== null && review > asOf) fail(fn, `lastReview must not be after asOf; received ${input.lastReview} > ${input.asOf}.`);
  if (!(Number.isInteger(stableMonths) && stableMonths >= 6 && stableMonths <= 12)) {
    fail(fn, `stableMonths must be an integer from 6 to 12 (METHODS.md §8); received ${stableMonths}.`);
  }
  if (maxPsi !== null && !(Number.isFinite(maxPsi) && maxPsi >= 0)) fail(fn, `maxPsi must be a PSI ≥ 0 or null; received ${maxPsi}.`);

  const firstReview = change + FIRST_REVIEW_DAYS * DAY_MS;
  const reviewedSince = review !== null && review >= firstReview;
  const scheduled = reviewedSince ? addMonths(review, stableMonths) : firstReview;
  const reasons: string[] = [];
  if (asOf >= scheduled) {
    reasons.push(
      reviewedSince
        ? `scheduled: ${stableMonths} months after the last review (${input.lastReview}) fell on ${formatDate(scheduled)}.`
        : `first review after the model change of ${input.lastModelChange}: due 4 weeks later, on ${formatDate(scheduled)}.`,
    );
  }
  const drift = maxPsi !== null && maxPsi >= DRIFT_PSI;
  if (drift) reasons.push(`drift: PSI ${maxPsi.toFixed(3)} ≥ ${DRIFT_PSI.toFixed(2)} (${maxPsi >= 0.25 ? "significant change" : "investigate"}).`);
  const next = drift ? Math.min(scheduled, asOf) : scheduled;
  return { due: reasons.length > 0, reasons, nextDate: formatDate(next), scheduledDate: formatDate(scheduled) };
}
