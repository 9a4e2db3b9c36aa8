import { TIERS, tiersOf } from "./tier.js";
import type { Tier, ReviewInput, TierThresholds } from "./types.js";
import { checkInput, checkThresholds, fail } from "./validate.js";

export interface BestCustomersOptions {
  thresholds: TierThresholds;
  /** Length of the top list; default 10. */
  top?: number;
}

export interface BestCustomer {
  /** Index of the lead in the input columns. */
  index: number;
  amount: number;
  score: number;
  /** Mid-rank percentile (0–100) of the score among all labelled leads. */
  percentile: number;
  tier: Tier;
}

export interface RevenueByTier {
  tier: Tier;
  /** Won leads with an amount in this tier. */
  won: number;
  revenue: number;
  /** revenue / total revenue; null when the total is 0. Shares sum to 1. */
  revenueShare: number | null;
  /** won / won leads with an amount; null when there are none. */
  countShare: number | null;
}

export interface RevenueByPercentile {
  /** Percentile band [lo, hi) of the labelled scores; the last band includes 100. */
  lo: number;
  hi: number;
  won: number;
  revenue: number;
  revenueShare: number | null;
}

export interface BestCustomers {
  /** Labelled (won or lost) leads the percentiles are taken among. */
  labelled: number;
  /** Won leads with a (non-NaN) amount: the base of every share below. */
  wonWithAmount: number;
  /** Won leads whose amount is NaN (left out of the revenue figures). */
  wonWithoutAmount: number;
  revenue: number;
  tiers: RevenueByTier[];
  /** Sales-ready share of revenue vs of won leads: is the tier catching the big deals? */
  salesReadyCapture: { revenueWeighted: number | null; countWeighted: number | null };
  /** Mean percentile of won leads, weighted by amount and unweighted. */
  meanPercentile: { revenueWeighted: number | null; countWeighted: number | null };
  /** Revenue by percentile decile of the score distribution. */
  deciles: RevenueByPercentile[];
  /** The largest won amounts, descending (ties: lower index first). */
  top: BestCustomer[];
}

/**
 * Where the revenue came from: won leads with their amounts, placed in the
 * score distribution and the tiers.
 *
 * Conventions: scores are the input ones, i.e. each lead's score at its
 * scoring date. Percentile = 100·(below + ½·equal)/labelled among all won
 * and lost leads (mid-rank; scipy `percentileofscore(kind="mean")`). Only
 * won leads with a non-NaN amount enter the revenue figures; revenue-weighted
 * capture = sales-ready revenue / all revenue, count-weighted capture =
 * sales-ready won leads / won leads (both over won leads with an amount).
 * Tiers as lib/metrics tierTable (score ≥ salesReady → sales-ready), or the
 * input's own tiers when it carries them (routing by grid cell; tiersOf).
 *
 * @throws on invalid input or thresholds, no amount column, or top not a
 *   non-negative integer.
 * @example bestCustomers(input, { thresholds: { nurture: 40, salesReady: 70 } }).tiers[2].revenueShare // e.g. 0.62
 */
export function bestCustomers(input: ReviewInput, options: BestCustomersOptions): BestCustomers {
  const fn = "bestCustomers";
  checkInput(fn, input);
  const thresholds = checkThresholds(fn, options?.thresholds);
  const { top = 10 } = options;
  if (!(Number.isInteger(top) && top >= 0)) fail(fn, `top must be a non-negative integer; received ${top}.`);
  const { score, outcome, amount } = input;
  if (!amount) fail(fn, "requires the amount column (won revenue per lead, NaN when none); received none.");

  let nLabelled = 0;
  for (let i = 0; i < score.length; i++) if (outcome[i] !== -1) nLabelled++;
  const labelledScores = new Float64Array(nLabelled);
  for (let i = 0, k = 0; i < score.length; i++) if (outcome[i] !== -1) labelledScores[k++] = score[i];
  labelledScores.sort();
  const percentileOf = (s: number) => (100 * (lowerBound(labelledScores, s) + upperBound(labelledScores, s))) / 2 / labelledScores.length;

  const tier = tiersOf(input, thresholds);
  const won: BestCustomer[] = [];
  let wonWithoutAmount = 0;
  for (let i = 0; i < score.length; i++) {
    if (outcome[i] !== 1) continue;
    if (Number.isNaN(amount[i])) wonWithoutAmount++;
    else won.push({ index: i, amount: amount[i], score: score[i], percentile: percentileOf(score[i]), tier: tier[i] });
  }
  const revenue = won.reduce((t, w) => t + w.amount, 0);
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

  const tiers = TIERS.map((tier): RevenueByTier => {
    const inTier = won.filter((w) => w.tier === tier);
    const r = inTier.reduce((t, w) => t + w.amount, 0);
    return { tier, won: inTier.length, revenue: r, revenueShare: share(r, revenue), countShare: share(inTier.length, won.length) };
  });
  const deciles = Array.from({ length: 10 }, (_, d): RevenueByPercentile => {
    const inBand = won.filter((w) => Math.min(9, Math.floor(w.percentile / 10)) === d);
    const r = inBand.reduce((t, w) => t + w.amount, 0);
    return { lo: 10 * d, hi: 10 * d + 10, won: inBand.length, revenue: r, revenueShare: share(r, revenue) };
  });
  return {
    labelled: labelledScores.length,
    wonWithAmount: won.length,
    wonWithoutAmount,
    revenue,
    tiers,
    salesReadyCapture: { revenueWeighted: tiers[2].revenueShare, countWeighted: tiers[2].countShare },
    meanPercentile: {
      revenueWeighted: share(won.reduce((t, w) => t + w.amount * w.percentile, 0), revenue),
      countWeighted: share(won.reduce((t, w) => t + w.percentile, 0), won.length),
    },
    deciles,
    top: [...won].sort((a, b) => b.amount - a.amount || a.index - b.index).slice(0, top),
  };
}

/** Number of values < x in a sorted array. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values ≤ x in a sorted array. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
