import { describe, expect, it } from "vitest";
import { bandCounts, scoreDrift } from "../../lib/monitoring/score-drift.js";
import { columns, type Lead } from "./helpers.js";

const month = (m: string, scores: number[]): Lead[] => scores.map((score) => ({ at: `2024-${m}-15`, score, y: 0 as const }));

// Reference January: scores 1…10. With 2 quantile bands the cut is 6: (−∞, 6) holds 1–5, [6, ∞) holds 6–10.
const input = columns([
  ...month("01", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  ...month("02", [1, 5.9, 6, 7, 8, 9, 10, 11, 12, 13]), // 2 | 8  (6 goes to the upper band)
  ...month("03", [1, 2, 3, 6, 7, 8, 9, 10, 11, 12]), //     3 | 7
  ...month("04", [1, 2, 3, 4, 6, 7, 8, 9, 10, 11]), //      4 | 6
  ...month("05", [6, 7, 8, 9, 10]), //                      0 | 5
]);

describe("scoreDrift", () => {
  const r = scoreDrift(input, { reference: "2024-01", by: "month", bands: 2 });

  it("cuts the bands at the reference quantiles and counts each period", () => {
    expect(r.edges).toEqual([6]);
    expect(r.expected).toEqual([5, 5]);
    expect(r.reference).toEqual({ label: "2024-01", n: 10 });
    expect(r.periods.map((p) => p.counts)).toEqual([[5, 5], [2, 8], [3, 7], [4, 6], [0, 5]]);
  });

  it("computes PSI = Σ (A − E)·ln(A/E) by hand (METHODS.md §8; numpy values in reference/reference_values.py)", () => {
    const [jan, feb, mar, apr, may] = r.periods;
    expect(jan).toMatchObject({ psi: 0, level: "stable", inReference: true });
    // (0.2 − 0.5)·ln(0.2/0.5) + (0.8 − 0.5)·ln(0.8/0.5) = 0.274887 + 0.141001
    expect(feb.psi).toBeCloseTo(0.415888308335967, 13);
    expect(feb).toMatchObject({ level: "significant", label: "significant change", inReference: false });
    // (−0.2)·ln 0.6 + 0.2·ln 1.4
    expect(mar.psi).toBeCloseTo(0.169459572077441, 13);
    expect(mar.level).toBe("investigate");
    // (−0.1)·ln 0.8 + 0.1·ln 1.2
    expect(apr.psi).toBeCloseTo(0.0405465108108164, 13);
    expect(apr.level).toBe("stable");
    // empty band smoothed to 1e-4: (1e-4 − 0.5)·ln(1e-4/0.5) + 0.5·ln 2
    expect(may.psi).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 13);
    expect(may.psi).toBeCloseTo(4.60431846666895, 13);
  });

  it("defaults to 10 bands; ties never straddle a cut", () => {
    const ten = scoreDrift(input, { reference: "2024-01", by: "quarter" });
    expect(ten.edges).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const tied = columns(month("01", [1, 1, 1, 1, 1, 1, 2, 3, 4, 5]));
    // six 1s: no cut may fall inside them, so the first cut is 2 and there are 5 bands
    expect(scoreDrift(tied, { reference: "2024-01", by: "month" }).edges).toEqual([2, 3, 4, 5]);
  });

  it("takes a [from, to] reference and reports empty periods with psi null", () => {
    const gap = columns([...month("01", [1, 2, 3, 4]), ...month("03", [1, 2, 3, 4])]);
    const d = scoreDrift(gap, { reference: ["2024-01", "2024-03"], by: "month", bands: 2 });
    expect(d.reference.n).toBe(8);
    expect(d.periods.map((p) => [p.period, p.psi, p.inReference])).toEqual([["2024-01", 0, true], ["2024-02", null, true], ["2024-03", 0, true]]);
  });

  it("rejects a bad band count", () => {
    expect(() => scoreDrift(input, { reference: "2024-01", by: "month", bands: 0 })).toThrow(/scoreDrift: bands must be a positive integer; received 0/);
  });
});

describe("bandCounts", () => {
  it("puts a score equal to a cut in the upper band", () => {
    expect(bandCounts([0, 1, 2, 3], [0, 5, 5.5, 10], [5, 10])).toEqual([1, 2, 1]);
  });
});
