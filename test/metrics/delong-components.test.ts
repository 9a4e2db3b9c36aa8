import { describe, expect, it } from "vitest";
import { delongComponents, sampleCov } from "../../lib/metrics/delong-components.js";
import { mulberry32 } from "../../lib/prng.js";

/** The definition, pair by pair (O(n²)). */
function bruteForce(scores: number[], labels: number[]) {
  const pos = scores.filter((_, i) => labels[i] === 1), neg = scores.filter((_, i) => labels[i] === 0);
  const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
  return {
    v10: pos.map((a) => neg.reduce((s, b) => s + psi(a, b), 0) / neg.length),
    v01: neg.map((b) => pos.reduce((s, a) => s + psi(a, b), 0) / pos.length),
  };
}

describe("delongComponents (internal)", () => {
  it("gives V10 per won and V01 per lost lead in input order, ties ½ (hand-worked)", () => {
    // won: 3, 1 ; lost: 2, 3, 0
    const { v10, v01 } = delongComponents([3, 2, 1, 3, 0], [1, 0, 1, 0, 0]);
    // won 3 beats 2 and 0, ties 3 → 2.5/3; won 1 beats 0 → 1/3
    expect(Array.from(v10)).toEqual([2.5 / 3, 1 / 3]);
    // lost 2: beaten by 3 → ½; lost 3: tied with 3 → ¼; lost 0: beaten by both → 1
    expect(Array.from(v01)).toEqual([0.5, 0.25, 1]);
  });

  it("equals the pair-by-pair definition on random scores with many ties, −0 and 0 included", () => {
    const rng = mulberry32(7);
    for (const distinct of [3, 40, 5000]) {
      const scores = Array.from({ length: 900 }, () => Math.floor(rng() * distinct) / 4 - 2);
      scores[0] = -0;
      scores[1] = 0;
      const labels = scores.map(() => (rng() < 0.3 ? 1 : 0));
      const got = delongComponents(scores, labels), want = bruteForce(scores, labels);
      expect(Array.from(got.v10)).toEqual(want.v10);
      expect(Array.from(got.v01)).toEqual(want.v01);
    }
  });

  it("sampleCov uses n − 1", () => {
    expect(sampleCov(Float64Array.from([1, 2, 3]), Float64Array.from([1, 2, 3]))).toBe(1);
  });
});
