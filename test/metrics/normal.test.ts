import { describe, expect, it } from "vitest";
import { normalCdf, Z95 } from "../../lib/metrics/normal.js";

describe("normalCdf", () => {
  it("matches scipy 1.10.1 stats.norm.cdf", () => {
    const ref: [number, number][] = [
      [-8, 6.22096057427174e-16],
      [-3, 0.0013498980316300933],
      [-1, 0.15865525393145707],
      [0.5, 0.6914624612740131],
      [Z95, 0.975],
      [2.5, 0.9937903346742238],
      [6, 0.9999999990134123],
    ];
    for (const [x, p] of ref) expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-14 + 1e-12 * p);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 7); // relative accuracy ~1e-8 beyond |x| ≈ 7
  });

  it("is symmetric and 0.5 at 0", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.3) + normalCdf(-1.3)).toBeCloseTo(1, 15);
  });
});
