import { describe, expect, it } from "vitest";
import { ece } from "../../lib/metrics/ece.js";
import { probs } from "./fixtures/data.js";

// scikit-learn 1.2.1 calibration_curve(labels, p, n_bins=10, strategy="uniform") on the 'probs' data;
// ECE/MCE from those per-bin means and the bin counts (reference/reference_values.py)
const PROB_TRUE = [
  0.09523809523809523, 0.28, 0.23529411764705882, 0.26666666666666666, 0.2857142857142857, 0.5833333333333334,
  0.3333333333333333, 0.6923076923076923, 0.9090909090909091, 0.8,
];
const PROB_PRED = [
  0.06614285714285714, 0.15603999999999998, 0.23378235294117644, 0.33383333333333337, 0.45438571428571434, 0.56075,
  0.6510166666666667, 0.7567000000000002, 0.8614454545454545, 0.9396100000000001,
];
const COUNTS = [21, 25, 17, 15, 14, 12, 12, 13, 11, 10];

describe("ece", () => {
  it("bins like scikit-learn calibration_curve(strategy='uniform') on the 'probs' data", () => {
    const r = ece(probs.p, probs.labels);
    expect(r.bins.map((b) => b.n)).toEqual(COUNTS);
    r.bins.forEach((b, i) => {
      expect(b.observedRate).toBeCloseTo(PROB_TRUE[i], 14);
      expect(b.meanPredicted).toBeCloseTo(PROB_PRED[i], 14);
      expect(b.lo).toBeCloseTo(i / 10, 15);
    });
    expect(r.ece).toBeCloseTo(0.09296733333333337, 14);
    expect(r.mce).toBeCloseTo(0.3176833333333334, 14);
  });

  it("doc example, and p = 1 falls in the last bin", () => {
    expect(ece([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]).ece).toBeCloseTo(0.15, 15);
    const r = ece([1, 0.95, 0], [1, 1, 0], 10);
    expect(r.bins.map((b) => [b.lo, b.n])).toEqual([[0, 1], [0.9, 2]]);
    expect(r.ece).toBeCloseTo(0.025 * (2 / 3), 15);
  });

  it("is 0 for a perfectly calibrated forecast and leaves empty bins out", () => {
    const r = ece([0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75], [1, 0, 0, 0, 1, 1, 1, 0], 4);
    expect(r.ece).toBe(0);
    expect(r.mce).toBe(0);
    expect(r.bins).toHaveLength(2);
  });

  it("throws on a bad bin count", () => {
    expect(() => ece([0.5], [1], 0)).toThrow(/ece: bins must be a positive integer; received 0/);
  });
});
