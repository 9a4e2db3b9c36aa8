import { describe, expect, it } from "vitest";
import { plattFit } from "../../lib/metrics/platt-fit.js";
import { points } from "./fixtures/data.js";

describe("plattFit", () => {
  it("matches scikit-learn 1.2.1 LogisticRegression(penalty=None, solver='newton-cholesky', tol=1e-12) on the 'points' data", () => {
    // 200 leads with scorecard points 350..750: unstandardised, this is badly conditioned
    const r = plattFit(points.scores, points.labels);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(15);
    expect(r.a).toBeCloseTo(-9.97066594201484, 8);
    expect(r.b).toBeCloseTo(0.016401388170554653, 11);
  });

  it("matches the same fit with sample_weight = the 'points' weights", () => {
    const r = plattFit(points.scores, points.labels, points.weights);
    expect(r.a).toBeCloseTo(-9.514613991463447, 8);
    expect(r.b).toBeCloseTo(0.015402972577834316, 11);
  });

  it("doc example: two scores fit exactly, a = logit(⅓) = −ln 2, a + b = logit(⅔) → b = ln 4", () => {
    const r = plattFit([0, 0, 0, 1, 1, 1], [0, 0, 1, 0, 1, 1]);
    expect(r.a).toBeCloseTo(-Math.LN2, 12);
    expect(r.b).toBeCloseTo(Math.log(4), 12);
  });

  it("with integer weights equals the fit on repeated rows", () => {
    const s = [1, 2, 3, 4, 5, 6];
    const y = [0, 1, 0, 1, 0, 1];
    const w = [3, 1, 2, 1, 1, 4];
    const rs = s.flatMap((v, i) => new Array(w[i]).fill(v));
    const ry = y.flatMap((v, i) => new Array(w[i]).fill(v));
    const a = plattFit(s, y, w);
    const b = plattFit(rs, ry);
    expect(a.a).toBeCloseTo(b.a, 12);
    expect(a.b).toBeCloseTo(b.b, 12);
  });

  it("gives b = 0 and a = logit(ȳ) when all scores tie", () => {
    const r = plattFit([5, 5, 5, 5], [1, 0, 0, 0]);
    expect(r.b).toBe(0);
    expect(r.a).toBeCloseTo(Math.log(1 / 3), 14);
    expect(r.converged).toBe(true);
  });

  it("reports non-convergence on perfectly separated data instead of throwing", () => {
    const r = plattFit([1, 2, 3, 4], [0, 0, 1, 1]);
    expect(r.converged).toBe(false);
    expect(r.b).toBeGreaterThan(0);
  });

  it("fits a million grouped rows in well under a second", () => {
    const n = 1_000_000;
    const s = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = i % 101;
      y[i] = (i * 2654435761) % 1000 < 5 * s[i] + 100 ? 1 : 0;
    }
    // Speed is a benchmark's business (npm run bench), never a unit test's.
    const r = plattFit(s, y);
    expect(r.converged).toBe(true);
  });

  it("throws when a class is empty", () => {
    expect(() => plattFit([1, 2], [1, 1])).toThrow(/plattFit: requires won \(label 1\) and lost \(label 0\) leads .* received 2 won and 0 lost/);
    expect(() => plattFit([1, 2], [1, 0], [1, 0])).toThrow(/received 1 won and 0 lost/);
  });
});
