/**
 * Evaluates the ground-truth model (GROUND_TRUTH) on one lead: the activity
 * counts in its window, the linear predictor (log-odds) and P(won).
 */
import { ACTIVITY_TYPES, type ActivityType } from "../tables.js";
import { GROUND_TRUTH, type GroundTruth, type GroundTruthTerm } from "./ground-truth.js";
import type { LeadRow } from "./types.js";

export type ActivityCounts = Record<ActivityType, number>;

const DAY_MS = 86_400_000;

/** A zero count for every activity type. */
export function emptyCounts(): ActivityCounts {
  const c = {} as ActivityCounts;
  for (const t of ACTIVITY_TYPES) c[t] = 0;
  return c;
}

/**
 * Counts one lead's activities by type with
 * createdAt ≤ occurred_at < createdAt + windowDays·86 400 000 ms.
 * Example: an open at createdAt and one exactly 30 days later, window 30 →
 * email_open 1.
 */
export function windowCounts(
  createdAt: number,
  activities: ReadonlyArray<{ activity_type: ActivityType; occurred_at: number }>,
  windowDays: number = GROUND_TRUTH.windowDays,
): ActivityCounts {
  const c = emptyCounts();
  const end = createdAt + windowDays * DAY_MS;
  for (const a of activities) if (a.occurred_at >= createdAt && a.occurred_at < end) c[a.activity_type]++;
  return c;
}

/** The value (0, 1 or a capped count) one term contributes before its beta. */
export function termValue(term: GroundTruthTerm, lead: LeadRow, counts: ActivityCounts): number {
  switch (term.kind) {
    case "attribute": {
      const v = lead[term.column as keyof LeadRow];
      return v !== null && term.values.includes(String(v)) ? 1 : 0;
    }
    case "missing":
      return lead[term.column as keyof LeadRow] === null ? 1 : 0;
    case "numericBand": {
      const v = lead[term.column as keyof LeadRow];
      if (typeof v !== "number") return 0;
      return (term.lo === null || v >= term.lo) && (term.hi === null || v < term.hi) ? 1 : 0;
    }
    case "activity": {
      const n = counts[term.type];
      if (term.per === "any") return n > 0 ? 1 : 0;
      return term.cap === undefined ? n : Math.min(n, term.cap);
    }
  }
}

/** The coefficient of a term in the regime before or after the drift. */
export function termBeta(term: GroundTruthTerm, afterDrift: boolean): number {
  if (afterDrift && "betaAfterDrift" in term && term.betaAfterDrift !== undefined) return term.betaAfterDrift;
  return term.beta;
}

/**
 * Linear predictor (log-odds of winning): intercept + Σ β·value over the
 * model's terms, with `counts` the lead's window counts (see windowCounts).
 */
export function groundTruthLogit(
  lead: LeadRow,
  counts: ActivityCounts,
  afterDrift: boolean,
  model: GroundTruth = GROUND_TRUTH,
): number {
  let z = model.intercept;
  for (const term of model.terms) {
    const x = termValue(term, lead, counts);
    if (x !== 0) z += termBeta(term, afterDrift) * x;
  }
  return z;
}

/** Logistic function σ(z) = 1 / (1 + e^(−z)). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
