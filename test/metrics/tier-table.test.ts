import { describe, expect, it } from "vitest";
import { effectiveTierTable, tierTable, tierTableOf } from "../../lib/metrics/tier-table.js";
import { wilson } from "../../lib/metrics/wilson.js";
import { ties } from "./fixtures/data.js";

describe("tierTable", () => {
  it("sums the pandas per-score counts of the 'ties' data into tiers (nurture 4, sales-ready 8)", () => {
    // per score 0..10 (reference_values.py): n = 9 8 13 14 | 10 15 8 9 | 11 10 13, wins = 1 0 0 3 | 4 8 5 6 | 7 9 13
    const rows = tierTable(ties.scores, ties.labels, { nurture: 4, salesReady: 8 });
    expect(rows.map((r) => [r.tier, r.leads, r.wins])).toEqual([["ignore", 44, 4], ["nurture", 42, 23], ["sales-ready", 34, 29]]);
    expect(rows[2].share).toBeCloseTo(34 / 120, 15);
    expect(rows[2].winRate).toBeCloseTo(29 / 34, 15);
    expect(rows[2].shareOfWins).toBeCloseTo(29 / 56, 15);
    expect(rows[2].ci).toEqual(wilson(29, 34));
    expect(rows.map((r) => r.small)).toEqual([false, false, false]);
  });

  it("applies the tier rule at the boundaries: < nurture, [nurture, salesReady), ≥ salesReady", () => {
    const rows = tierTable([3.99, 4, 7.99, 8, 9], [0, 0, 0, 1, 1], { nurture: 4, salesReady: 8 });
    expect(rows.map((r) => r.leads)).toEqual([1, 2, 2]);
  });

  it("doc example, and an empty nurture tier when the thresholds are equal", () => {
    expect(tierTable([1, 5, 9, 9], [0, 0, 1, 0], { nurture: 4, salesReady: 8 }).map((r) => r.leads)).toEqual([1, 1, 2]);
    const rows = tierTable([1, 5, 9], [0, 1, 1], { nurture: 5, salesReady: 5 });
    expect(rows[1]).toMatchObject({ tier: "nurture", leads: 0, winRate: null, ci: null, small: true });
    expect(rows.reduce((t, r) => t + (r.shareOfWins ?? 0), 0)).toBe(1);
  });

  it("has null share of wins when nobody won", () => {
    expect(tierTable([1, 2], [0, 0], { nurture: 1, salesReady: 2 })[0].shareOfWins).toBeNull();
  });

  it("throws when nurture > salesReady", () => {
    expect(() => tierTable([1], [0], { nurture: 9, salesReady: 5 })).toThrow(/tierTable: thresholds must be finite with nurture ≤ salesReady; received nurture = 9, salesReady = 5/);
  });
});

describe("tierTableOf and effectiveTierTable (a version's own tiers, e.g. routed by grid cell)", () => {
  it("counts given tiers as tierTable counts scores cut at thresholds", () => {
    const tiers = ["ignore", "sales-ready", "sales-ready", "nurture"];
    const rows = tierTableOf(tiers, [0, 1, 0, 1]);
    expect(rows.map((r) => [r.tier, r.leads, r.wins])).toEqual([["ignore", 1, 0], ["nurture", 1, 1], ["sales-ready", 2, 1]]);
    expect(rows[2].ci).toEqual(wilson(1, 2));
    // The same tiers as thresholds would give: identical rows.
    expect(tierTableOf(["ignore", "nurture", "sales-ready", "sales-ready"], [0, 0, 1, 0])).toEqual(tierTable([1, 5, 9, 9], [0, 0, 1, 0], { nurture: 4, salesReady: 8 }));
  });

  it("effectiveTierTable takes the given tiers over the thresholds, and the thresholds without them", () => {
    // Scores say ignore / ignore / sales-ready; the routing says sales-ready / nurture / ignore.
    const scores = [1, 2, 9];
    const labels = [1, 0, 0];
    const t = { nurture: 4, salesReady: 8 };
    expect(effectiveTierTable(scores, labels, t, ["sales-ready", "nurture", "ignore"]).map((r) => r.leads)).toEqual([1, 1, 1]);
    expect(effectiveTierTable(scores, labels, t, ["sales-ready", "nurture", "ignore"])[2].wins).toBe(1);
    expect(effectiveTierTable(scores, labels, t)).toEqual(tierTable(scores, labels, t));
  });

  it("rejects an unknown tier and a length mismatch", () => {
    expect(() => tierTableOf(["hot"], [1])).toThrow(/tiers must be "ignore", "nurture" or "sales-ready"; tiers\[0\] is "hot"/);
    expect(() => tierTableOf(["ignore"], [1, 0])).toThrow(/same length/);
    expect(() => effectiveTierTable([1, 2], [1, 0], { nurture: 1, salesReady: 2 }, ["ignore"])).toThrow(/same length/);
  });
});
