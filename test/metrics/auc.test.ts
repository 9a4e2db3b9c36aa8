import { describe, expect, it } from "vitest";
import { auc } from "../../lib/metrics/auc.js";
import { randomLeads, ties } from "./fixtures/data.js";

/** Naive O(n₊·n₋) pair count, ties ½: the definition of the AUC. */
function pairAuc(s: number[], y: number[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < s.length; j++) {
      if (y[j] !== 0) continue;
      sum += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      pairs++;
    }
  }
  return sum / pairs;
}

describe("auc", () => {
  it("matches scikit-learn 1.2.1 roc_auc_score on the 'ties' data (120 leads, integer scores 0..10)", () => {
    expect(auc(ties.scores, ties.labels)).toBeCloseTo(0.8715122767857143, 14);
  });

  it("doc example: a won/lost tie counts one half", () => {
    // pairs (won 2 vs lost 1, 2) = 1 + ½, (won 3 vs both) = 2 → 3.5 / 4
    expect(auc([1, 2, 2, 3], [0, 0, 1, 1])).toBe(0.875);
  });

  it("gives 0.5 when every score is tied (METHODS.md §5)", () => {
    expect(auc([7, 7, 7, 7, 7], [0, 1, 1, 0, 1])).toBe(0.5);
  });

  it("is 1 − AUC of the negated score", () => {
    const neg = ties.scores.map((s) => -s);
    expect(auc(neg, ties.labels)).toBeCloseTo(1 - auc(ties.scores, ties.labels), 14);
    expect(auc(neg, ties.labels)).toBeCloseTo(0.12848772321428573, 14); // scikit-learn roc_auc_score(y, −s)
  });

  it("equals the naive pair count on random tied data", () => {
    for (const seed of [1, 2, 3]) {
      const { scores, labels } = randomLeads(seed, 400, 12);
      expect(auc(scores, labels)).toBeCloseTo(pairAuc(scores, labels), 12);
    }
  });

  it("accepts Float64Array scores and Uint8Array labels with the same result", () => {
    expect(auc(Float64Array.from(ties.scores), Uint8Array.from(ties.labels))).toBe(auc(ties.scores, ties.labels));
  });

  it("is invariant to a monotone transform of the score", () => {
    const t = ties.scores.map((s) => Math.exp(s / 3) + 100);
    expect(auc(t, ties.labels)).toBeCloseTo(auc(ties.scores, ties.labels), 14);
  });

  it("throws naming the rule when a class is empty, labels are not 0/1, or lengths differ", () => {
    expect(() => auc([1, 2, 3], [1, 1, 1])).toThrow(/auc: requires at least 1 won .* received 3 won and 0 lost/);
    expect(() => auc([1, 2], [0, 2])).toThrow(/auc: labels must be 0 \(lost\) or 1 \(won\); labels\[1\] is 2/);
    expect(() => auc([1, 2], [0])).toThrow(/auc: scores and labels must have the same length/);
    expect(() => auc([1, NaN], [0, 1])).toThrow(/auc: scores must be finite numbers; scores\[1\] is NaN/);
  });

  it("handles a million leads quickly (O(n log n))", () => {
    const n = 1_000_000;
    const s = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (i * 7919) % 1000;
      y[i] = (i * 104729) % 3 === 0 ? 1 : 0;
    }
    // Speed is a benchmark's business (npm run bench), never a unit test's.
    const a = auc(s, y);
    expect(a).toBeGreaterThan(0.4);
    expect(a).toBeLessThan(0.6);
  });
});
