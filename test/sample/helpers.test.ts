import { describe, expect, it } from "vitest";
import { auc } from "./helpers.js";

describe("test helper auc", () => {
  it("matches hand-computed values (mid-ranks for ties)", () => {
    // pairs (pos, neg): (0.9,0.1) 1, (0.9,0.5) 1, (0.5,0.1) 1, (0.5,0.5) ½ → 3.5/4
    expect(auc([0.9, 0.5, 0.1, 0.5], [1, 1, 0, 0])).toBeCloseTo(0.875, 12);
    expect(auc([1, 1, 1, 1], [1, 0, 1, 0])).toBe(0.5);
    expect(auc([0, 1], [1, 0])).toBe(0);
  });
});
