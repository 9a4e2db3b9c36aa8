import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../lib/prng.js";
import { poisson } from "../../lib/fit/prng.js";
import { testRng } from "./fixture.js";

describe("mulberry32", () => {
  it("is reproducible (seed 1 → 0.6270739405881613, same as the independent copy testRng in test/fit/fixture.ts)", () => {
    expect(mulberry32(1)()).toBe(0.6270739405881613);
    expect(testRng(1)()).toBe(0.6270739405881613);
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 5; i++) expect(a()).toBe(b());
  });
});

describe("poisson", () => {
  it.each([0.7, 3, 25, 400])("has mean and variance ≈ %s (Knuth below 10, PTRS above)", (mean) => {
    const rng = mulberry32(9);
    const n = 40_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const k = poisson(rng, mean);
      expect(Number.isInteger(k) && k >= 0).toBe(true);
      s += k;
      s2 += k * k;
    }
    const m = s / n;
    const v = s2 / n - m * m;
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
    expect(Math.abs(v / mean - 1)).toBeLessThan(0.05);
  });
  it("refuses a negative mean", () => {
    expect(() => poisson(mulberry32(1), -1)).toThrow(/mean must be finite and ≥ 0/);
  });
});
