import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../lib/prng.js";
import { relativeWeight } from "../../lib/grid/relative-weight.js";
import { weightVerdict } from "../../lib/grid/verdict.js";

// 60 leads drawn in numpy (default_rng(14)); reference: scikit-learn 1.2.1
// LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-14)
// coefficients (gradient < 1e-13; the default lbfgs stops 1e-4 short), standard errors
// from numpy's inverse of Xᵀ·diag(p(1−p))·X at that solution.
const FIT = [4, 24, 19, 10, 2, 21, 10, 25, 10, 19, 5, 16, 2, 22, 2, 21, 22, 14, 23, 17, 25, 22, 27, 1, 0, 19, 21, 22, 24, 11, 25, 15, 4, 6, 23, 19, 25, 29, 23, 8, 16, 13, 7, 26, 29, 16, 6, 12, 13, 20, 27, 0, 1, 4, 0, 26, 9, 4, 1, 0];
const ENG = [17, 18, 2, 15, 16, 19, 18, 15, 18, 18, 5, 6, 12, 15, 10, 3, 2, 16, 9, 14, 5, 3, 16, 3, 17, 3, 2, 16, 2, 13, 15, 5, 2, 13, 14, 13, 16, 13, 7, 19, 12, 16, 1, 8, 14, 0, 14, 4, 7, 1, 17, 15, 18, 15, 2, 4, 7, 18, 19, 6];
const Y = [0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0];

describe("relativeWeight", () => {
  it("matches scikit-learn's unpenalised logistic fit and numpy's standard errors", () => {
    const w = relativeWeight(FIT, ENG, Y);
    expect(w.converged).toBe(true);
    expect(w.intercept).toBeCloseTo(-2.6939413073956335, 9);
    expect(w.bFit).toBeCloseTo(0.07370098916416719, 10);
    expect(w.bEngagement).toBeCloseTo(0.12145848753146458, 10);
    expect(w.seFit).toBeCloseTo(0.03318694665856303, 6);
    expect(w.seEngagement).toBeCloseTo(0.04981589459898378, 6);
    expect(w.ratio).toBeCloseTo(1.647989924001138, 8);
    // delta-method interval computed from the same numpy covariance
    expect(w.ci95![0]).toBeCloseTo(-0.04434537873198141, 7);
    expect(w.ci95![1]).toBeCloseTo(3.340325226734257, 7);
  });

  it("recovers a known ratio: data generated with an engagement point worth half a fit point", () => {
    const rand = mulberry32(2026);
    const n = 40_000;
    const fit = new Float64Array(n), eng = new Float64Array(n), y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      fit[i] = Math.floor(rand() * 41);
      eng[i] = Math.floor(rand() * 61);
      const p = 1 / (1 + Math.exp(-(-4 + 0.08 * fit[i] + 0.04 * eng[i])));
      y[i] = rand() < p ? 1 : 0;
    }
    const w = relativeWeight(fit, eng, y);
    expect(w.ci95![0]).toBeLessThan(0.5);
    expect(w.ci95![1]).toBeGreaterThan(0.5);
    expect(Math.abs(w.ratio! - 0.5)).toBeLessThan(0.06);
    expect(w.ci95![1] - w.ci95![0]).toBeLessThan(0.25);
  });

  it("says there is no engagement score to weigh when it is constant, and needs both outcomes", () => {
    expect(relativeWeight([1, 2, 3, 4], [0, 0, 0, 0], [0, 1, 0, 1]).note).toContain("no engagement score");
    expect(relativeWeight([1, 2, 3], [1, 2, 3], [1, 1, 1]).ratio).toBeNull();
    expect(() => relativeWeight([1, 2], [1], [0, 1])).toThrow(/same length/);
  });
});

describe("weightVerdict", () => {
  const w = (ratio: number | null, ci95: [number, number] | null) => ({ n: 1, intercept: 0, bFit: 1, seFit: 0, bEngagement: 1, seEngagement: 0, ratio, ci95, converged: true, note: ratio === null ? "too few leads." : null });
  it("reads the ratio against the version's equal weighting", () => {
    expect(weightVerdict(w(0.6, [0.45, 0.75])).text).toBe("On these leads one engagement point is worth 0.60 fit points (95 % CI 0.45–0.75); the version counts it as 1: it over-weights behaviour.");
    expect(weightVerdict(w(1.8, [1.2, 2.4])).verdict).toBe("under-weights behaviour");
    expect(weightVerdict(w(0.9, [0.7, 1.1])).verdict).toBe("balanced");
    expect(weightVerdict(w(null, null))).toEqual({ verdict: "unknown", text: "No relative weight: too few leads." });
  });
});
