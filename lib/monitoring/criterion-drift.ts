import { psi, wilson, type Interval, type PsiLevel } from "../metrics/index.js";
import { periodsOf } from "./periods.js";
import { referenceWindow } from "./reference.js";
import { twoProportionZ } from "./two-proportion-z.js";
import type { PeriodBy, ReferenceSpec, ReviewInput } from "./types.js";
import { checkInput, fail } from "./validate.js";

export interface CriterionDriftOptions {
  reference: ReferenceSpec;
  by: PeriodBy;
  /** PSI of fire/no-fire at or above this flags the period; default 0.10 (METHODS.md §8). */
  psiFlag?: number;
  /** |lift − reference lift| at or above this, if also significant, flags the period; default 0.3. */
  liftChange?: number;
  /** Significance level of the win-rate-when-fired test; default 0.05. */
  alpha?: number;
}

/** A criterion's statistics over one group of leads (a period or the reference). */
export interface CriterionStats {
  /** Leads in the group, open ones included. */
  n: number;
  /** Leads on which the criterion fired (points ≠ 0). */
  fired: number;
  /** fired / n; null for an empty group. */
  fireRate: number | null;
  /** Labelled (won or lost) leads on which it fired. */
  labelledFired: number;
  wonFired: number;
  /** wonFired / labelledFired; null when none. */
  winRateFired: number | null;
  /** Wilson 95 % interval of winRateFired. */
  ci: Interval | null;
  /** winRateFired / win rate of all labelled leads in the group; null when undefined. */
  lift: number | null;
}

export interface CriterionPeriod extends CriterionStats {
  period: string;
  /** 2-bin PSI of (fired, not fired) against the reference; null for an empty period. */
  psi: number | null;
  level: PsiLevel | null;
  /** lift − reference lift; null when either is null. */
  liftChange: number | null;
  /** Two-sided p of the pooled two-proportion z-test, win rate when fired here vs in the reference. */
  winRateP: number | null;
  /** The period overlaps the reference (never flagged). */
  inReference: boolean;
  /** psi ≥ psiFlag */
  psiFlagged: boolean;
  /** |liftChange| ≥ liftChange option and winRateP < alpha */
  liftFlagged: boolean;
}

export interface CriterionDrift {
  id: string;
  label: string;
  reference: CriterionStats;
  periods: CriterionPeriod[];
  /** Periods outside the reference with psiFlagged or liftFlagged. */
  flaggedPeriods: string[];
}

/**
 * Drift of each scoring criterion, period by period, against a reference
 * window: how often it fires, how often leads it fired on were won (Wilson
 * 95 % interval, METHODS.md §6), the PSI of the fire/no-fire split (2-bin
 * PSI, §8, empty bin smoothed to 1e-4) and the change of its lift
 * (win rate when fired / the group's win rate, §2).
 *
 * Conventions: fire rates count all leads, win rates only labelled ones. A
 * period is flagged when the 2-bin PSI ≥ 0.10, or when the lift moved by at
 * least `liftChange` (0.3) and the win rate when fired differs from the
 * reference's by a pooled two-proportion z-test at p < `alpha` (0.05): the
 * test keeps small monthly groups from being flagged on noise. Periods that
 * overlap the reference are reported but never flagged.
 *
 * @throws on invalid input or reference, no criteria, or non-positive options.
 * @example criterionDrift(input, { reference: ["2024-01", "2024-12"], by: "quarter" })[0].flaggedPeriods // ["2025-Q1", …]
 */
export function criterionDrift(input: ReviewInput, options: CriterionDriftOptions): CriterionDrift[] {
  const fn = "criterionDrift";
  checkInput(fn, input, true);
  const { psiFlag = 0.1, liftChange = 0.3, alpha = 0.05 } = options;
  for (const [name, v] of [["psiFlag", psiFlag], ["liftChange", liftChange], ["alpha", alpha]] as const) {
    if (!(Number.isFinite(v) && v > 0)) fail(fn, `${name} must be a positive number; received ${v}.`);
  }
  const ref = referenceWindow(fn, options.reference, input.createdAt);
  const periods = periodsOf(input.createdAt, options.by);
  // One pass over the leads per criterion: each lead's period (periods do not overlap) and whether it is in the reference.
  const n = input.score.length;
  const periodOf = new Int32Array(n).fill(-1);
  periods.forEach((p, k) => {
    for (const i of p.indices) periodOf[i] = k;
  });
  const inRef = new Uint8Array(n);
  for (const i of ref.indices) inRef[i] = 1;
  const counts = { n: new Float64Array(periods.length), labelled: new Float64Array(periods.length), won: new Float64Array(periods.length) };
  for (let i = 0; i < n; i++) {
    const k = periodOf[i];
    if (k < 0) continue;
    counts.n[k]++;
    if (input.outcome[i] !== -1) (counts.labelled[k]++, (counts.won[k] += input.outcome[i]));
  }
  const refCounts = { n: ref.indices.length, labelled: 0, won: 0 };
  for (const i of ref.indices) if (input.outcome[i] !== -1) (refCounts.labelled++, (refCounts.won += input.outcome[i]));
  return input.criteria!.map((c) => {
    const fired = new Float64Array(periods.length);
    const labelledFired = new Float64Array(periods.length);
    const wonFired = new Float64Array(periods.length);
    let rFired = 0, rLabelledFired = 0, rWonFired = 0;
    const points = c.points;
    const outcome = input.outcome;
    for (let i = 0; i < n; i++) {
      if (points[i] === 0) continue;
      const k = periodOf[i];
      const o = outcome[i];
      if (k >= 0) {
        fired[k]++;
        if (o !== -1) (labelledFired[k]++, (wonFired[k] += o));
      }
      if (inRef[i] === 1) {
        rFired++;
        if (o !== -1) (rLabelledFired++, (rWonFired += o));
      }
    }
    const r = stats(refCounts.n, rFired, refCounts.labelled, refCounts.won, rLabelledFired, rWonFired);
    const rows = periods.map((p, k): CriterionPeriod => {
      const s = stats(counts.n[k], fired[k], counts.labelled[k], counts.won[k], labelledFired[k], wonFired[k]);
      const inReference = p.start < ref.end && p.end > ref.start;
      const q = s.n > 0 ? psi([r.fired, r.n - r.fired], [s.fired, s.n - s.fired]) : null;
      const change = s.lift !== null && r.lift !== null ? s.lift - r.lift : null;
      const winRateP = s.labelledFired > 0 && r.labelledFired > 0 ? twoProportionZ(s.wonFired, s.labelledFired, r.wonFired, r.labelledFired).p : null;
      const psiFlagged = !inReference && q !== null && q.psi >= psiFlag;
      const liftFlagged = !inReference && change !== null && Math.abs(change) >= liftChange && winRateP !== null && winRateP < alpha;
      return { period: p.label, ...s, psi: q?.psi ?? null, level: q?.level ?? null, liftChange: change, winRateP, inReference, psiFlagged, liftFlagged };
    });
    return {
      id: c.id,
      label: c.label,
      reference: r,
      periods: rows,
      flaggedPeriods: rows.filter((x) => x.psiFlagged || x.liftFlagged).map((x) => x.period),
    };
  });
}

/** A criterion's statistics over one group from its counts: leads, fired, labelled, won, labelled fired, won fired. */
function stats(n: number, fired: number, labelled: number, won: number, labelledFired: number, wonFired: number): CriterionStats {
  const winRateFired = labelledFired > 0 ? wonFired / labelledFired : null;
  return {
    n,
    fired,
    fireRate: n > 0 ? fired / n : null,
    labelledFired,
    wonFired,
    winRateFired,
    ci: labelledFired > 0 ? wilson(wonFired, labelledFired) : null,
    lift: winRateFired !== null && won > 0 ? winRateFired / (won / labelled) : null,
  };
}
