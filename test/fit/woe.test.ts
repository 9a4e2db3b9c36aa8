import { describe, expect, it } from "vitest";
import { binnedIv, ivBand } from "../../lib/fit/woe.js";

describe("binnedIv", () => {
  it("two cells, hand-computed", () => {
    // with: 20 won, 40 lost; without: 80 won, 360 lost; E = 100, N = 400
    // WoE_with    = ln((20/100)/(40/400))  = ln(0.2/0.1)  = ln 2        =  0.693147
    // WoE_without = ln((80/100)/(360/400)) = ln(0.8/0.9)  = ln(8/9)     = −0.117783
    // IV = (0.2 − 0.1)·0.693147 + (0.8 − 0.9)·(−0.117783) = 0.0693147 + 0.0117783 = 0.0810930
    const r = binnedIv([20, 80], [40, 360]);
    expect(r.woe[0]).toBeCloseTo(Math.LN2, 12);
    expect(r.woe[1]).toBeCloseTo(Math.log(8 / 9), 12);
    expect(r.iv).toBeCloseTo(0.081093, 6);
    expect(r.band).toBe("weak");
    expect(r.smoothed).toBe(false);
  });
  it("three bins, hand-computed (multi-bin IV = Σ over bins)", () => {
    // won [10, 30, 60] (E = 100), lost [90, 110, 100] (N = 300)
    // bin 1: 0.1 vs 0.3      → WoE ln(1/3)  = −1.098612, contribution (−0.2)·(−1.098612)     = 0.219722
    // bin 2: 0.3 vs 0.366667 → WoE ln(9/11) = −0.200671, contribution (−0.066667)·(−0.200671) = 0.013378
    // bin 3: 0.6 vs 0.333333 → WoE ln(1.8)  =  0.587787, contribution 0.266667·0.587787       = 0.156743
    // IV = 0.389844 (0.3898436 unrounded) → strong
    const r = binnedIv([10, 30, 60], [90, 110, 100]);
    expect(Array.from(r.woe).map((v) => +v.toFixed(6))).toEqual([-1.098612, -0.200671, 0.587787]);
    expect(Array.from(r.contribution).map((v) => +v.toFixed(6))).toEqual([0.219722, 0.013378, 0.156743]);
    expect(r.iv).toBeCloseTo(0.389844, 6);
    expect(r.band).toBe("strong");
  });
  it("smooths an empty cell by adding 0.5 to every count", () => {
    // won [0, 10] lost [5, 5] → [0.5, 10.5] and [5.5, 5.5]; E = N = 11
    // WoE = ln(0.5/5.5) = −2.397895, ln(10.5/5.5) = 0.646627
    // IV = (5/11)·(2.397895 + 0.646627) = 1.383874 → suspicious
    const r = binnedIv([0, 10], [5, 5]);
    expect(r.smoothed).toBe(true);
    expect(r.woe[0]).toBeCloseTo(-2.397895, 6);
    expect(r.woe[1]).toBeCloseTo(0.646627, 6);
    expect(r.iv).toBeCloseTo(1.383874, 6);
    expect(r.band).toBe("suspicious");
  });
  it("refuses mismatched bins", () => {
    expect(() => binnedIv([1, 2], [1])).toThrow(/one won and one lost count per bin/);
  });
});

describe("ivBand", () => {
  it("Siddiqi bands", () => {
    expect([0.01, 0.02, 0.05, 0.1, 0.29, 0.3, 0.5, 0.51].map(ivBand)).toEqual([
      "useless", "weak", "weak", "medium", "medium", "strong", "strong", "suspicious",
    ]);
  });
});
