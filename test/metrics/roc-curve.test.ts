import { describe, expect, it } from "vitest";
import { auc } from "../../lib/metrics/auc.js";
import { rocCurve } from "../../lib/metrics/roc-curve.js";
import { paired, randomLeads, ties } from "./fixtures/data.js";

// scikit-learn 1.2.1 roc_curve(labels, scores, drop_intermediate=False) on the 'ties' data
const SK = {
  fpr: [0, 0, 0.015625, 0.078125, 0.125, 0.171875, 0.28125, 0.375, 0.546875, 0.75, 0.875, 1],
  tpr: [
    0, 0.23214285714285715, 0.39285714285714285, 0.5178571428571429, 0.625, 0.7142857142857143, 0.8571428571428571,
    0.9285714285714286, 0.9821428571428571, 0.9821428571428571, 0.9821428571428571, 1,
  ],
  // scikit-learn 1.2 puts max + 1 = 11 first; ≥ 1.3 (and rocCurve) Infinity
  thresholds: [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
};

function trapezoid(points: { fpr: number; tpr: number }[]): number {
  let a = 0;
  for (let i = 1; i < points.length; i++) a += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  return a;
}

describe("rocCurve", () => {
  it("matches scikit-learn roc_curve(drop_intermediate=False) on the 'ties' data", () => {
    const pts = rocCurve(ties.scores, ties.labels);
    expect(pts).toHaveLength(SK.fpr.length);
    pts.forEach((p, i) => {
      expect(p.fpr).toBeCloseTo(SK.fpr[i], 15);
      expect(p.tpr).toBeCloseTo(SK.tpr[i], 15);
    });
    expect(pts[0].threshold).toBe(Infinity);
    expect(pts.slice(1).map((p) => p.threshold)).toEqual(SK.thresholds.slice(1));
  });

  it("has one point per distinct score plus (0, 0): 44 points on 'paired' score B as in scikit-learn", () => {
    expect(rocCurve(paired.scoresB, paired.labels)).toHaveLength(44);
  });

  it("doc example", () => {
    expect(rocCurve([1, 2, 2, 3], [0, 0, 1, 1]).map((p) => [p.fpr, p.tpr])).toEqual([[0, 0], [0, 0.5], [0.5, 1], [1, 1]]);
  });

  it("has trapezoid area equal to the mid-rank AUC", () => {
    const { scores, labels } = randomLeads(41, 600, 40);
    expect(trapezoid(rocCurve(scores, labels))).toBeCloseTo(auc(scores, labels), 13);
  });

  it("thins to at most maxPoints, keeping both ends and monotone order", () => {
    const { scores, labels } = randomLeads(42, 5000, 100000);
    const full = rocCurve(scores, labels);
    expect(full.length).toBeGreaterThan(1000);
    for (const maxPoints of [2, 3, 10, 101]) {
      const thin = rocCurve(scores, labels, { maxPoints });
      expect(thin.length).toBeLessThanOrEqual(maxPoints);
      expect(thin.length).toBeGreaterThanOrEqual(Math.min(maxPoints, 3) - 1);
      expect(thin[0]).toEqual(full[0]);
      expect(thin[thin.length - 1]).toEqual(full[full.length - 1]);
      for (let i = 1; i < thin.length; i++) expect(thin[i].threshold).toBeLessThan(thin[i - 1].threshold);
    }
    // 101 points still trace the curve: area within 0.01 of the AUC
    expect(Math.abs(trapezoid(rocCurve(scores, labels, { maxPoints: 101 })) - auc(scores, labels))).toBeLessThan(0.01);
  });

  it("returns every point when there are fewer than maxPoints", () => {
    expect(rocCurve(ties.scores, ties.labels, { maxPoints: 100 })).toHaveLength(12);
  });

  it("throws on a bad maxPoints", () => {
    expect(() => rocCurve([1, 2], [0, 1], { maxPoints: 1 })).toThrow(/rocCurve: maxPoints must be an integer ≥ 2; received 1/);
  });
});
