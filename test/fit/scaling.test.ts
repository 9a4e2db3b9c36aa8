import { describe, expect, it } from "vitest";
import { matchCurrentRange, pdoScaling, weightedQuantile, weightedQuantiles } from "../../lib/fit/scaling.js";
import { mulberry32 } from "../../lib/prng.js";

/** Type-1 weighted quantile by its definition: sort (value, input position), walk the cumulative weight. */
function byDefinition(values: number[], weights: number[], q: number): number {
  const rows = values.map((v, i) => ({ v, w: weights[i], i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const r of rows) if ((acc += r.w) >= q * total - 1e-12 * total) return r.v;
  return rows[rows.length - 1].v;
}

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
  it("many values (the radix-sorted path), ties and uneven weights: as the definition; several q from one sort", () => {
    const rand = mulberry32(11);
    // 20,000 values with many ties (whole and half points, negatives), weights 1–5 (collapsed rows)
    const values = Array.from({ length: 20_000 }, () => Math.round((rand() - 0.3) * 400) / 2);
    const weights = values.map(() => 1 + Math.floor(rand() * 5));
    const qs = [0, 0.05, 0.25, 0.5, 0.95, 1];
    const got = weightedQuantiles(Float64Array.from(values), weights, qs);
    expect(got).toEqual(qs.map((q) => byDefinition(values, weights, q)));
    expect(got[1]).toBeLessThan(got[4]);
    for (const q of [0.05, 0.95]) expect(weightedQuantile(values, weights, q)).toBe(byDefinition(values, weights, q));
  });
  it("a value that is not finite: the comparison path, as before", () => {
    const values = [...Array.from({ length: 5000 }, (_, i) => i % 97), Infinity];
    const weights = values.map(() => 1);
    expect(weightedQuantile(values, weights, 1)).toBe(Infinity);
    expect(weightedQuantile(values, weights, 0.5)).toBe(byDefinition(values, weights, 0.5));
  });
  it("maps the 5–95 % spread and aligns the 5th percentile", () => {
    const eta = Array.from({ length: 101 }, (_, i) => i / 100);
    const cur = eta.map((v) => 40 + 60 * v);
    const m = matchCurrentRange(eta, cur, eta.map(() => 1));
    expect(m.factor).toBeCloseTo(60, 9);
    expect(m.base).toBeCloseTo(40, 9);
  });
});
