import { describe, expect, it } from "vitest";
import { twoProportionZ } from "../../lib/monitoring/two-proportion-z.js";

// Reference: scipy 1.17.1 chi2_contingency(correction=False), z = ±√X² (reference/reference_values.py);
// the same as R prop.test(c(x1, x2), c(n1, n2), correct = FALSE) and statsmodels proportions_ztest.
describe("twoProportionZ", () => {
  it.each([
    [30, 100, 15, 100, 2.54000254000381, 0.0110851663806027],
    [5, 40, 20, 60, -2.35702260395516, 0.018422125454099],
    [4, 4, 2, 5, 1.89736659610103, 0.0577795711235972],
    [2, 8, 3, 5, -1.2619429464124, 0.206969316918809],
  ])("x1 = %i, n1 = %i, x2 = %i, n2 = %i → z %f, p %f (scipy)", (x1, n1, x2, n2, z, p) => {
    const r = twoProportionZ(x1, n1, x2, n2);
    expect(r.z).toBeCloseTo(z, 12);
    expect(r.p).toBeCloseTo(p, 12);
    expect(r.difference).toBeCloseTo(x1 / n1 - x2 / n2, 15);
  });

  it("by hand: 30/100 vs 15/100, pooled 0.225 → z = 0.15 / √(0.225·0.775·0.02)", () => {
    expect(twoProportionZ(30, 100, 15, 100).z).toBeCloseTo(0.15 / Math.sqrt(0.225 * 0.775 * 0.02), 14);
  });

  it("gives z = 0, p = 1 when both groups are all 0 or all 1", () => {
    expect(twoProportionZ(0, 10, 0, 5)).toEqual({ difference: 0, z: 0, p: 1 });
    expect(twoProportionZ(3, 3, 4, 4)).toEqual({ difference: 0, z: 0, p: 1 });
  });

  it("refuses empty groups and impossible counts", () => {
    expect(() => twoProportionZ(0, 0, 1, 2)).toThrow(/twoProportionZ: n1 must be a positive integer; received 0/);
    expect(() => twoProportionZ(1, 2, 3, 2)).toThrow(/twoProportionZ: x2 must be an integer count in \[0, n2 = 2\]; received 3/);
  });
});
