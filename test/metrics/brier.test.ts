import { describe, expect, it } from "vitest";
import { brier } from "../../lib/metrics/brier.js";
import { points, probs } from "./fixtures/data.js";

describe("brier", () => {
  it("matches scikit-learn 1.2.1 brier_score_loss on the 'probs' data (150 probabilities)", () => {
    expect(brier(probs.p, probs.labels)).toBeCloseTo(0.19037985793333334, 15);
  });

  it("matches brier_score_loss(sample_weight = first 150 'points' weights)", () => {
    expect(brier(probs.p, probs.labels, points.weights.slice(0, 150))).toBeCloseTo(0.17433135099002417, 15);
  });

  it("doc example, and ȳ(1 − ȳ) for the constant base-rate forecast", () => {
    expect(brier([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0])).toBeCloseTo(0.0375, 16);
    expect(brier([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBe(0.1875);
  });

  it("throws for probabilities outside [0, 1] and bad weights", () => {
    expect(() => brier([0.5, 1.2], [0, 1])).toThrow(/brier: p must be probabilities in \[0, 1\]; p\[1\] is 1.2/);
    expect(() => brier([0.5, 0.2], [0, 1], [1, -1])).toThrow(/brier: weights must be finite and ≥ 0; weights\[1\] is -1/);
    expect(() => brier([0.5, 0.2], [0, 1], [0, 0])).toThrow(/brier: weights must have a positive sum/);
  });
});
