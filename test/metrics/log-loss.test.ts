import { describe, expect, it } from "vitest";
import { logLoss } from "../../lib/metrics/log-loss.js";
import { points, probs } from "./fixtures/data.js";

describe("logLoss", () => {
  it("matches scikit-learn 1.2.1 log_loss(eps=1e-15) on the 'probs' data", () => {
    expect(logLoss(probs.p, probs.labels)).toBeCloseTo(0.5652705880974545, 14);
  });

  it("matches log_loss(sample_weight = first 150 'points' weights)", () => {
    expect(logLoss(probs.p, probs.labels, { weights: points.weights.slice(0, 150) })).toBeCloseTo(0.5226363253602236, 14);
  });

  it("clips 0 and 1 at 1e-15 as scikit-learn: log_loss([1, 0, 1], [0, 0, 1]) = 11.512925464970229", () => {
    expect(logLoss([0, 0, 1], [1, 0, 1])).toBeCloseTo(11.512925464970229, 9);
    // eps = 1e-6: −(ln 1e-6 + 2·ln(1 − 1e-6))/3
    expect(logLoss([0, 0, 1], [1, 0, 1], { eps: 1e-6 })).toBeCloseTo(-(Math.log(1e-6) + 2 * Math.log1p(-1e-6)) / 3, 14);
  });

  it("doc example: ln 2 for coin-flip forecasts", () => {
    expect(logLoss([0.5, 0.5], [0, 1])).toBe(Math.LN2);
  });

  it("throws on a bad eps", () => {
    expect(() => logLoss([0.5], [1], { eps: 0 })).toThrow(/logLoss: eps must be in \(0, 0.5\); received 0/);
  });
});
