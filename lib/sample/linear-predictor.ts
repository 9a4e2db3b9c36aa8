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

/** An activity in the window, as the recency terms read it. */
export interface WindowEvent {
  type: ActivityType;
  /** Epoch ms. */
  at: number;
}

/**
 * The value (0, 1, a capped count or a decayed count) one term contributes before its beta.
 * Recency terms need the lead's window `events`.
 * @throws for a recency term without `events`.
 */
export function termValue(term: GroundTruthTerm, lead: LeadRow, counts: ActivityCounts, events?: readonly WindowEvent[]): number {
  switch (term.kind) {
    case "recency": {
      if (!events) throw new Error(`termValue: the recency term of ${term.type} needs the lead's window activities; pass them as events.`);
      const end = lead.created_at + term.windowDays * DAY_MS;
      let x = 0;
      for (const e of events) if (e.type === term.type && e.at >= lead.created_at && e.at < end) x += 2 ** (-(end - e.at) / DAY_MS / term.halfLifeDays);
      return x;
    }
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
 * model's terms, with `counts` the lead's window counts (see windowCounts)
 * and `events` its window activities (for the recency terms).
 * @throws when the model has recency terms and `events` is missing.
 */
export function groundTruthLogit(
  lead: LeadRow,
  counts: ActivityCounts,
  afterDrift: boolean,
  model: GroundTruth = GROUND_TRUTH,
  events?: readonly WindowEvent[],
): number {
  let z = model.intercept;
  for (const term of model.terms) {
    const x = termValue(term, lead, counts, events);
    if (x !== 0) z += termBeta(term, afterDrift) * x;
  }
  return z;
}

/** Logistic function σ(z) = 1 / (1 + e^(−z)). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
