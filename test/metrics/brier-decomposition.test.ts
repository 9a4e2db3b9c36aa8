import { describe, expect, it } from "vitest";
import { brierDecomposition } from "../../lib/metrics/brier-decomposition.js";
import { grouped, probs, randomLeads } from "./fixtures/data.js";

describe("brierDecomposition", () => {
  it("matches pandas group-by sums and scikit-learn 1.2.1 brier_score_loss on the 'grouped' data", () => {
    const r = brierDecomposition(grouped.scores, grouped.p, grouped.labels);
    expect(r.brier).toBeCloseTo(0.18258422983435005, 15);
    expect(r.reliability).toBeCloseTo(0.05481907831919847, 15);
    expect(r.resolution).toBeCloseTo(0.12183484848484846, 15);
    expect(r.uncertainty).toBeCloseTo(0.2496, 15);
    expect(r.groups).toBe(10);
  });

  it("sums exactly, Brier = REL − RES + UNC, when p is a function of the score", () => {
    const { scores, labels } = randomLeads(51, 2000, 30);
    const p = scores.map((s) => 1 / (1 + Math.exp(-(s - 12) / 5)));
    const r = brierDecomposition(scores, p, labels);
    expect(r.reliability - r.resolution + r.uncertainty).toBeCloseTo(r.brier, 14);
    expect(Math.abs(r.withinScore)).toBeLessThan(1e-14);
  });

  it("doc example, worked by hand", () => {
    // groups: score 1 (p̄ ¼, ȳ ½), score 2 (p̄ ¾, ȳ 1); ȳ = ¾
    // REL = (2·¼² + 2·¼²)/4, RES = (2·¼² + 2·¼²)/4, UNC = ¾·¼
    expect(brierDecomposition([1, 1, 2, 2], [0.25, 0.25, 0.75, 0.75], [0, 1, 1, 1])).toEqual({
      brier: 0.1875, reliability: 0.0625, resolution: 0.0625, uncertainty: 0.1875, withinScore: 0, groups: 2,
    });
  });

  it("reports the gap when p varies within a score", () => {
    // one score for everyone: REL − RES + UNC uses p̄ only
    const r = brierDecomposition(new Array(probs.p.length).fill(1), probs.p, probs.labels);
    expect(r.groups).toBe(1);
    expect(r.resolution).toBe(0);
    expect(r.brier).toBeCloseTo(0.19037985793333334, 15); // scikit-learn brier_score_loss
    expect(r.withinScore).not.toBeCloseTo(0, 3);
    expect(r.reliability - r.resolution + r.uncertainty + r.withinScore).toBeCloseTo(r.brier, 15);
  });

  it("throws when the lengths differ", () => {
    expect(() => brierDecomposition([1, 2], [0.5], [0, 1])).toThrow(/brierDecomposition: p and y must have the same length/);
  });
});
