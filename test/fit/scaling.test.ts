import { describe, expect, it } from "vitest";
import { matchCurrentRange, pdoScaling, weightedQuantile } from "../../lib/fit/scaling.js";

describe("pdoScaling", () => {
  it("METHODS.md §3 check values: PDO 20, 600 points at 50:1 → factor 28.854, offset 487.12", () => {
    const s = pdoScaling({ pdo: 20, score: 600, odds: 50 });
    expect(s.factor).toBeCloseTo(28.854, 3);
    expect(s.offset).toBeCloseTo(487.12, 2);
    // +PDO points double the odds: (S + 20 − offset)/factor − (S − offset)/factor = ln 2
    expect(20 / s.factor).toBeCloseTo(Math.LN2, 12);
  });
  it("refuses a non-positive PDO", () => {
    expect(() => pdoScaling({ pdo: 0 })).toThrow(/PDO and odds must be > 0/);
  });
});

describe("weightedQuantile / matchCurrentRange", () => {
  it("type-1 weighted quantile", () => {
    expect(weightedQuantile([3, 1, 2], [1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2], [3, 1], 0.75)).toBe(1);
  });
  it("maps the 5–95 % spread and aligns the 5th percentile", () => {
    const eta = Array.from({ length: 101 }, (_, i) => i / 100);
    const cur = eta.map((v) => 40 + 60 * v);
    const m = matchCurrentRange(eta, cur, eta.map(() => 1));
    expect(m.factor).toBeCloseTo(60, 9);
    expect(m.base).toBeCloseTo(40, 9);
  });
});
