import { describe, expect, it } from "vitest";
import { calibrationInterceptSlope } from "../../lib/metrics/calibration-intercept-slope.js";
import { plattFit } from "../../lib/metrics/platt-fit.js";
import { plattPredict } from "../../lib/metrics/platt-predict.js";
import { points, probs } from "./fixtures/data.js";

describe("calibrationInterceptSlope", () => {
  it("matches scikit-learn 1.2.1 LogisticRegression(penalty=None) on logit(p) for the overconfident 'probs' model", () => {
    const r = calibrationInterceptSlope(probs.p, probs.labels);
    expect(r.intercept).toBeCloseTo(-0.24770038827270074, 9);
    expect(r.slope).toBeCloseTo(0.7209244613032532, 9); // < 1: the model is overconfident
    expect(r.converged).toBe(true);
  });

  it("calibration-in-the-large matches scipy brentq on the offset model's score equation Σ(y − σ(a + logit p)) = 0", () => {
    expect(calibrationInterceptSlope(probs.p, probs.labels).calibrationInTheLarge).toBeCloseTo(-0.2033912424887498, 11);
  });

  it("doc example: two groups fit exactly, slope = ln 2 / ln 4", () => {
    const r = calibrationInterceptSlope([0.2, 0.2, 0.2, 0.8, 0.8, 0.8], [0, 0, 1, 1, 1, 0]);
    expect(r.intercept).toBeCloseTo(0, 12);
    expect(r.slope).toBeCloseTo(0.5, 12);
    expect(r.meanPredicted).toBeCloseTo(0.5, 15);
    expect(r.observedRate).toBe(0.5);
  });

  it("gives intercept 0 and slope 1 in-sample after a Platt map (by construction)", () => {
    const fit = plattFit(points.scores, points.labels);
    const r = calibrationInterceptSlope(plattPredict(points.scores, fit), points.labels);
    expect(r.intercept).toBeCloseTo(0, 7);
    expect(r.slope).toBeCloseTo(1, 7);
    expect(r.calibrationInTheLarge).toBeCloseTo(0, 7);
  });

  it("throws when a class is empty", () => {
    expect(() => calibrationInterceptSlope([0.2, 0.3], [0, 0])).toThrow(/calibrationInterceptSlope: requires at least 1 won/);
    expect(() => calibrationInterceptSlope([0.2, 0.2], [0, 1])).toThrow(/calibrationInterceptSlope: requires at least two distinct predicted probabilities/);
  });
});
