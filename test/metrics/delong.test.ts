import { describe, expect, it } from "vitest";
import { delong } from "../../lib/metrics/delong.js";
import { paired, randomLeads, ties } from "./fixtures/data.js";

/** Naive O(n₊·n₋) DeLong straight from the definition (ψ matrix, sample variances). */
function naiveDelong(s: number[], y: number[]): { auc: number; variance: number } {
  const pos = s.filter((_, i) => y[i] === 1);
  const neg = s.filter((_, i) => y[i] === 0);
  const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
  const v10 = pos.map((a) => neg.reduce((t, b) => t + psi(a, b), 0) / neg.length);
  const v01 = neg.map((b) => pos.reduce((t, a) => t + psi(a, b), 0) / pos.length);
  const mean = (v: number[]) => v.reduce((t, x) => t + x, 0) / v.length;
  const svar = (v: number[]) => v.reduce((t, x) => t + (x - mean(v)) ** 2, 0) / (v.length - 1);
  return { auc: mean(v10), variance: svar(v10) / pos.length + svar(v01) / neg.length };
}

describe("delong", () => {
  it("matches a numpy DeLong (ψ matrix, ddof = 1; reference/reference_values.py) on the 'ties' data", () => {
    const r = delong(ties.scores, ties.labels);
    expect(r.auc).toBeCloseTo(0.8715122767857143, 14);
    expect(r.variance).toBeCloseTo(0.000997707057898621, 15);
    expect(r.se).toBeCloseTo(0.031586501197483415, 13);
    // CI with scipy norm.ppf(0.975)
    expect(r.ci95[0]).toBeCloseTo(0.8096038720410155, 12);
    expect(r.ci95[1]).toBeCloseTo(0.9334206815304131, 12);
  });

  it("matches the numpy DeLong on the 'paired' data, score A", () => {
    const r = delong(paired.scoresA, paired.labels);
    expect(r.auc).toBeCloseTo(0.7399193548387097, 14);
    expect(r.variance).toBeCloseTo(0.003012450458434437, 15);
  });

  it("doc example, worked by hand: V10 = (½, 1), V01 = (1, ½) → Var = 0.125/2 + 0.125/2", () => {
    const r = delong([1, 2, 3, 4], [0, 1, 0, 1]);
    expect(r.auc).toBe(0.75);
    expect(r.variance).toBeCloseTo(0.125, 15);
  });

  it("equals the naive O(n²) implementation on random tied and untied data", () => {
    for (const [seed, maxScore] of [[11, 5], [12, 30], [13, 1000]]) {
      const { scores, labels } = randomLeads(seed, 300, maxScore);
      const r = delong(scores, labels);
      const ref = naiveDelong(scores, labels);
      expect(r.auc).toBeCloseTo(ref.auc, 13);
      expect(r.variance).toBeCloseTo(ref.variance, 15);
      expect(r.variance).toBeGreaterThan(0);
    }
  });

  it("clips the 95 % interval to [0, 1]", () => {
    const r = delong([1, 2, 3, 4, 5, 6, 7, 8], [0, 0, 0, 1, 0, 1, 1, 1]);
    expect(r.auc).toBe(0.9375);
    expect(r.auc + 1.96 * r.se).toBeGreaterThan(1);
    expect(r.ci95[1]).toBe(1);
  });

  it("gives variance 0 and AUC 0.5 when all scores tie", () => {
    expect(delong([3, 3, 3, 3], [0, 1, 0, 1])).toEqual({ auc: 0.5, variance: 0, se: 0, ci95: [0.5, 0.5] });
  });

  it("throws with fewer than two leads in a class", () => {
    expect(() => delong([1, 2, 3], [0, 0, 1])).toThrow(/delong: requires at least 2 won .* received 1 won and 2 lost/);
  });
});
