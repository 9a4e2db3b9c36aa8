import { describe, expect, it } from "vitest";
import { plattPredict } from "../../lib/metrics/platt-predict.js";
import { points } from "./fixtures/data.js";

describe("plattPredict", () => {
  it("reproduces scikit-learn predict_proba for the first three 'points' leads with sklearn's coefficients", () => {
    const p = plattPredict(points.scores.slice(0, 3), { a: -9.97066594201484, b: 0.016401388170554653 });
    const sk = [0.4190560259011164, 0.4351070515619478, 0.06978210419493165];
    p.forEach((v, i) => expect(v).toBeCloseTo(sk[i], 14));
  });

  it("doc example, and no overflow far out", () => {
    // σ(2) = 1/(1 + e⁻²)
    expect(Array.from(plattPredict([-1, 1], { a: 1, b: 1 }))).toEqual([0.5, 1 / (1 + Math.exp(-2))]);
    expect(Array.from(plattPredict([-1000, 1000], { a: 0, b: 1 }))).toEqual([0, 1]);
  });

  it("throws on a non-finite coefficient", () => {
    expect(() => plattPredict([1], { a: NaN, b: 1 })).toThrow(/plattPredict: map coefficients must be finite/);
  });
});
