import { twoProportionZ } from "./two-proportion-z.js";
import type { ReviewInput, TierThresholds } from "./types.js";
import { tiersOf } from "./tier.js";
import { checkInput, checkThresholds, fail } from "./validate.js";

export type OverRepresentation = "z" | "ratio" | "difference";

export interface LostHighScorersOptions {
  thresholds: TierThresholds;
  /** Sort key, descending; default "z". */
  sortBy?: OverRepresentation;
}

export interface CriterionOverRepresentation {
  id: string;
  label: string;
  /** Fire rate among lost leads that scored sales-ready; null when there are none. */
  rateLostHigh: number | null;
  /** Fire rate among all won leads. */
  rateWon: number | null;
  /** Fire rate among won leads that scored sales-ready. */
  rateWonSalesReady: number | null;
  /** rateLostHigh / rateWon; null when rateWon is 0 or either is null. */
  ratio: number | null;
  /** rateLostHigh − rateWon */
  difference: number | null;
  /** Pooled two-proportion z, lost high-scorers vs won leads (> 0: over-represented). */
  z: number | null;
  /** Two-sided p-value of that z. */
  p: number | null;
  /** The same comparison against won sales-ready leads. */
  vsWonSalesReady: { ratio: number | null; difference: number | null; z: number | null; p: number | null };
}

export interface LostHighScorers {
  /** Indices of lost leads that scored sales-ready (score ≥ salesReady, or routed there), ascending. */
  indices: number[];
  /** Won leads, and won leads that scored sales-ready (the comparison groups). */
  won: number;
  wonSalesReady: number;
  /** Criteria from most to least over-represented among lost high-scorers. */
  criteria: CriterionOverRepresentation[];
}

/**
 * The lost leads that scored sales-ready, and which criteria put them there:
 * for each criterion the fire rate (points ≠ 0) among lost high-scorers
 * against won leads and against won sales-ready leads, as a ratio, a
 * difference and a pooled two-proportion z-test (two-sided, no continuity
 * correction; R `prop.test(correct = FALSE)`). A criterion that fires far
 * more often on lost high-scorers than on won leads pushes leads to
 * sales-ready without winning (typical: email opens, students' clicks).
 *
 * Conventions: open leads are left out. Sales-ready is the input's own tier
 * when it carries one (routing by grid cell), else score ≥ salesReady. Sorted descending by `sortBy`
 * ("z" by default: the over-representation in standard errors, which weighs
 * the size of the gap by how much evidence there is); nulls last, ties by
 * input order.
 *
 * @throws on invalid input or thresholds, no criteria, or an unknown sortBy.
 * @example lostHighScorers(input, { thresholds: { nurture: 40, salesReady: 70 } }).criteria[0].id // "email_open"
 */
export function lostHighScorers(input: ReviewInput, options: LostHighScorersOptions): LostHighScorers {
  const fn = "lostHighScorers";
  checkInput(fn, input, true);
  const thresholds = checkThresholds(fn, options?.thresholds);
  const sortBy = options.sortBy ?? "z";
  if (sortBy !== "z" && sortBy !== "ratio" && sortBy !== "difference") {
    fail(fn, `sortBy must be "z", "ratio" or "difference"; received ${JSON.stringify(sortBy)}.`);
  }
  const { score, outcome } = input;
  const high = tiersOf(input, thresholds).map((t) => t === "sales-ready");
  const lostHigh: number[] = [];
  const won: number[] = [];
  const wonHigh: number[] = [];
  for (let i = 0; i < score.length; i++) {
    if (outcome[i] === 0 && high[i]) lostHigh.push(i);
    if (outcome[i] === 1) {
      won.push(i);
      if (high[i]) wonHigh.push(i);
    }
  }
  const rows = input.criteria!.map((c): CriterionOverRepresentation => {
    const firedIn = (group: number[]) => group.reduce((t, i) => t + (c.points[i] !== 0 ? 1 : 0), 0);
    const a = firedIn(lostHigh);
    const vsWon = compare(a, lostHigh.length, firedIn(won), won.length);
    const vsHigh = compare(a, lostHigh.length, firedIn(wonHigh), wonHigh.length);
    return {
      id: c.id,
      label: c.label,
      rateLostHigh: vsWon.rate1,
      rateWon: vsWon.rate2,
      rateWonSalesReady: vsHigh.rate2,
      ratio: vsWon.ratio,
      difference: vsWon.difference,
      z: vsWon.z,
      p: vsWon.p,
      vsWonSalesReady: { ratio: vsHigh.ratio, difference: vsHigh.difference, z: vsHigh.z, p: vsHigh.p },
    };
  });
  const order = rows.map((r, k) => ({ r, k, v: r[sortBy] }));
  order.sort((x, y) => (x.v === null ? (y.v === null ? x.k - y.k : 1) : y.v === null ? -1 : y.v - x.v || x.k - y.k));
  return { indices: lostHigh, won: won.length, wonSalesReady: wonHigh.length, criteria: order.map((o) => o.r) };
}

function compare(x1: number, n1: number, x2: number, n2: number) {
  const rate1 = n1 > 0 ? x1 / n1 : null;
  const rate2 = n2 > 0 ? x2 / n2 : null;
  const both = rate1 !== null && rate2 !== null;
  const test = n1 > 0 && n2 > 0 ? twoProportionZ(x1, n1, x2, n2) : null;
  return {
    rate1,
    rate2,
    ratio: both && rate2 > 0 ? rate1 / rate2 : null,
    difference: both ? rate1 - rate2 : null,
    z: test?.z ?? null,
    p: test?.p ?? null,
  };
}
