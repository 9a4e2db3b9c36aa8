import { describe, expect, it } from "vitest";
import { delong } from "../../lib/metrics/delong.js";
import { delongPaired } from "../../lib/metrics/delong-paired.js";
import { paired, randomLeads } from "./fixtures/data.js";

describe("delongPaired", () => {
  it("matches a numpy implementation of pROC's roc.test(method = 'delong', paired) on the 'paired' data", () => {
    // reference/reference_values.py: ψ matrices, np.cov(ddof = 1), scipy norm.sf
    const r = delongPaired(paired.scoresA, paired.scoresB, paired.labels);
    expect(r.aucA).toBeCloseTo(0.7399193548387097, 14); // = scikit-learn roc_auc_score
    expect(r.aucB).toBeCloseTo(0.6912442396313364, 14); // = scikit-learn roc_auc_score
    expect(r.diff).toBeCloseTo(0.04867511520737333, 14);
    expect(r.se).toBeCloseTo(0.034175235531153654, 13);
    expect(r.z).toBeCloseTo(1.4242803144107608, 11);
    expect(r.p).toBeCloseTo(0.15436534368210456, 11);
    expect(r.ci95[0]).toBeCloseTo(r.diff - 1.959963984540054 * r.se, 14);
    expect(r.ci95[1]).toBeCloseTo(r.diff + 1.959963984540054 * r.se, 14);
  });

  it("worked by hand on six leads", () => {
    // A = 1..6, B = [2, 1, 4, 3, 6, 5], won = leads 3, 5, 6.
    // A: V10 = (2/3, 1, 1), V01 = (1, 1, 2/3) → AUC 8/9, S10 = S01 = 1/27.
    // B separates perfectly: V10 = V01 = 1, AUC 1, no variance, no covariance.
    // Var(diff) = 1/27/3 + 1/27/3 = 2/81 → se = √2/9, z = (−1/9)/(√2/9) = −1/√2.
    const r = delongPaired([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5], [0, 0, 1, 0, 1, 1]);
    expect(r.aucA).toBeCloseTo(8 / 9, 15);
    expect(r.aucB).toBe(1);
    expect(r.se).toBeCloseTo(Math.SQRT2 / 9, 15);
    expect(r.z).toBeCloseTo(-Math.SQRT1_2, 14);
    expect(r.p).toBeCloseTo(0.47950012218695326, 12); // scipy 2·norm.sf(1/√2)
  });

  it("is consistent with delong: Var(A − B) = Var A + Var B − 2 Cov, and Cov(A, A) = Var A", () => {
    const { scores, labels } = randomLeads(21, 250, 15);
    const other = scores.map((s, i) => s + ((i * 37) % 7) - 3);
    const self = delongPaired(scores, scores, labels);
    expect(self).toMatchObject({ diff: 0, se: 0, z: 0, p: 1 });
    const r = delongPaired(scores, other, labels);
    const a = delong(scores, labels);
    const b = delong(other, labels);
    expect(r.aucA).toBeCloseTo(a.auc, 14);
    expect(r.aucB).toBeCloseTo(b.auc, 14);
    // the two scores are positively correlated, so the paired se is below the unpaired one
    expect(r.se).toBeLessThan(Math.sqrt(a.variance + b.variance));
    expect(r.se).toBeGreaterThan(0);
  });

  it("against a constant score (AUC ½, no variance) has the se of delong on the other score", () => {
    const { scores, labels } = randomLeads(22, 300, 9);
    const r = delongPaired(scores, new Array(300).fill(0), labels);
    const a = delong(scores, labels);
    expect(r.aucB).toBe(0.5);
    expect(r.diff).toBeCloseTo(a.auc - 0.5, 14);
    expect(r.se).toBeCloseTo(a.se, 14);
  });

  it("is antisymmetric in the two scores", () => {
    const r = delongPaired(paired.scoresA, paired.scoresB, paired.labels);
    const s = delongPaired(paired.scoresB, paired.scoresA, paired.labels);
    expect(s.diff).toBeCloseTo(-r.diff, 15);
    expect(s.z).toBeCloseTo(-r.z, 12);
    expect(s.p).toBeCloseTo(r.p, 14);
  });

  it("throws naming the argument when lengths differ", () => {
    expect(() => delongPaired([1, 2, 3, 4], [1, 2, 3], [0, 1, 0, 1])).toThrow(/delongPaired: scoresB and labels must have the same length/);
  });
});
