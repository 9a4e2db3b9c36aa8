import { describe, expect, it } from "vitest";
import { cohorts } from "../../lib/monitoring/cohorts.js";
import { columns, times } from "./helpers.js";

const thresholds = { nurture: 10, salesReady: 20 };

// January: 2 won (15, 25), 3 lost (5, 25, 12), 1 open (30).
// February: 2 won (22, 8), no lost. March: no leads. April: 1 lost (21).
const input = columns([
  { at: "2024-01-03", score: 5, y: 0 },
  { at: "2024-01-10", score: 15, y: 1 },
  { at: "2024-01-20", score: 25, y: 1 },
  { at: "2024-01-31", score: 25, y: 0 },
  { at: "2024-01-15", score: 30, y: -1 },
  { at: "2024-01-16", score: 12, y: 0 },
  { at: "2024-02-01", score: 22, y: 1 },
  { at: "2024-02-29", score: 8, y: 1 },
  { at: "2024-04-30", score: 21, y: 0 },
]);

describe("cohorts", () => {
  const rows = cohorts(input, { by: "month", thresholds });

  it("counts leads and outcomes per UTC month, empty months included", () => {
    expect(rows.map((r) => [r.period, r.start, r.n, r.won, r.lost, r.open])).toEqual([
      ["2024-01", "2024-01-01", 6, 2, 3, 1],
      ["2024-02", "2024-02-01", 2, 2, 0, 0],
      ["2024-03", "2024-03-01", 0, 0, 0, 0],
      ["2024-04", "2024-04-01", 1, 0, 1, 0],
    ]);
  });

  it("January: AUC and DeLong interval by hand", () => {
    const jan = rows[0];
    // pairs (won, lost): 15>5, 15<25, 15>12, 25>5, 25=25, 25>12 → (1+0+1+1+½+1)/6 = 0.75
    expect(jan.auc).toBe(0.75);
    // V10 = [2/3, 5/6] → S10 = 1/72; V01 = [1, ¼, 1] → S01 = 0.375/2 = 0.1875
    // Var = (1/72)/2 + 0.1875/3 = 0.069444…; se = 0.263523…; 0.75 − 1.959964·se = 0.233504…, upper clipped to 1
    expect(jan.aucCi95![0]).toBeCloseTo(0.23350413974619866, 12);
    expect(jan.aucCi95![1]).toBe(1);
    expect(jan.small).toBe(true);
    expect(jan.aucNote).toMatch(/fewer than 30 won or lost leads \(2 won, 3 lost\)/);
    expect(jan.winRate).toBeCloseTo(2 / 5, 15);
  });

  it("January: tiers, handover per week and mean score by hand", () => {
    const jan = rows[0];
    // labelled: ignore {5 lost}; nurture {15 won, 12 lost}; sales-ready {25 won, 25 lost}
    expect(jan.tiers.map((t) => [t.tier, t.leads, t.wins])).toEqual([
      ["ignore", 1, 0],
      ["nurture", 2, 1],
      ["sales-ready", 2, 1],
    ]);
    // Wilson 1 of 2, z = 1.96: (0.5 + 0.9604 ± 1.96·√(0.125 + 0.2401)) / (1 + 1.9208); same as lib/metrics wilson(1, 2)
    expect(jan.tiers[1].ci![0]).toBeCloseTo(0.09452865480086611, 12);
    expect(jan.tiers[1].ci![1]).toBeCloseTo(0.905471345199134, 12);
    expect(jan.salesReadyShareOfWins).toBe(0.5);
    // sales-ready leads incl. the open one: 25, 25, 30 → 3 over 31/7 weeks = 21/31
    expect(jan.salesReadyLeads).toBe(3);
    expect(jan.weeks).toBeCloseTo(31 / 7, 15);
    expect(jan.handedOverPerWeek).toBeCloseTo(21 / 31, 15);
    // (5 + 15 + 25 + 25 + 30 + 12) / 6
    expect(jan.meanScore).toBeCloseTo(112 / 6, 15);
  });

  it("gives null AUC with the reason when a class is empty", () => {
    expect(rows[1]).toMatchObject({ auc: null, aucCi95: null, aucNote: "AUC needs won and lost leads; the period has no lost leads." });
    expect(rows[1].weeks).toBeCloseTo(29 / 7, 15); // February 2024 has 29 days
    expect(rows[2]).toMatchObject({ auc: null, meanScore: null, winRate: null, handedOverPerWeek: 0, salesReadyShareOfWins: null });
    expect(rows[2].aucNote).toMatch(/no labelled leads/);
    expect(rows[3].aucNote).toMatch(/no won leads/);
  });

  it("gives the AUC without an interval for 1 won and 1 lost", () => {
    const r = cohorts(columns([{ at: "2024-05-01", score: 3, y: 1 }, { at: "2024-05-02", score: 1, y: 0 }]), { by: "quarter", thresholds });
    expect(r[0]).toMatchObject({ period: "2024-Q2", auc: 1, aucCi95: null });
    expect(r[0].aucNote).toMatch(/DeLong interval needs at least 2 won and 2 lost/);
  });

  it("does not flag 30 won and 30 lost as small", () => {
    const r = cohorts(columns([...times(30, { at: "2024-05-01", score: 30, y: 1 }), ...times(30, { at: "2024-05-01", score: 1, y: 0 })]), { by: "month", thresholds });
    // perfect separation: AUC 1, DeLong variance 0
    expect(r[0]).toMatchObject({ small: false, auc: 1, aucCi95: [1, 1], aucNote: null });
  });

  it("rejects bad thresholds and columns with the rule and the value", () => {
    expect(() => cohorts(input, { by: "month", thresholds: { nurture: 30, salesReady: 20 } })).toThrow(
      /cohorts: thresholds must be \{nurture, salesReady\}, finite, with nurture ≤ salesReady; received \{"nurture":30,"salesReady":20\}/,
    );
    expect(() => cohorts({ ...input, outcome: Int8Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0]) }, { by: "month", thresholds })).toThrow(
      /cohorts: outcome must be 1 \(won\), 0 \(lost\) or −1 \(open\); outcome\[0\] is 2/,
    );
  });
});

describe("cohorts with the version's own tiers (routing by grid cell)", () => {
  // Two January leads: scores 5 (ignore by thresholds) and 25 (sales-ready), routed the other way round.
  const base = columns([
    { at: "2024-01-03", score: 5, y: 1 },
    { at: "2024-01-10", score: 25, y: 0 },
    { at: "2024-01-12", score: 25, y: -1 },
  ]);
  it("counts input.tier, not the thresholds, in the tier table and the sales-ready hand-over", () => {
    const [jan] = cohorts({ ...base, tier: ["sales-ready", "ignore", "nurture"] }, { by: "month", thresholds });
    expect(jan.tiers.map((t) => [t.tier, t.leads, t.wins])).toEqual([["ignore", 1, 0], ["nurture", 0, 0], ["sales-ready", 1, 1]]);
    expect(jan.salesReadyLeads).toBe(1);
    expect(jan.salesReadyShareOfWins).toBe(1);
    const [byScore] = cohorts(base, { by: "month", thresholds });
    expect(byScore.tiers.map((t) => t.leads)).toEqual([1, 0, 1]);
    expect(byScore.salesReadyLeads).toBe(2);
    expect(byScore.salesReadyShareOfWins).toBe(0);
  });
  it("rejects a tier column of another length or with an unknown tier", () => {
    expect(() => cohorts({ ...base, tier: ["ignore"] }, { by: "month", thresholds })).toThrow(/tier must have one entry per lead/);
    expect(() => cohorts({ ...base, tier: ["ignore", "hot", "nurture"] }, { by: "month", thresholds })).toThrow(/tier\[1\] is "hot"/);
  });
});
