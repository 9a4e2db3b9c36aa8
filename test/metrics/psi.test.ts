import { describe, expect, it } from "vitest";
import { psi } from "../../lib/metrics/psi.js";

describe("psi", () => {
  it("worked example: uniform 25 % bands drifting to 10/20/30/40 % (numpy: 0.22821740957339182)", () => {
    const r = psi([25, 25, 25, 25], [10, 20, 30, 40]);
    expect(r.psi).toBeCloseTo(0.22821740957339182, 15);
    expect(r.level).toBe("investigate");
    expect(r.contributions.reduce((t, c) => t + c, 0)).toBeCloseTo(r.psi, 15);
    // counts and proportions give the same index
    expect(psi([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]).psi).toBeCloseTo(r.psi, 15);
  });

  it("uses the METHODS.md §8 bands: < 0.10, 0.10–0.25, ≥ 0.25", () => {
    expect(psi([50, 50], [50, 50])).toMatchObject({ psi: 0, level: "stable", label: "no significant change" });
    expect(psi([50, 50], [60, 40]).level).toBe("stable"); // 0.1·ln 1.2 − 0.1·ln 0.8 = 0.0405
    expect(psi([50, 50], [80, 20]).level).toBe("significant"); // 0.3·ln 1.6 − 0.3·ln 0.4 = 0.4159
    expect(psi([50, 50], [70, 30]).level).toBe("investigate"); // 0.2·ln 1.4 − 0.2·ln 0.6 = 0.1695
  });

  it("is symmetric in expected and actual", () => {
    expect(psi([1, 2, 3], [3, 2, 1]).psi).toBeCloseTo(psi([3, 2, 1], [1, 2, 3]).psi, 15);
  });

  it("smooths an empty band with 1e-4 instead of giving Infinity", () => {
    const r = psi([50, 50, 0], [50, 40, 10]);
    // band 3: (0.1 − 1e-4)·ln(0.1/1e-4); band 2: (0.4 − 0.5)·ln(0.8)
    expect(r.psi).toBeCloseTo((0.1 - 1e-4) * Math.log(0.1 / 1e-4) + -0.1 * Math.log(0.8), 14);
    expect(psi([50, 50, 0], [50, 40, 10], { smoothing: 1e-3 }).psi).toBeLessThan(r.psi);
  });

  it("throws on mismatched bands or negative counts", () => {
    expect(() => psi([1, 2], [1])).toThrow(/psi: expected and actual must have the same, non-zero number of bands; received 2 and 1/);
    expect(() => psi([1, -2], [1, 1])).toThrow(/psi: expected must be finite counts or proportions ≥ 0; expected\[1\] is -2/);
    expect(() => psi([0, 0], [1, 1])).toThrow(/psi: expected sums to 0/);
  });
});
