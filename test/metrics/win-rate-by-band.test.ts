import { describe, expect, it } from "vitest";
import { winRateByBand } from "../../lib/metrics/win-rate-by-band.js";
import { wilson } from "../../lib/metrics/wilson.js";
import { randomLeads, ties } from "./fixtures/data.js";

// pandas groupby of the 'ties' data over bands cut at 3, 5, 7, 9 (reference/reference_values.py)
const N = [30, 24, 23, 20, 23];
const WINS = [1, 7, 13, 13, 22];

describe("winRateByBand", () => {
  it("matches a pandas group-by for explicit edges on the 'ties' data", () => {
    const bands = winRateByBand(ties.scores, ties.labels, { edges: [3, 5, 7, 9] });
    expect(bands.map((b) => [b.lo, b.hi])).toEqual([[null, 3], [3, 5], [5, 7], [7, 9], [9, null]]);
    expect(bands.map((b) => b.n)).toEqual(N);
    expect(bands.map((b) => b.wins)).toEqual(WINS);
    bands.forEach((b, i) => {
      expect(b.rate).toBeCloseTo(WINS[i] / N[i], 15);
      expect(b.ci).toEqual(wilson(WINS[i], N[i]));
      expect(b.small).toBe(N[i] < 30);
    });
  });

  it("cuts quantile bands at the lowest score with j·n/k leads below it (numpy restatement gives 3, 5, 7, 9 for k = 5)", () => {
    const bands = winRateByBand(ties.scores, ties.labels, { bands: 5 });
    expect(bands.map((b) => b.lo)).toEqual([null, 3, 5, 7, 9]);
    expect(bands.map((b) => b.n)).toEqual(N);
  });

  it("never splits a tied score: a heavy tie at the bottom gives unequal bands", () => {
    const bands = winRateByBand([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], [0, 0, 0, 0, 0, 1, 0, 1, 1, 1], { bands: 2 });
    expect(bands.map((b) => [b.lo, b.hi, b.n, b.wins])).toEqual([[null, 2, 6, 1], [2, null, 4, 3]]);
    // distinct scores 1..10, k = 5 → cuts 3, 5, 7, 9, two leads each
    const even = winRateByBand([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], new Array(10).fill(0), { bands: 5 });
    expect(even.map((b) => b.n)).toEqual([2, 2, 2, 2, 2]);
  });

  it("puts a score on a cut in the upper band; doc example", () => {
    expect(winRateByBand([1, 2, 3, 4], [0, 0, 1, 1], { edges: [3] }).map((b) => b.rate)).toEqual([0, 1]);
  });

  it("reports empty bands with null rate and interval", () => {
    const bands = winRateByBand([1, 2, 10], [0, 1, 1], { edges: [5, 8] });
    expect(bands[1]).toEqual({ lo: 5, hi: 8, n: 0, wins: 0, rate: null, ci: null, small: true });
  });

  it("partitions the leads: counts and wins add up, for any band count", () => {
    const { scores, labels } = randomLeads(61, 1000, 50);
    for (const k of [1, 3, 10, 40]) {
      const bands = winRateByBand(scores, labels, { bands: k });
      expect(bands.length).toBeLessThanOrEqual(k);
      expect(bands.reduce((t, b) => t + b.n, 0)).toBe(1000);
      expect(bands.reduce((t, b) => t + b.wins, 0)).toBe(labels.reduce((t, y) => t + y, 0));
    }
  });

  it("throws on edges that do not increase", () => {
    expect(() => winRateByBand([1], [0], { edges: [3, 3] })).toThrow(/winRateByBand: edges must be finite and strictly increasing; received \[3, 3\]/);
    expect(() => winRateByBand([1], [0], { bands: 0 })).toThrow(/winRateByBand: bands must be a positive integer/);
  });
});
