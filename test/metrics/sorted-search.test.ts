import { describe, expect, it } from "vitest";
import { lowerBound, upperBound } from "../../lib/metrics/sorted-search.js";

describe("lowerBound / upperBound (internal)", () => {
  const a = Float64Array.from([1, 2, 2, 2, 5]);
  it("count the elements below and not above x", () => {
    expect([0, 1, 2, 3, 5, 6].map((x) => lowerBound(a, x))).toEqual([0, 0, 1, 4, 4, 5]);
    expect([0, 1, 2, 3, 5, 6].map((x) => upperBound(a, x))).toEqual([0, 1, 4, 4, 5, 5]);
    expect(lowerBound(new Float64Array(0), 1)).toBe(0);
  });
});
