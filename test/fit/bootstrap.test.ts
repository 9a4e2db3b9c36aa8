import { describe, expect, it } from "vitest";
import { bootstrapPoints } from "../../lib/fit/bootstrap.js";
import { collapseRows } from "../../lib/fit/collapse.js";
import { fitLogistic } from "../../lib/fit/logistic.js";
import { syntheticDesign, TEN } from "./synthetic.js";

const rows = collapseRows(syntheticDesign(20_000, TEN.rates, TEN.beta, TEN.intercept, 5));
const factor = 20 / Math.LN2;

describe("bootstrapPoints", () => {
  const boot = bootstrapPoints(rows, { factor, replicates: 200, seed: 3, minPoints: 5 });

  it("is reproducible for a seed", () => {
    const again = bootstrapPoints(rows, { factor, replicates: 200, seed: 3, minPoints: 5 });
    expect(Array.from(again.lo)).toEqual(Array.from(boot.lo));
    expect(Array.from(again.keepRate)).toEqual(Array.from(boot.keepRate));
  });

  it("brackets the full-data points; the null criterion's interval spans 0, strong ones do not", () => {
    const full = fitLogistic(rows);
    for (let j = 0; j < 10; j++) {
      expect(boot.lo[j]).toBeLessThan(factor * full.coef[j]);
      expect(boot.hi[j]).toBeGreaterThan(factor * full.coef[j]);
    }
    expect(boot.lo[9]).toBeLessThan(0); // true coefficient 0
    expect(boot.hi[9]).toBeGreaterThan(0);
    expect(boot.lo[0]).toBeGreaterThan(0);
    expect(boot.hi[2]).toBeLessThan(0);
    expect(boot.keepRate[0]).toBe(1);
    expect(boot.keepRate[9]).toBeLessThan(0.5);
    expect(boot.notConverged).toBe(0);
  });

  it("percentile intervals widen with less data (Poisson bootstrap on collapsed rows)", () => {
    const small = collapseRows(syntheticDesign(2_000, TEN.rates, TEN.beta, TEN.intercept, 5));
    const b = bootstrapPoints(small, { factor, replicates: 200, seed: 3 });
    expect(b.hi[0] - b.lo[0]).toBeGreaterThan(2 * (boot.hi[0] - boot.lo[0]));
  });

  it("refuses a missing factor", () => {
    expect(() => bootstrapPoints(rows, { factor: 0 })).toThrow(/factor must be > 0 points per logit/);
  });
});
