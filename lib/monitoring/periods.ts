/**
 * Calendar periods of the review: leads grouped by the UTC month or quarter
 * of their creation instant, labelled "2024-01" or "2024-Q1".
 */
import type { PeriodBy } from "./types.js";
import { fail } from "./validate.js";

export interface Period {
  /** "2024-01" (month) or "2024-Q1" (quarter). */
  label: string;
  /** First instant, epoch ms UTC (inclusive). */
  start: number;
  /** First instant of the next period (exclusive). */
  end: number;
  /** Indices of the leads created in [start, end), ascending. */
  indices: number[];
}

/**
 * The label of the period holding instant `ms` (UTC).
 *
 * @example periodLabel(Date.UTC(2024, 4, 31, 23), "quarter") // "2024-Q2"
 */
export function periodLabel(ms: number, by: PeriodBy): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return by === "month" ? `${y}-${String(m + 1).padStart(2, "0")}` : `${y}-Q${Math.floor(m / 3) + 1}`;
}

/**
 * [start, end) of a period label "YYYY-MM" or "YYYY-Qn", or of one day
 * "YYYY-MM-DD", in epoch ms UTC.
 *
 * @throws when the label is none of these forms.
 * @example periodRange("2024-Q1") // { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 3, 1) }
 */
export function periodRange(label: string, fn = "periodRange"): { start: number; end: number } {
  let m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) {
    const q = Number(m[2]) - 1;
    return { start: Date.UTC(Number(m[1]), 3 * q, 1), end: Date.UTC(Number(m[1]), 3 * q + 3, 1) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return { start: Date.UTC(Number(m[1]), Number(m[2]) - 1, 1), end: Date.UTC(Number(m[1]), Number(m[2]), 1) };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (m) {
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(start).toISOString().slice(0, 10) === label) return { start, end: start + 86_400_000 };
  }
  return fail(fn, `a period must be "YYYY-MM", "YYYY-Qn" or a date "YYYY-MM-DD"; received ${JSON.stringify(label)}. Pass e.g. "2024-01" or "2024-Q1".`);
}

/**
 * Every calendar period from the one holding the earliest lead to the one
 * holding the latest, in order; periods without leads are included (empty
 * `indices`) so that gaps stay visible. No leads → no periods.
 *
 * @example periodsOf([Date.UTC(2024, 0, 5), Date.UTC(2024, 2, 1)], "month").map((p) => p.label) // ["2024-01", "2024-02", "2024-03"]
 */
export function periodsOf(createdAt: ArrayLike<number>, by: PeriodBy): Period[] {
  if (by !== "month" && by !== "quarter") fail("periodsOf", `by must be "month" or "quarter"; received ${JSON.stringify(by)}.`);
  // The review's parts (cohorts, both drifts, the cohort weights) each group the same leads: grouped once per
  // column object and period kind, and checked against a checksum of the instants, so a column changed in place is grouped again.
  const memo = typeof createdAt === "object" && createdAt !== null ? remembered.get(createdAt) : undefined;
  const check = checksum(createdAt);
  const hit = memo?.[by];
  if (hit && hit.check === check) return hit.periods;
  const periods = groupPeriods(createdAt, by);
  if (typeof createdAt === "object" && createdAt !== null) remembered.set(createdAt, { ...memo, [by]: { check, periods } });
  return periods;
}

/** Grouped periods per column object (read-only: the arrays are frozen, as they are shared). */
const remembered = new WeakMap<object, Partial<Record<PeriodBy, { check: string; periods: Period[] }>>>();

/** Length, sum and sum of squares of the instants: cheap next to formatting a label per lead. */
function checksum(xs: ArrayLike<number>): string {
  let s = 0;
  let q = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] / 86_400_000;
    s += v;
    q += v * v;
  }
  return `${xs.length}:${s}:${q}`;
}

function groupPeriods(createdAt: ArrayLike<number>, by: PeriodBy): Period[] {
  const n = createdAt.length;
  if (n === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, createdAt[i]);
    hi = Math.max(hi, createdAt[i]);
  }
  const periods: Period[] = [];
  const index = new Map<string, Period>();
  for (let label = periodLabel(lo, by); ; ) {
    const { start, end } = periodRange(label);
    const p: Period = { label, start, end, indices: [] };
    periods.push(p);
    index.set(label, p);
    if (end > hi) break;
    label = periodLabel(end, by);
  }
  // One label per period, not per lead: leads are placed by binary search over the period starts.
  const starts = periods.map((p) => p.start);
  for (let i = 0; i < n; i++) {
    const t = createdAt[i];
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    periods[lo].indices.push(i);
  }
  for (const p of periods) Object.freeze(p.indices);
  return Object.freeze(periods.map((p) => Object.freeze(p))) as Period[];
}
