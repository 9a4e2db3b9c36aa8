/**
 * A version that routes its tiers by fit × engagement cell (grid.routing) is
 * scored, compared and explained like any other: its tier counts on the
 * Calibration figures (versionCalibration), in `leadscore evaluate`, in the
 * Review cohorts, lost high-scorers and best customers, and in the report's
 * summary are those of the grid routing, not of its thresholds.
 *
 * The expected counts are derived here, independently of lib/grid and of the
 * score tables: each lead's fit and engagement sub-scores come from the
 * TypeScript reference scorer, the cut points and the routing of the test
 * model are applied by hand below, and outcomes come from lead_outcomes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { tierRule } from "../../lib/grid/index.js";
import { tierTable } from "../../lib/metrics/index.js";
import { parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";
import { bestCustomers, cohorts, lostHighScorers } from "../../lib/monitoring/index.js";
import { collectReport } from "../../lib/decisions/collect.js";
import { generateSample, toCsv } from "../../lib/sample/index.js";
import { scoreLeadReference } from "../../lib/scoring/reference.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { versionCalibration, type VersionCalibration } from "../../lib/workbench/calibration.js";
import { readReviewInput } from "../../lib/workbench/review-input.js";
import { labelled, readScored } from "../../lib/workbench/scored.js";
import { readReferenceInput } from "../scoring/parity-helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LEADS = 3000;
const SALES_READY = ["A1", "A2", "B1"];
const NURTURE = ["A3", "A4", "B2", "C1"];
type Tier = "ignore" | "nurture" | "sales-ready";
const TIERS: Tier[] = ["ignore", "nurture", "sales-ready"];

/** Tier counts over leads: [ignore, nurture, sales-ready] leads and wins. */
interface Counts { leads: number[]; wins: number[] }
const counts = (tiers: Tier[], labels: number[]): Counts => {
  const c = { leads: [0, 0, 0], wins: [0, 0, 0] };
  tiers.forEach((t, i) => {
    c.leads[TIERS.indexOf(t)]++;
    c.wins[TIERS.indexOf(t)] += labels[i];
  });
  return c;
};
const rowsCounts = (rows: { tier: string; leads: number; wins: number }[]): Counts => ({
  leads: TIERS.map((t) => rows.find((r) => r.tier === t)!.leads),
  wins: TIERS.map((t) => rows.find((r) => r.tier === t)!.wins),
});

/** Runs `leadscore ...args` in-process, capturing stdout. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe(`a version routed by grid cell on a small sample (${LEADS} leads)`, () => {
  let tmp: string;
  let datasetFile: string;
  let modelsDir: string;
  let db: Db;
  let plain: Model;
  let routed: Model;
  /** Per lead (lead_id order of the reference input): expected routed tier, thresholds tier, outcome. */
  const expected = new Map<string, { routed: Tier; byThresholds: Tier; outcome: number }>();

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "leadscore-routed-"));
    const csv = toCsv(generateSample({ leads: LEADS, seed: 11 })) as unknown as Record<string, string>;
    const description = JSON.parse(readFileSync(path.join(ROOT, "data/sample.dataset.json"), "utf8"));
    description.name = "Routed tiers test sample";
    mkdirSync(path.join(tmp, "data"));
    const files: Record<string, Uint8Array> = {};
    for (const kind of ["leads", "deals", "activities"]) {
      description.files[kind].path = `data/${kind}.csv`;
      writeFileSync(path.join(tmp, "data", `${kind}.csv`), csv[`${kind}.csv`]);
      files[`data/${kind}.csv`] = new TextEncoder().encode(csv[`${kind}.csv`]);
    }
    datasetFile = path.join(tmp, "routed.dataset.json");
    writeFileSync(datasetFile, JSON.stringify(description, null, 2));

    db = await openWasmDb();
    const report = await loadDataset(db, parseDatasetDescription(JSON.stringify(description), datasetFile), files);
    expect(report.usable).toBe(true);

    const plainJson = JSON.parse(readFileSync(path.join(ROOT, "data/models/starting-v2.json"), "utf8"));
    plain = parseModel(plainJson, "starting-v2.json");
    await recompute(db, [plain]);
    const input = await readReferenceInput(db, true);
    const sub = new Map<string, { fit: number; engagement: number; score: number }>();
    for (const [id, lead] of input.leads) {
      const r = scoreLeadReference(plain, lead, input.activities.get(id) ?? [], input.scoringAt.get(id)!);
      sub.set(id, { fit: r.fit, engagement: r.engagement, score: r.score });
    }
    // Cut points near the quartiles of the reference sub-scores, made strictly ascending.
    const cutsOf = (values: number[]): [number, number, number] => {
      const s = [...values].sort((a, b) => a - b);
      const q = [1, 2, 3].map((k) => s[Math.floor((k * s.length) / 4)]);
      q[1] = Math.max(q[1], q[0] + 1);
      q[2] = Math.max(q[2], q[1] + 1);
      return [q[0], q[1], q[2]];
    };
    const fitCuts = cutsOf([...sub.values()].map((v) => v.fit));
    const engCuts = cutsOf([...sub.values()].map((v) => v.engagement));
    const routedJson = {
      ...plainJson, id: "routed-starting", version: 1, parent: null, status: "draft",
      changeNote: "starting v2's points, tiers routed by fit × engagement cell",
      grid: { fit: fitCuts, engagement: engCuts, routing: { salesReady: SALES_READY, nurture: NURTURE } },
    };
    routed = parseModel(routedJson, "routed-starting-v1.json");
    await recompute(db, [plain, routed]);

    // Expected tiers by hand: fit band A from c3 up, B from c2, C from c1, D below; engagement 1–4 likewise.
    const band = (v: number, c: number[], names: string) => (v >= c[2] ? names[0] : v >= c[1] ? names[1] : v >= c[0] ? names[2] : names[3]);
    const outcomes = new Map((await db.query("SELECT lead_id, outcome FROM lead_outcomes")).map((r) => [String(r.lead_id), String(r.outcome)]));
    const t = plain.thresholds;
    for (const [id, v] of sub) {
      const cell = band(v.fit, fitCuts, "ABCD") + band(v.engagement, engCuts, "1234");
      const o = outcomes.get(id);
      expected.set(id, {
        routed: SALES_READY.includes(cell) ? "sales-ready" : NURTURE.includes(cell) ? "nurture" : "ignore",
        byThresholds: v.score >= t.salesReady ? "sales-ready" : v.score >= t.nurture ? "nurture" : "ignore",
        outcome: o === "won" ? 1 : o === "lost" ? 0 : -1,
      });
    }

    modelsDir = path.join(tmp, "models");
    mkdirSync(modelsDir);
    writeFileSync(path.join(modelsDir, "starting-v2.json"), JSON.stringify(plainJson));
    writeFileSync(path.join(modelsDir, "routed-starting-v1.json"), JSON.stringify(routedJson));
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Expected tier counts over the labelled leads (or all leads). */
  const expectedCounts = (which: "routed" | "byThresholds", filter: (o: number) => boolean = (o) => o >= 0) => {
    const rows = [...expected.values()].filter((e) => filter(e.outcome));
    return counts(rows.map((e) => e[which]), rows.map((e) => (e.outcome === 1 ? 1 : 0)));
  };

  it("the routing's tier counts differ from what the thresholds alone would give (the test can fail)", () => {
    const r = expectedCounts("routed");
    const t = expectedCounts("byThresholds");
    expect(r.leads).not.toEqual(t.leads);
    for (const k of [0, 1, 2]) expect(r.leads[k], TIERS[k]).toBeGreaterThan(30);
    expect([...expected.values()].filter((e) => e.outcome >= 0).length).toBeGreaterThan(1000);
  });

  it("Calibration (versionCalibration): the routed version's tier table counts the grid routing; the plain version its thresholds", async () => {
    const s = await readScored(db, routed);
    const cal = versionCalibration(routed, s);
    expect(cal.error).toBeNull();
    const ev = (cal as VersionCalibration).evaluation;
    expect(rowsCounts(ev.tiers)).toEqual(expectedCounts("routed"));
    // The same scores cut at the thresholds give other counts: the tier table did not come from the thresholds.
    const l = labelled(s);
    expect(rowsCounts(tierTable(l.scores, l.labels, routed.thresholds))).toEqual(expectedCounts("byThresholds"));
    expect(rowsCounts(ev.tiers)).not.toEqual(rowsCounts(tierTable(l.scores, l.labels, routed.thresholds)));

    const p = versionCalibration(plain, await readScored(db, plain));
    expect(rowsCounts((p as VersionCalibration).evaluation.tiers)).toEqual(expectedCounts("byThresholds"));
  });

  it("`leadscore evaluate`: the tier table is the routing's, and the JSON says the tiers come from grid cells", async () => {
    const r = await run("evaluate", "--dataset", datasetFile, "--models", modelsDir);
    expect(r.code, r.stderr).toBe(0);
    type V = { version: string; tierSource: string; tierRule: string; evaluation: { tiers: { tier: string; leads: number; wins: number }[] } };
    const out = JSON.parse(r.stdout) as { versions: V[] };
    const v = out.versions.find((x) => x.version === "routed-starting@1")!;
    expect(v.tierSource).toBe("grid-cells");
    expect(v.tierRule).toMatch(/^tiers routed by fit × engagement cell: A1, A2, B1 are sales-ready; A3, A4, B2, C1 nurture/);
    expect(rowsCounts(v.evaluation.tiers)).toEqual(expectedCounts("routed"));
    const p = out.versions.find((x) => x.version === "starting@2")!;
    expect(p.tierSource).toBe("thresholds");
    expect(p.tierRule).toBe(`nurture ≥ ${plain.thresholds.nurture}, sales-ready ≥ ${plain.thresholds.salesReady}`);
    expect(rowsCounts(p.evaluation.tiers)).toEqual(expectedCounts("byThresholds"));
  });

  it("Review: cohorts, lost high-scorers and best customers count the routed tiers", async () => {
    const input = await readReviewInput(db, routed);
    const rows = cohorts(input, { by: "quarter", thresholds: routed.thresholds });
    const sum = (k: number, f: "leads" | "wins") => rows.reduce((a, r) => a + r.tiers[k][f], 0);
    expect({ leads: [0, 1, 2].map((k) => sum(k, "leads")), wins: [0, 1, 2].map((k) => sum(k, "wins")) }).toEqual(expectedCounts("routed"));
    // Sales-ready leads handed over, open ones included.
    expect(rows.reduce((a, r) => a + r.salesReadyLeads, 0)).toBe(expectedCounts("routed", () => true).leads[2]);

    const lostSalesReady = [...expected.values()].filter((e) => e.outcome === 0 && e.routed === "sales-ready").length;
    const wonSalesReady = [...expected.values()].filter((e) => e.outcome === 1 && e.routed === "sales-ready").length;
    const lhs = lostHighScorers(input, { thresholds: routed.thresholds });
    expect([lhs.indices.length, lhs.wonSalesReady]).toEqual([lostSalesReady, wonSalesReady]);

    const b = bestCustomers(input, { thresholds: routed.thresholds, top: 0 });
    const wonWithAmount = input.leadId.map((id, i) => [expected.get(id)!, i] as const).filter(([e, i]) => e.outcome === 1 && !Number.isNaN(input.amount![i]));
    expect(b.tiers.map((t) => t.won)).toEqual(TIERS.map((t) => wonWithAmount.filter(([e]) => e.routed === t).length));

    // Without the tier column the same input falls back to the thresholds.
    const { tier: _omit, ...byScore } = input;
    const fallback = cohorts(byScore, { by: "quarter", thresholds: routed.thresholds });
    expect([0, 1, 2].map((k) => fallback.reduce((a, r) => a + r.tiers[k].leads, 0))).toEqual(expectedCounts("byThresholds").leads);
  });

  it("the report's summary gives the routed tiers and says where they come from", async () => {
    const data = await collectReport(db, { dataset: "Routed tiers test sample", asOf: "2026-01-01 00:00:00", models: [plain, routed], reviews: [] });
    const v = data.summary.versions.find((x) => x.version === "routed-starting@1")!;
    expect(v.tierSource).toBe("grid-cells");
    expect(v.tierRule).toBe(tierRule(routed));
    expect(v.tierRule).toContain("A1, A2, B1 are sales-ready");
    expect(rowsCounts(v.tiers!)).toEqual(expectedCounts("routed"));
    expect(data.summary.versions.find((x) => x.version === "starting@2")!.tierSource).toBe("thresholds");
  });
});
