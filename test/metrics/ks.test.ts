import { describe, expect, it } from "vitest";
import { ks } from "../../lib/metrics/ks.js";
import { paired, randomLeads, ties } from "./fixtures/data.js";

describe("ks", () => {
  it("matches max(tpr − fpr) of scikit-learn 1.2.1 roc_curve on the 'ties' data", () => {
    const r = ks(ties.scores, ties.labels);
    expect(r.ks).toBeCloseTo(0.5758928571428571, 14);
    expect(r.threshold).toBe(5);
    expect(r.tpr).toBeCloseTo(0.8571428571428571, 14);
    expect(r.fpr).toBeCloseTo(0.28125, 14);
  });

  it("matches scikit-learn on the 'paired' data, score B (half-point scores)", () => {
    const r = ks(paired.scoresB, paired.labels);
    expect(r.ks).toBeCloseTo(0.34907834101382484, 14);
    expect(r.threshold).toBe(17.5);
  });

  it("doc example", () => {
    expect(ks([1, 2, 2, 3], [0, 0, 1, 1])).toEqual({ ks: 0.5, threshold: 3, tpr: 0.5, fpr: 0 });
  });

  it("picks the highest threshold when several reach the maximum", () => {
    // score ≥ 3: TPR 1/2, FPR 0 → 0.5; score ≥ 2: TPR 1, FPR 1/2 → 0.5
    expect(ks([1, 2, 3, 4], [0, 0, 1, 1]).threshold).toBe(3);
    expect(ks([1, 2, 3, 4], [0, 1, 0, 1]).threshold).toBe(4);
  });

  it("equals a brute-force scan over all thresholds on random data", () => {
    const { scores, labels } = randomLeads(31, 500, 25);
    const nWon = labels.filter((y) => y === 1).length;
    let best = -1;
    for (const t of new Set(scores)) {
      let tp = 0;
      let fp = 0;
      scores.forEach((s, i) => {
        if (s >= t) labels[i] ? tp++ : fp++;
      });
      best = Math.max(best, tp / nWon - fp / (labels.length - nWon));
    }
    expect(ks(scores, labels).ks).toBeCloseTo(best, 14);
  });

  it("is 0 when all scores tie", () => {
    expect(ks([2, 2, 2], [0, 1, 0])).toEqual({ ks: 0, threshold: 2, tpr: 1, fpr: 1 });
  });

  it("throws when a class is empty", () => {
    expect(() => ks([1, 2], [0, 0])).toThrow(/ks: requires at least 1 won/);
  });
});
