import { describe, expect, it } from "vitest";
import { parseModel } from "../../lib/model/parse.js";
import { readFileSync } from "node:fs";
import { bandIndex, cellIndex, cellName, leadTier, routedTier } from "../../lib/grid/bands.js";
import { gridCuts, quartileCuts } from "../../lib/grid/cuts.js";
import { gridTable } from "../../lib/grid/cells.js";
import { compareSubScores, matchedCuts } from "../../lib/grid/compare.js";
import { mulberry32 } from "../../lib/prng.js";
import { tierTable } from "../../lib/metrics/tier-table.js";
import { delongPaired } from "../../lib/metrics/delong-paired.js";

const base = JSON.parse(readFileSync("data/models/starting-v1.json", "utf8"));
const withGrid = (grid: unknown) => parseModel({ ...base, grid }, "test model");

describe("grid bands", () => {
  it("bands from the cut up: A/1 from c3, D/4 below c1", () => {
    expect([5, 10, 19.5, 20, 29, 30, 99].map((v) => bandIndex(v, [10, 20, 30]))).toEqual([3, 2, 2, 1, 1, 0, 0]);
    expect(cellName(0, 0)).toBe("A1");
    expect(cellName(3, 2)).toBe("D3");
    expect(cellIndex("B3")).toEqual([1, 2]);
    expect(() => cellIndex("E1")).toThrow(/A–D/);
  });

  it("routes tiers by cell when the model says so, else by thresholds", () => {
    const m = withGrid({ fit: [10, 20, 30], engagement: [5, 10, 15], routing: { salesReady: ["A1", "A2", "B1"], nurture: ["A3", "B2"] } });
    expect(routedTier(m, 35, 16)).toBe("sales-ready");
    expect(routedTier(m, 25, 12)).toBe("nurture");
    expect(routedTier(m, 25, 0)).toBe("ignore");
    expect(leadTier(m, 0, 200, 200)).toBe("ignore"); // a high total in an unlisted cell
    const plain = withGrid({ fit: [10, 20, 30] });
    expect(routedTier(plain, 35, 16)).toBeNull();
    expect(leadTier(plain, 0, 200, 200)).toBe("sales-ready");
  });

  it("rejects unsorted cut points, routing without cut points and a cell in two tiers", () => {
    expect(() => withGrid({ fit: [10, 5, 30] })).toThrow(/ascend strictly/);
    expect(() => withGrid({ fit: [1, 2, 3], routing: { salesReady: ["A1"], nurture: [] } })).toThrow(/needs fixed cut points/);
    expect(() => withGrid({ fit: [1, 2, 3], engagement: [1, 2, 3], routing: { salesReady: ["A1"], nurture: ["A1"] } })).toThrow(/listed twice/);
    expect(() => withGrid({ fit: [1, 2] })).toThrow();
    expect(() => withGrid({ routing: { salesReady: ["Z9"], nurture: [] } })).toThrow();
  });
});

describe("grid cut points", () => {
  it("quartiles: the value at rank ⌊k·n/4⌋ of the sorted scores", () => {
    expect(quartileCuts([8, 7, 6, 5, 4, 3, 2, 1])).toEqual([3, 5, 7]);
    expect(quartileCuts([0, 0, 0, 0, 0, 5, 10, 20])).toEqual([0, 0, 10]); // ties: cut points coincide, band C is empty
    expect(() => quartileCuts([])).toThrow(/no finite score/);
  });
  it("the model's cut points win over quartiles, per axis", () => {
    const c = gridCuts(withGrid({ fit: [10, 20, 30] }), [1, 2, 3, 4], [1, 2, 3, 4]);
    expect(c.fit).toEqual([10, 20, 30]);
    expect(c.engagement).toEqual([2, 3, 4]);
    expect(c.source).toEqual({ fit: "model", engagement: "quartiles" });
  });
});

/** Leads with fit 0–39 and engagement 0–29 points; log-odds −4 + bFit·fit + bEng·engagement; 15 % open. */
function synthetic(n: number, seed: number, bFit = 0.08, bEng = 0.04) {
  const rand = mulberry32(seed);
  const fit = new Float64Array(n), engagement = new Float64Array(n), outcome = new Int8Array(n), tier: string[] = [];
  for (let i = 0; i < n; i++) {
    fit[i] = Math.floor(rand() * 40);
    engagement[i] = Math.floor(rand() * 30);
    const p = 1 / (1 + Math.exp(-(-4 + bFit * fit[i] + bEng * engagement[i])));
    outcome[i] = rand() < 0.15 ? -1 : rand() < p ? 1 : 0;
    const s = fit[i] + engagement[i];
    tier.push(s >= 50 ? "sales-ready" : s >= 30 ? "nurture" : "ignore");
  }
  return { fit, engagement, outcome, tier };
}

describe("gridTable", () => {
  it("counts add up to the labelled leads; win rates, Wilson intervals and shares of wins per cell", () => {
    const s = synthetic(5000, 3);
    const g = gridTable(s, gridCuts(withGrid(undefined), s.fit, s.engagement));
    const labelled = Array.from(s.outcome).filter((o) => o >= 0).length;
    const won = Array.from(s.outcome).filter((o) => o === 1).length;
    expect(g.cells).toHaveLength(16);
    expect(g.cells.reduce((a, c) => a + c.leads, 0)).toBe(labelled);
    expect(g.leads).toBe(labelled);
    expect(g.won).toBe(won);
    expect(g.cells.reduce((a, c) => a + c.open, 0)).toBe(5000 - labelled);
    expect(g.cells.reduce((a, c) => a + (c.shareOfWins ?? 0), 0)).toBeCloseTo(1, 12);
    const a1 = g.cells[0], d4 = g.cells[15];
    expect(a1.cell).toBe("A1");
    expect(d4.cell).toBe("D4");
    expect(a1.winRate!).toBeGreaterThan(d4.winRate!);
    expect(a1.ci![0]).toBeLessThanOrEqual(a1.winRate!);
    expect(a1.toSales).toBe(true);
    expect(d4.toSales).toBe(false);
  });
  it("marks cells under 30 labelled leads as small", () => {
    const g = gridTable({ fit: [1, 50], engagement: [1, 50], outcome: [1, 0], tier: ["ignore", "sales-ready"] }, { fit: [10, 20, 30], engagement: [10, 20, 30], source: { fit: "model", engagement: "model" } });
    expect(g.cells.every((c) => c.small)).toBe(true);
    expect(g.cells[0].toSales).toBe(true);
    expect(g.cells[0].winRate).toBe(0);
  });
});

describe("compareSubScores", () => {
  it("matchedCuts gives the same hand-over volume as the version's tiers", () => {
    expect(matchedCuts([5, 1, 3, 9], { salesReady: 1, nurture: 2 })).toEqual({ salesReady: 9, nurture: 3 });
    expect(matchedCuts([5, 1], { salesReady: 0, nurture: 0 })).toEqual({ salesReady: Infinity, nurture: Infinity });
  });
  it("cuts each kind as matchedCuts does, counts tiers as tierTable does, and tests pairs as delongPaired does (tied scores)", () => {
    const rng = mulberry32(11);
    const n = 3000;
    const fit = Float64Array.from({ length: n }, () => Math.floor(rng() * 8) * 5);
    const engagement = Float64Array.from({ length: n }, () => Math.floor(rng() * 50) / 2);
    const total = fit.map((f, i) => f + engagement[i]);
    const labels = Uint8Array.from(total, (t) => (rng() < t / 80 ? 1 : 0));
    const tier = Array.from(total, (t) => (t >= 45 ? "sales-ready" : t >= 25 ? "nurture" : "ignore"));
    const sr = tier.filter((t) => t === "sales-ready").length, nu = tier.filter((t) => t === "nurture").length;
    const c = compareSubScores(fit, engagement, total, labels, tier);
    const byKind = { fit, engagement, total };
    for (const k of c.kinds) {
      expect(k.cuts).toEqual(matchedCuts(byKind[k.kind], { salesReady: sr, nurture: nu }));
      if (k.kind !== "total") expect(k.tiers).toEqual(tierTable(byKind[k.kind], labels, { salesReady: Math.min(k.cuts.salesReady, Math.max(...byKind[k.kind]) + 1), nurture: Math.min(k.cuts.nurture, Math.max(...byKind[k.kind]) + 1) }));
    }
    const p = c.paired.find((x) => x.a === "fit" && x.b === "engagement")!, d = delongPaired(fit, engagement, labels);
    expect([p.diff, p.p, ...p.ci95]).toEqual([d.diff, d.p, ...d.ci95]);
  });

  it("works at a million-lead size (250,000 labelled leads: no spread of every score into one call)", () => {
    const s = synthetic(250_000, 4, 0.06, 0.06);
    const idx = Array.from(s.outcome.keys()).filter((i) => s.outcome[i] >= 0);
    const pick = (a: ArrayLike<number>) => Float64Array.from(idx, (i) => a[i]);
    const c = compareSubScores(pick(s.fit), pick(s.engagement), Float64Array.from(idx, (i) => s.fit[i] + s.engagement[i]), Uint8Array.from(idx, (i) => s.outcome[i]), idx.map((i) => s.tier[i]));
    expect(c.won + c.lost).toBe(idx.length);
    expect(idx.length).toBeGreaterThan(200_000);
    for (const k of c.kinds) expect(k.tiers.reduce((n, r) => n + r.leads, 0), k.kind).toBe(idx.length);
  }, 60_000);
  it("fit-only, engagement-only and total with DeLong intervals, paired tests and tiers at matched volume", () => {
    const s = synthetic(6000, 9, 0.06, 0.06); // equal weights: the total is the right mix
    const idx = Array.from(s.outcome.keys()).filter((i) => s.outcome[i] >= 0);
    const pick = (a: ArrayLike<number>) => Float64Array.from(idx, (i) => a[i]);
    const fit = pick(s.fit), eng = pick(s.engagement), total = Float64Array.from(idx, (i) => s.fit[i] + s.engagement[i]);
    const c = compareSubScores(fit, eng, total, Uint8Array.from(idx, (i) => s.outcome[i]), idx.map((i) => s.tier[i]));
    const [f, e, t] = c.kinds;
    expect([f.kind, e.kind, t.kind]).toEqual(["fit", "engagement", "total"]);
    expect(t.auc).toBeGreaterThan(f.auc);
    expect(f.auc).toBeGreaterThan(e.auc);
    expect(c.paired.map((p) => `${p.a}-${p.b}`)).toEqual(["total-fit", "total-engagement", "fit-engagement"]);
    expect(c.paired[0].diff).toBeCloseTo(t.auc - f.auc, 12);
    const sr = (k: typeof f) => k.tiers.find((r) => r.tier === "sales-ready")!;
    // matched volume: the sub-scores hand over at least as many leads as the total (ties go up), not far more
    expect(sr(f).leads).toBeGreaterThanOrEqual(sr(t).leads);
    expect(sr(f).leads).toBeLessThan(sr(t).leads * 1.2);
    expect(c.weight.ci95![0]).toBeLessThan(1);
    expect(c.weight.ci95![1]).toBeGreaterThan(1);
  });
});
