import { describe, expect, it } from "vitest";
import { bestCustomers } from "../../lib/monitoring/best-customers.js";
import { mulberry32 } from "../../lib/sample/index.js";
import { columns } from "./helpers.js";

const thresholds = { nurture: 12, salesReady: 25 };
const at = "2024-01-10";
const input = columns([
  { at, score: 10, y: 1, amount: 1000 }, // ignore
  { at, score: 20, y: 1, amount: 3000 }, // nurture
  { at, score: 30, y: 1, amount: 6000 }, // sales-ready
  { at, score: 30, y: 0 },
  { at, score: 5, y: 0 },
  { at, score: 15, y: 1 }, // won, amount unknown (NaN)
  { at, score: 40, y: -1 }, // open: not among the labelled scores
  { at, score: 25, y: 0 },
]);

describe("bestCustomers", () => {
  const r = bestCustomers(input, { thresholds, top: 2 });

  it("places won leads in the labelled score distribution (mid-rank; scipy percentileofscore(kind='mean'))", () => {
    // labelled scores sorted: 5 10 15 20 25 30 30 (n = 7)
    // 10: (1 below + ½·1) / 7 = 21.43; 20: (3 + ½)/7 = 50; 30: (5 + ½·2)/7 = 85.71
    expect(r.labelled).toBe(7);
    expect(r.top.map((t) => [t.index, t.amount, t.score, t.tier])).toEqual([
      [2, 6000, 30, "sales-ready"],
      [1, 3000, 20, "nurture"],
    ]);
    expect(r.top[0].percentile).toBeCloseTo(85.7142857142857, 12);
    expect(r.top[1].percentile).toBeCloseTo(50, 12);
    expect(bestCustomers(input, { thresholds }).top[2].percentile).toBeCloseTo(21.4285714285714, 12);
  });

  it("splits revenue by tier and compares revenue- and count-weighted capture", () => {
    expect(r).toMatchObject({ wonWithAmount: 3, wonWithoutAmount: 1, revenue: 10000 });
    expect(r.tiers.map((t) => [t.tier, t.won, t.revenue, t.revenueShare])).toEqual([
      ["ignore", 1, 1000, 0.1],
      ["nurture", 1, 3000, 0.3],
      ["sales-ready", 1, 6000, 0.6],
    ]);
    expect(r.salesReadyCapture).toEqual({ revenueWeighted: 0.6, countWeighted: 1 / 3 });
    // (1000·21.43 + 3000·50 + 6000·85.71) / 10000 = 68.571…; (21.43 + 50 + 85.71) / 3 = 52.381…
    expect(r.meanPercentile.revenueWeighted).toBeCloseTo((1000 * 150 / 7 + 3000 * 50 + 6000 * 600 / 7) / 10000, 12);
    expect(r.meanPercentile.countWeighted).toBeCloseTo((150 / 7 + 50 + 600 / 7) / 3, 12);
    expect(r.deciles.filter((d) => d.won > 0).map((d) => [d.lo, d.revenue])).toEqual([[20, 1000], [50, 3000], [80, 6000]]);
  });

  it("invariant: tier and decile shares each sum to 1 (random data)", () => {
    const rng = mulberry32(7);
    const n = 500;
    const score = Float64Array.from({ length: n }, () => Math.floor(rng() * 100));
    const outcome = Int8Array.from({ length: n }, () => (rng() < 0.3 ? 1 : rng() < 0.8 ? 0 : -1));
    const amount = Float64Array.from(outcome, (o) => (o === 1 && rng() < 0.9 ? Math.round(rng() * 10000) : NaN));
    const createdAt = new Float64Array(n).fill(Date.UTC(2024, 0, 1));
    const b = bestCustomers({ score, outcome, createdAt, amount }, { thresholds: { nurture: 30, salesReady: 70 } });
    const sum = (xs: (number | null)[]) => xs.reduce((t: number, x) => t + (x ?? 0), 0);
    expect(sum(b.tiers.map((t) => t.revenueShare))).toBeCloseTo(1, 12);
    expect(sum(b.tiers.map((t) => t.countShare))).toBeCloseTo(1, 12);
    expect(sum(b.deciles.map((d) => d.revenueShare))).toBeCloseTo(1, 12);
    expect(b.top).toHaveLength(10);
    expect(b.top.every((t, k) => k === 0 || b.top[k - 1].amount >= t.amount)).toBe(true);
  });

  it("gives null shares without revenue, and needs the amount column", () => {
    const none = bestCustomers(columns([{ at, score: 1, y: 0 }]), { thresholds });
    expect(none).toMatchObject({ revenue: 0, top: [], salesReadyCapture: { revenueWeighted: null, countWeighted: null } });
    expect(() => bestCustomers({ ...input, amount: undefined }, { thresholds })).toThrow(/bestCustomers: requires the amount column/);
    expect(() => bestCustomers({ ...input, amount: new Float64Array(8).fill(-1) }, { thresholds })).toThrow(
      /bestCustomers: amount must be NaN \(no revenue\) or a finite number ≥ 0; amount\[0\] is -1/,
    );
  });
});
