/**
 * Internal input checks of the review functions. Every message names the
 * function, the rule, what was received and how to fix it.
 */
import type { ReviewInput, TierThresholds } from "./types.js";

export function fail(fn: string, message: string): never {
  throw new Error(`${fn}: ${message}`);
}

/**
 * Inputs already checked, with the columns they held then: a review computes
 * cohorts, drift, lost high-scorers and best customers on one input, and each
 * checks it. A column replaced since is checked again; the columns themselves
 * are taken as not changed in place once checked (the review functions never do).
 */
const checked = new WeakMap<ReviewInput, { columns: readonly unknown[]; criteria: boolean }>();
const columnsOf = (x: ReviewInput) => [x.score, x.outcome, x.createdAt, x.amount, x.tier, x.criteria, ...(x.criteria ?? []).map((c) => c.points)];
const sameColumns = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Checks the per-lead columns: equal lengths, finite scores and creation
 * times, outcomes in {−1, 0, 1}, finite criterion points and amounts that are
 * NaN or finite ≥ 0. Returns n.
 */
export function checkInput(fn: string, input: ReviewInput, needCriteria = false): number {
  const before = checked.get(input);
  if (before && (before.criteria || !needCriteria) && sameColumns(before.columns, columnsOf(input))) return input.score.length;
  const n = checkColumns(fn, input, needCriteria);
  checked.set(input, { columns: columnsOf(input), criteria: needCriteria || (input.criteria?.length ?? 0) > 0 });
  return n;
}

function checkColumns(fn: string, input: ReviewInput, needCriteria: boolean): number {
  const { score, outcome, createdAt, amount, criteria } = input;
  const n = score.length;
  const sameLength = (name: string, x: ArrayLike<number>) => {
    if (x.length !== n) fail(fn, `${name} must have one entry per lead; received ${x.length} for ${n} scores. Pass columns of the same leads in the same order.`);
  };
  sameLength("outcome", outcome);
  sameLength("createdAt", createdAt);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(score[i])) fail(fn, `scores must be finite numbers; score[${i}] is ${score[i]}. Drop or impute unscored leads first.`);
    const o = outcome[i];
    if (o !== 1 && o !== 0 && o !== -1) fail(fn, `outcome must be 1 (won), 0 (lost) or −1 (open); outcome[${i}] is ${o}. Map outcomes with the METHODS.md §1 rule.`);
    if (!Number.isFinite(createdAt[i])) fail(fn, `createdAt must be epoch milliseconds; createdAt[${i}] is ${createdAt[i]}.`);
  }
  if (amount) {
    sameLength("amount", amount);
    for (let i = 0; i < n; i++) {
      const a = amount[i];
      if (!(Number.isNaN(a) || (Number.isFinite(a) && a >= 0))) fail(fn, `amount must be NaN (no revenue) or a finite number ≥ 0; amount[${i}] is ${a}.`);
    }
  }
  if (input.tier) {
    sameLength("tier", input.tier as unknown as ArrayLike<number>);
    for (let i = 0; i < n; i++) {
      const t = input.tier[i];
      if (t !== "ignore" && t !== "nurture" && t !== "sales-ready") fail(fn, `tier must be "ignore", "nurture" or "sales-ready"; tier[${i}] is ${JSON.stringify(t)}. Pass the score table's tier column or leave tier out.`);
    }
  }
  if (needCriteria && !(criteria && criteria.length > 0)) {
    fail(fn, "requires criteria (an array of {id, label, points}); received none. Pass the criterion contributions of the scoring model.");
  }
  const ids = new Set<string>();
  for (const c of criteria ?? []) {
    if (ids.has(c.id)) fail(fn, `criterion ids must be unique; "${c.id}" appears twice.`);
    ids.add(c.id);
    sameLength(`criterion "${c.id}" points`, c.points);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(c.points[i])) fail(fn, `criterion points must be finite; "${c.id}" points[${i}] is ${c.points[i]}. Use 0 when the criterion does not apply.`);
    }
  }
  return n;
}

/** nurture ≤ salesReady, both finite. */
export function checkThresholds(fn: string, t: TierThresholds | undefined): TierThresholds {
  if (!t || !(Number.isFinite(t.nurture) && Number.isFinite(t.salesReady) && t.nurture <= t.salesReady)) {
    fail(fn, `thresholds must be {nurture, salesReady}, finite, with nurture ≤ salesReady; received ${JSON.stringify(t)}.`);
  }
  return t;
}
