import { describe, expect, it } from "vitest";
import { monotonicity } from "../../lib/metrics/monotonicity.js";
import { winRateByBand } from "../../lib/metrics/win-rate-by-band.js";
import { ties } from "./fixtures/data.js";

// per-score bands of the 'ties' data (pandas), scipy 1.10.1 spearmanr and
// scikit-learn 1.2.1 IsotonicRegression(sample_weight = n) of their rates
const ISOTONIC = [
  0.03333333333333333, 0.03333333333333333, 0.03333333333333333, 0.21428571428571427, 0.4, 0.5333333333333333, 0.625,
  0.65, 0.65, 0.9, 1,
];

describe("monotonicity", () => {
  it("flags the drops among the per-score bands of the 'ties' data and matches scipy / scikit-learn summaries", () => {
    const bands = winRateByBand(ties.scores, ties.labels, { edges: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    const r = monotonicity(bands);
    // rates 0.111, 0, 0, 0.214, 0.4, 0.533, 0.625, 0.667, 0.636, 0.9, 1: drops at score 1 and score 8
    expect(r.violations).toEqual([1, 8]);
    expect(r.monotone).toBe(false);
    expect(r.spearman).toBeCloseTo(0.961278120390013, 13);
    r.isotonic.forEach((v, i) => expect(v).toBeCloseTo(ISOTONIC[i], 14));
  });

  it("is monotone for the 5 quantile bands (scipy spearmanr = 1)", () => {
    const r = monotonicity(winRateByBand(ties.scores, ties.labels, { bands: 5 }));
    expect(r).toMatchObject({ monotone: true, violations: [] });
    expect(r.spearman).toBeCloseTo(1, 14);
  });

  it("doc example; equal rates are not a violation; empty bands are skipped", () => {
    expect(monotonicity([{ n: 10, rate: 0.1 }, { n: 10, rate: 0.3 }, { n: 10, rate: 0.2 }]).violations).toEqual([2]);
    expect(monotonicity([{ n: 10, rate: 0.2 }, { n: 10, rate: 0.2 }]).monotone).toBe(true);
    const r = monotonicity([{ n: 10, rate: 0.3 }, { n: 0, rate: null }, { n: 30, rate: 0.1 }]);
    expect(r.violations).toEqual([2]);
    // PAV by hand: pool (0.3·10 + 0.1·30)/40 = 0.15
    expect(r.isotonic).toEqual([0.15, null, 0.15]);
    expect(r.spearman).toBe(-1);
  });

  it("has no Spearman summary for one band or constant rates", () => {
    expect(monotonicity([{ n: 5, rate: 0.2 }]).spearman).toBeNull();
    expect(monotonicity([{ n: 5, rate: 0.2 }, { n: 5, rate: 0.2 }]).spearman).toBeNull();
  });

  it("throws on a non-empty band without a rate", () => {
    expect(() => monotonicity([{ n: 5, rate: null }])).toThrow(/monotonicity: band 0 has rate null/);
  });
});
