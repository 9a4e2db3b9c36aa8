import { describe, expect, it } from "vitest";
import { delongComponents, sampleCov } from "../../lib/metrics/delong-components.js";

describe("delongComponents (internal)", () => {
  it("gives V10 per won and V01 per lost lead in input order, ties ½ (hand-worked)", () => {
    // won: 3, 1 ; lost: 2, 3, 0
    const { v10, v01 } = delongComponents([3, 2, 1, 3, 0], [1, 0, 1, 0, 0]);
    // won 3 beats 2 and 0, ties 3 → 2.5/3; won 1 beats 0 → 1/3
    expect(Array.from(v10)).toEqual([2.5 / 3, 1 / 3]);
    // lost 2: beaten by 3 → ½; lost 3: tied with 3 → ¼; lost 0: beaten by both → 1
    expect(Array.from(v01)).toEqual([0.5, 0.25, 1]);
  });

  it("sampleCov uses n − 1", () => {
    expect(sampleCov(Float64Array.from([1, 2, 3]), Float64Array.from([1, 2, 3]))).toBe(1);
  });
});
