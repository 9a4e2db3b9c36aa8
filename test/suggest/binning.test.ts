/**
 * Optimal binning (lib/suggest/binning.ts) against reference values.
 *
 * Reference: exhaustive search over EVERY partition of the pre-bins, by
 * test/suggest/reference/binning_reference.py (plain Python 3), on the public
 * X Education leads table (Kaggle "Leads.csv", label Converted), columns
 * TotalVisits, Page Views Per Visit and Total Time Spent on Website; its
 * output is recorded below. The DP must find the same optimum for every
 * shape; the pre-bins computed here from the CSV must equal the recorded ones
 * (skipped when ../shared/data is absent).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mergePreBins, optimalBinning, preBinCuts, readableCut, bandOf, type Trend } from "../../lib/suggest/binning.js";

const REFERENCE: { column: string; N: number; W: number; cuts: number[]; n: number[]; won: number[]; best: Record<Trend, { edges: number[]; iv: number } | null> }[] = [{"column": "TotalVisits", "N": 9240, "W": 3561, "cuts": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 10.0], "n": [2189, 395, 1680, 1306, 1120, 783, 466, 697, 467], "won": [916, 60, 537, 486, 448, 316, 178, 298, 222], "best": {"ascending": {"edges": [0, 3, 4, 7, 8, 9], "iv": 0.018352285342}, "descending": {"edges": [0, 1, 9], "iv": 0.008578238051}, "peaked": {"edges": [0, 3, 4, 7, 8, 9], "iv": 0.018352285342}, "valley": {"edges": [0, 1, 3, 4, 7, 8, 9], "iv": 0.055792289196}}}, {"column": "Page Views Per Visit", "N": 9240, "W": 3561, "cuts": [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0], "n": [2189, 776, 436, 1906, 329, 1360, 956, 547, 604], "won": [916, 232, 174, 645, 145, 523, 383, 222, 221], "best": {"ascending": {"edges": [0, 4, 9], "iv": 0.00273050288}, "descending": {"edges": [0, 1, 8, 9], "iv": 0.008579520876}, "peaked": {"edges": [0, 1, 8, 9], "iv": 0.008579520876}, "valley": {"edges": [0, 1, 2, 4, 9], "iv": 0.022677145703}}}, {"column": "Total Time Spent on Website", "N": 9240, "W": 3561, "cuts": [12.0, 57.0, 98.0, 150.0, 200.0, 250.0, 310.0, 370.0, 480.0, 720.0, 940.0, 1100.0, 1200.0, 1400.0, 1600.0], "n": [2305, 464, 459, 494, 453, 450, 489, 414, 480, 471, 461, 488, 315, 632, 480, 385], "won": [932, 64, 55, 71, 62, 58, 81, 56, 91, 172, 317, 343, 223, 436, 337, 263], "best": {"ascending": {"edges": [0, 9, 10, 16], "iv": 0.759394780861}, "descending": {"edges": [0, 1, 16], "iv": 0.002117034874}, "peaked": {"edges": [0, 9, 10, 16], "iv": 0.759394780861}, "valley": {"edges": [0, 1, 6, 8, 9, 10, 16], "iv": 1.04271313451}}}];

describe("mergePreBins finds the exhaustive-search optimum", () => {
  for (const r of REFERENCE)
    for (const trend of ["ascending", "descending", "peaked", "valley"] as Trend[])
      it(`${r.column}, ${trend}`, () => {
        const got = mergePreBins(r.n, r.won, r.W, r.N - r.W, 0.05 * r.N, trend);
        const want = r.best[trend];
        if (want === null) expect(got).toBeNull();
        else {
          expect(got!.iv).toBeCloseTo(want.iv, 9);
          expect(got!.edges).toEqual(want.edges);
        }
      });
});

describe("pre-bins on values", () => {
  it("rounds cut points to readable values", () => {
    expect(readableCut(29.87)).toBe(30);
    expect(readableCut(1234)).toBe(1200);
    expect(readableCut(0.0437)).toBe(0.044);
    expect(readableCut(-45.2)).toBe(-45);
  });
  it("never splits tied values, whatever the row order", () => {
    const sorted = Float64Array.of(1, 1, 1, 1, 1, 1, 2, 3, 4, 5);
    expect(preBinCuts(sorted, 5)).toEqual([2, 4]);
    // a cut is a value: both orders of the same multiset give the same bands
    const a = optimalBinning([1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1], { minShare: 0.2 });
    const b = optimalBinning([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1], [1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0], { minShare: 0.2 });
    expect(a.bands).toEqual(b.bands);
    expect(a.bands[0].n).toBeGreaterThanOrEqual(6);
  });
  it("puts missing values in their own band and keeps each band at the minimum share", () => {
    const x = Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? NaN : i));
    const y = x.map((_, i) => (i > 120 ? 1 : i % 7 === 0 ? 1 : 0));
    const r = optimalBinning(x, y, { minShare: 0.1 });
    expect(r.missing.n).toBe(20);
    for (const b of r.bands) expect(b.n).toBeGreaterThanOrEqual(20);
    expect(r.trend).toBe("ascending");
    expect(bandOf([10, 20], 20)).toBe(2);
  });
});

const CSV = "../shared/data/x-education-leads/Leads.csv";
describe.skipIf(!existsSync(CSV))("pre-bins of the X Education columns equal the reference's", () => {
  const lines = existsSync(CSV) ? readFileSync(CSV, "utf8").split(/\r?\n/).filter(Boolean) : [];
  const split = (l: string) => {
    const out: string[] = [];
    let cur = "";
    let q = false;
    for (const ch of l) {
      if (ch === '"') q = !q;
      else if (ch === "," && !q) (out.push(cur), (cur = ""));
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const head = lines.length ? split(lines[0]) : [];
  const rows = lines.slice(1).map(split);
  for (const r of REFERENCE)
    it(r.column, () => {
      const j = head.indexOf(r.column);
      const y = rows.map((c) => (c[head.indexOf("Converted")] === "1" ? 1 : 0));
      const x = rows.map((c) => (c[j].trim() === "" || c[j].trim() === "Select" ? NaN : Number(c[j])));
      const sorted = Float64Array.from(x.filter((v) => !Number.isNaN(v))).sort();
      expect(preBinCuts(sorted, 20)).toEqual(r.cuts);
      const b = optimalBinning(x, y, { minShare: 0.05, shapeGain: 0.05 });
      expect(b.preCuts).toEqual(r.cuts);
      const best = Math.max(...(["ascending", "descending", "peaked", "valley"] as Trend[]).map((t) => r.best[t]?.iv ?? -1));
      expect(Math.max(...Object.values(b.ivByTrend).map((v) => v ?? -1))).toBeCloseTo(best, 9);
    });
});
