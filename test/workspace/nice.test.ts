import { describe, expect, it } from "vitest";
import { niceCut, quantileCutsSorted } from "../../lib/builder/nice.js";

describe("niceCut", () => {
  it("keeps two significant digits", () => {
    expect(niceCut(29.87)).toBe(30);
    expect(niceCut(1234)).toBe(1200);
    expect(niceCut(0.04371)).toBe(0.044);
    expect(niceCut(-156)).toBe(-160);
    expect(niceCut(7)).toBe(7);
    expect(niceCut(0)).toBe(0);
  });
});

describe("quantileCutsSorted", () => {
  it("cuts on values: ties are never split, whatever the row order", () => {
    const v = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5];
    // The 20 %, 40 % quantiles fall inside the run of 1s: no cut there, the bands start above the minimum.
    expect(quantileCutsSorted(v, 5)).toEqual([2, 4]);
  });
  it("gives k−1 readable cuts on spread values", () => {
    const v = Array.from({ length: 100 }, (_, i) => 10 + i * 0.5); // 10 … 59.5
    expect(quantileCutsSorted(v, 5)).toEqual([20, 30, 40, 50]);
  });
  it("gives no cut for a constant column or no values", () => {
    expect(quantileCutsSorted([3, 3, 3], 5)).toEqual([]);
    expect(quantileCutsSorted([], 5)).toEqual([]);
  });
});
