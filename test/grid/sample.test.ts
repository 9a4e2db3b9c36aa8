/**
 * The fit × engagement analysis on the bundled sample (24,000 leads, seed
 * 42) loaded as the site and the CLI load it: the grid adds up to the
 * labelled leads, and the starting models are compared with the ground
 * truth (lib/sample/ground-truth.ts, as data/models/ground-truth-v1.json).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/types.js";
import type { Model } from "../../lib/model/schema.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { cohortWeights, fitEngagement, readSubScored, type FitEngagement, type SubScored } from "../../lib/grid/index.js";
import { openSampleDb, readModel } from "../suggest/helpers.js";

describe("fit and engagement on the sample", () => {
  let db: Db;
  let models: Model[];
  const scored = new Map<string, SubScored>();
  const results = new Map<string, FitEngagement>();
  let labelled = 0;
  beforeAll(async () => {
    db = await openSampleDb();
    models = ["starting-v1", "starting-v2", "ground-truth-v1"].map((f) => readModel(`data/models/${f}.json`));
    await recompute(db, models);
    for (const m of models) {
      const s = await readSubScored(db, m);
      scored.set(`${m.id}@${m.version}`, s);
      results.set(`${m.id}@${m.version}`, fitEngagement(m, s, { hasActivities: true }));
    }
    const [r] = await db.query("SELECT count(*) FILTER (WHERE outcome IN ('won', 'lost')) AS n FROM lead_outcomes");
    labelled = Number(r.n);
  }, 300_000);
  afterAll(async () => db?.close());

  it("splits every score into fit + engagement and counts every labelled lead in exactly one grid cell", () => {
    for (const [id, s] of scored) {
      for (let i = 0; i < s.n; i++) expect(s.fit[i] + s.engagement[i], id).toBe(s.score[i]);
      const g = results.get(id)!.grid!;
      expect(g.cells.reduce((a, c) => a + c.leads, 0), id).toBe(labelled);
      expect(g.cuts.source).toEqual({ fit: "quartiles", engagement: "quartiles" });
      expect(g.cells.some((c) => c.toSales), id).toBe(true);
    }
  });

  it("on the sample, the ground truth's own mix (ground-truth-v1) is not rejected and the starting models under-weight behaviour", () => {
    // data/models/ground-truth-v1.json is the generating model itself as points, so its fit and engagement points are on
    // the same log-odds scale by construction: 1 must lie in its interval (measured 2026-12-06: 1.01, 0.95–1.06).
    // The starting models give flat points per activity and miss that a recent pricing-page view or site visit counts far
    // more than an old one (the ground truth's recency terms, lib/sample/ground-truth.ts): on the sample one of their
    // engagement points is worth more than one fit point, the interval wholly above 1 (measured: v1 1.65, 1.50–1.79;
    // v2 1.55, 1.44–1.67). Before 2026-12-06, with weak recency effects, both were balanced (1.01 and 0.98).
    // This test also caught the relative-weight fit never meeting its convergence test on starting v1 (a Newton step
    // bound below the gradient's rounding; lib/grid/relative-weight.ts).
    const gt = results.get("ground-truth@1")!.comparison!.weight;
    expect(gt.converged).toBe(true);
    expect(gt.ci95![0]).toBeLessThan(1);
    expect(gt.ci95![1]).toBeGreaterThan(1);
    for (const id of ["starting@1", "starting@2"]) {
      const w = results.get(id)!.comparison!.weight;
      expect(w.converged, id).toBe(true);
      expect(w.ci95![0], id).toBeGreaterThan(1);
    }
  });

  it("the total beats fit only and engagement only for every version (paired DeLong, p < 0.05)", () => {
    for (const [id, r] of results) {
      const [totalFit, totalEng] = r.comparison!.paired;
      expect(totalFit.diff, id).toBeGreaterThan(0);
      expect(totalFit.p, id).toBeLessThan(0.05);
      expect(totalEng.diff, id).toBeGreaterThan(0);
      expect(totalEng.p, id).toBeLessThan(0.05);
    }
  });

  it("gives the relative weight per quarter, every labelled lead in one cohort", () => {
    const rows = cohortWeights(scored.get("starting@2")!, "quarter");
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.reduce((a, r) => a + r.won + r.lost, 0)).toBe(labelled);
    expect(rows.filter((r) => r.weight?.ratio != null).length).toBeGreaterThanOrEqual(6);
  });
});
