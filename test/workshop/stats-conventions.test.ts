/**
 * The vote statistics take their arithmetic from simple-statistics; these
 * checks hold it to the conventions of METHODS.md §10 (type-7 quantiles as R's
 * default and numpy's "linear"; the plain mean), so a library upgrade that
 * changed its quantile method would fail here.
 */
import { describe, expect, it } from "vitest";
import { quantileSorted, voteStats } from "../../lib/workshop/stats.js";
import { mulberry32 } from "../../lib/prng.js";

/** Type 7 written out independently: h = (n − 1)·p, linear between order statistics. */
function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

describe("vote statistics conventions", () => {
  it("quartiles match numpy.percentile(method='linear') reference values", () => {
    // numpy: np.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([1, 2, 3, 4], p))).toEqual([1.75, 2.5, 3.25]);
    // numpy: np.percentile([0, 5, 10, 10, 30], [25, 75]) = [5, 10]
    expect(quantileSorted([0, 5, 10, 10, 30], 0.25)).toBe(5);
    expect(quantileSorted([0, 5, 10, 10, 30], 0.75)).toBe(10);
    // numpy: np.percentile([-10, 0, 20], 10) = -8
    expect(quantileSorted([-10, 0, 20], 0.1)).toBeCloseTo(-8, 12);
  });

  it("equals the type-7 formula on random votes and p", () => {
    const rng = mulberry32(17);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 12);
      const votes = Array.from({ length: n }, () => Math.round(rng() * 60 - 20)).sort((a, b) => a - b);
      const p = trial % 10 === 0 ? (trial % 20 === 0 ? 0 : 1) : rng();
      expect(quantileSorted(votes, p)).toBe(type7(votes, p));
    }
  });

  it("the mean of five 10s and five 20s is 15, with median and IQR beside it", () => {
    const s = voteStats([10, 10, 10, 10, 10, 20, 20, 20, 20, 20]);
    expect(s).toEqual({ n: 10, mean: 15, median: 15, q1: 10, q3: 20, iqr: 10, min: 10, max: 20 });
  });

  it("keeps its own messages for empty input and p outside [0, 1]", () => {
    expect(() => quantileSorted([], 0.5)).toThrow(/quantileSorted requires at least one value/);
    expect(() => quantileSorted([1], 1.5)).toThrow(/quantileSorted requires p in \[0, 1\]/);
    expect(() => voteStats([])).toThrow(/voteStats requires at least one vote/);
  });
});
