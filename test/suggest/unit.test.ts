/** Pure parts of lib/suggest: split, candidate criteria, cell AUC, rule conversion, verdict, thresholds. */
import { describe, expect, it } from "vitest";
import { candidateCriteria, cellAuc, chooseThresholds, compareVersions, indicatorRule, quantileCuts, splitLeads, type ColumnProfile, type VersionFigures } from "../../lib/suggest/index.js";

const DAY = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);

describe("splitLeads", () => {
  it("splits at the day of the 70 % quantile by default", () => {
    const created = Float64Array.from({ length: 100 }, (_, i) => t0 + i * DAY);
    const s = splitLeads(created);
    expect(s).toMatchObject({ kind: "date", date: "2024-03-11", nTrain: 70, nTest: 30 });
  });
  it("honours a given date and refuses one that leaves a side empty", () => {
    const created = Float64Array.from({ length: 10 }, (_, i) => t0 + i * DAY);
    expect(splitLeads(created, { date: "2024-01-05" })).toMatchObject({ nTrain: 4, nTest: 6 });
    expect(() => splitLeads(created, { date: "2023-01-01" })).toThrow(/leaves 0 training and 10 test leads/);
    expect(() => splitLeads(created, { date: "1 May" })).toThrow(/YYYY-MM-DD/);
  });
  it("falls back to a seeded random split when every lead has the same date", () => {
    const created = new Float64Array(1000).fill(t0);
    const a = splitLeads(created, { seed: 3 });
    expect(a.kind).toBe("random");
    expect(a.nTest / 1000).toBeGreaterThan(0.25);
    expect(a.nTest / 1000).toBeLessThan(0.35);
    expect(splitLeads(created, { seed: 3 }).test).toEqual(a.test);
  });
});

describe("candidate criteria", () => {
  it("quantile cuts skip the minimum and duplicates", () => {
    expect(quantileCuts(Float64Array.of(0, 0, 0, 1, 2, 3, 4, 5, 6, 7), 5)).toEqual([2, 4, 6]);
    expect(quantileCuts(Float64Array.of(0, 0, 0, 0, 1), 5)).toEqual([1]);
  });
  it("groups values under 1 % as other, adds Missing, bands numbers with a Missing band, skips identifiers", () => {
    const counts = new Map<string | boolean, number>([["a", 600], ["b", 390], ["c", 5], ["d", 4]]);
    const profiles: ColumnProfile[] = [
      { column: "Colour", kind: "string", n: 1000, missing: 1, counts },
      { column: "Size", kind: "number", n: 10, missing: 2, sorted: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8) },
      { column: "Id", kind: "number", n: 100, missing: 0, sorted: Float64Array.from({ length: 100 }, (_, i) => i) },
    ];
    const { criteria, columns } = candidateCriteria(profiles, ["x_colour_a"]);
    expect(criteria.map((c) => c.id)).toEqual(["x_colour_a_2", "x_colour_b", "x_colour_other", "x_colour_missing", "x_size_bands"]);
    expect(criteria[2].rule).toEqual({ type: "in", column: "Colour", values: ["c", "d"] });
    const bands = criteria[4].rule;
    expect(bands.type === "bands" && bands.bands.map((b) => [b.lo, b.hi])).toEqual([[null, 2], [2, 4], [4, 5], [5, 7], [7, null]]);
    expect(columns[2].skipped).toMatch(/identifier/);
  });
});

describe("cellAuc", () => {
  it("ranks cells by win rate, ties at mid-rank", () => {
    expect(cellAuc([10, 0], [0, 10])).toBe(1);
    expect(cellAuc([5, 5], [5, 5])).toBe(0.5);
    // cells (won, lost) (1, 3) and (3, 1): AUC = (3·(3 + ½·1) + 1·½·3) / 16 = 0.75
    expect(cellAuc([1, 3], [3, 1])).toBe(0.75);
  });
});

describe("indicatorRule", () => {
  it("rewrites count and decayed rules as 'at least one' rules", () => {
    expect(indicatorRule({ type: "activityPoints", activity: "email_click", withinDays: 30, maxCount: 4 })).toEqual({ type: "activityCount", activity: "email_click", withinDays: 30, min: 1 });
    expect(indicatorRule({ type: "hasActivity", activity: "webinar", decay: { halfLifeDays: 7 } })).toEqual({ type: "hasActivity", activity: "webinar" });
    const eq = { type: "equals" as const, column: "a", value: "b" };
    expect(indicatorRule(eq)).toBe(eq);
  });
});

describe("verdict", () => {
  const fig = (auc: number, wins: number): VersionFigures => ({ auc, brier: 0.1, slope: 1, intercept: 0, map: { a: 0, b: 1 }, tier: { salesReady: 1, nurture: 0, leads: 100, leadsPerWeek: 10, wins, winRate: wins / 100, winShare: 0.3, ignoredShare: 0.5 } });
  const delong = (diff: number, p: number) => ({ aucA: 0.8 + diff, aucB: 0.8, diff, se: 0.01, ci95: [diff - 0.02, diff + 0.02] as [number, number], z: diff / 0.01, p });
  it("says Better only for a significant gain", () => {
    expect(compareVersions(fig(0.8, 30), fig(0.83, 31), delong(0.03, 0.001), 1000, 200).verdict).toMatch(/^Better/);
  });
  it("says NOT better for no significant difference and for a loss", () => {
    const same = compareVersions(fig(0.8, 30), fig(0.805, 30), delong(0.005, 0.4), 1000, 200);
    expect(same.better).toBe(false);
    expect(same.verdict).toMatch(/^NOT better: .*not significantly better/);
    const worse = compareVersions(fig(0.8, 30), fig(0.76, 25), delong(-0.04, 0.001), 1000, 200);
    expect(worse.verdict).toMatch(/^NOT better: .*WORSE.*Keep the current points.*captures fewer wins/);
  });
});

describe("chooseThresholds", () => {
  const scores = Array.from({ length: 100 }, (_, i) => i);
  const labels = scores.map((s) => (s >= 70 ? 1 : s % 10 === 0 ? 1 : 0));
  it("uses the current volume by default and keeps nurture below sales-ready", () => {
    const t = chooseThresholds(scores, labels, 10, { a: -5, b: 0.1 }, { salesReadyPerWeek: 2, ignoredShare: 0.5 });
    expect(t.salesReadyRule).toBe("capacity");
    expect(t.salesReady).toBe(80);
    expect(t.nurture).toBe(50);
    expect(t.capacity.source).toBe("current volume");
  });
  it("uses the min-win-rate rule when only a target rate is given", () => {
    const t = chooseThresholds(scores, labels, 10, { a: -5, b: 0.1 }, { salesReadyPerWeek: 2, ignoredShare: 0.5 }, { targetWinRate: 0.8 });
    expect(t.salesReadyRule).toBe("min-win-rate");
    // scores ≥ 69: 30 won of 31, Wilson lower bound 0.838 ≥ 0.8; ≥ 68: 30 of 32, lower bound 0.7985 < 0.8
    expect(t.salesReady).toBe(69);
    expect(t.nurture).toBeLessThan(t.salesReady);
  });
});
