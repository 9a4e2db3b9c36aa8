/**
 * Input types of the periodic review. Every per-lead column is a plain or
 * typed array of the same length n (one entry per lead, in any order), so
 * pages and the CLI can pass DuckDB columns straight through.
 */
export type { Tier, TierThresholds } from "../metrics/index.js";

/** Outcome codes (METHODS.md §1): 1 won, 0 lost, −1 open. */
export const WON = 1;
export const LOST = 0;
export const OPEN = -1;

/** One scoring criterion: it "fires" for a lead when its points ≠ 0. */
export interface ReviewCriterion {
  /** Stable identifier, e.g. "lead_source=Paid search". */
  id: string;
  /** Label for people, e.g. "Paid search". */
  label: string;
  /** Points the criterion gave each lead at its scoring date (0 = did not fire). */
  points: ArrayLike<number>;
}

export interface ReviewInput {
  /** Score at the scoring date (Float64Array or number[]), finite. */
  score: ArrayLike<number>;
  /** 1 won, 0 lost, −1 open (Int8Array or number[]). */
  outcome: ArrayLike<number>;
  /** Lead creation instant, epoch milliseconds UTC. */
  createdAt: ArrayLike<number>;
  /** Won revenue per lead; NaN when there is none (lost, open, or unknown). */
  amount?: ArrayLike<number>;
  /**
   * The version's own tier of each lead (its score table's `tier` column:
   * routed by fit × engagement cell when the model has grid.routing). When
   * given, every tier figure (cohorts, best customers, lost high-scorers)
   * counts these; without it the thresholds on the score decide (tiersOf).
   */
  tier?: ArrayLike<string>;
  /** Criterion contributions; needed by criterionDrift and lostHighScorers. */
  criteria?: readonly ReviewCriterion[];
}

/** Calendar grouping of leads by created date (UTC). */
export type PeriodBy = "month" | "quarter";

/**
 * A reference window: one period label ("2024-01", "2024-Q1") or an
 * inclusive pair [from, to] of period labels or dates ("YYYY-MM-DD").
 */
export type ReferenceSpec = string | readonly [string, string];
