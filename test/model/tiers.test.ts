import { describe, expect, it } from "vitest";
import { TIER_COLOR, TIER_LABEL, TIERS, isTier, tierIndex, tierLabel } from "../../lib/model/tiers.js";
import { tierTable, tierTableOf } from "../../lib/metrics/tier-table.js";
import { tierOf } from "../../lib/monitoring/tier.js";

describe("the one tier vocabulary (lib/model/tiers.ts)", () => {
  it("orders the tiers lowest first, as tierOf assigns them (METHODS.md §7)", () => {
    expect(TIERS).toEqual(["ignore", "nurture", "sales-ready"]);
    const t = { nurture: 4, salesReady: 8 };
    expect([1, 4, 8].map((s) => tierOf(s, t))).toEqual([...TIERS]);
    expect(TIERS.map(tierIndex)).toEqual([0, 1, 2]);
    expect(tierIndex("hot")).toBe(-1);
  });

  it("is the order of every tier table", () => {
    expect(tierTable([1, 5, 9], [0, 1, 1], { nurture: 4, salesReady: 8 }).map((r) => r.tier)).toEqual([...TIERS]);
    expect(tierTableOf(["sales-ready", "ignore", "nurture"], [1, 0, 0]).map((r) => r.tier)).toEqual([...TIERS]);
  });

  it("names each tier once, and leaves other text alone", () => {
    expect(TIERS.map((t) => TIER_LABEL[t])).toEqual(["Ignore", "Nurture", "Sales-ready"]);
    expect(tierLabel("sales-ready")).toBe("Sales-ready");
    expect(tierLabel("A1")).toBe("A1");
    expect(isTier("nurture")).toBe(true);
    expect(isTier("Nurture")).toBe(false);
    expect(isTier(undefined)).toBe(false);
  });

  it("gives each tier a distinct colour", () => {
    expect(new Set(TIERS.map((t) => TIER_COLOR[t])).size).toBe(3);
  });
});
