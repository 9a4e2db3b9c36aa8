/**
 * whatif.ts against a straightforward recomputation: per-lead scores from the
 * unit columns (criterion totals, group caps, category caps), then a plain
 * histogram, tier counts, mean, and lib/metrics auc. Both storage modes
 * (patterns and dense) must agree with it, and the model's own points must
 * give the SQL scores. draftFromWhatIf must give a valid model whose SQL
 * scores are the what-if scores.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { auc } from "../../lib/metrics/auc.js";
import { parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { unitSlots, unitsSql, type UnitSlot } from "../../lib/scoring/units.js";
import { WhatIf, draftFromWhatIf, loadWhatIf, whatIfInput, type Caps, type WhatIfInput, type WhatIfResult } from "../../lib/scoring/whatif.js";
import { generateSample, loadSample, toCsv } from "../../lib/sample/index.js";
import { ACTIVITY_TYPES } from "../../lib/tables.js";
import { randomModel, readCatalog, rng } from "./random-model.js";

const LEADS = 3000;
const OUTCOMES = { table: "t_outcomes", column: "outcome" };
const [v1, v2] = [1, 2].map((v) => {
  const file = `data/models/starting-v${v}.json`;
  return parseModel(JSON.parse(readFileSync(file, "utf8")), file);
});

/** Asserts two score arrays agree within 1e-9 per lead (float summation order may differ). */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, what = "") {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!(Math.abs(got[i] - want[i]) <= 1e-9)) expect([what, i, got[i]]).toEqual([what, i, want[i]]);
}

/** The straightforward score of each lead (schema.ts semantics, over units). */
function naiveScores(model: Model, slots: UnitSlot[], units: Float64Array[], points: ArrayLike<number>, caps: Caps): Float64Array {
  const n = units[0]?.length ?? 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const crit = new Map<string, number>();
    slots.forEach((s, k) => crit.set(s.criterionId, (crit.get(s.criterionId) ?? 0) + points[k] * units[k][i]));
    let score = 0;
    for (const category of ["fit", "behaviour"] as const) {
      let total = 0;
      const groups = new Map<string, number>();
      for (const c of model.criteria.filter((x) => x.category === category)) {
        if (c.group === undefined) total += crit.get(c.id)!;
        else groups.set(c.group, (groups.get(c.group) ?? 0) + crit.get(c.id)!);
      }
      for (const [g, t] of groups) total += Math.min(t, caps?.group?.[g] ?? Infinity);
      score += Math.min(total, caps?.category?.[category] ?? Infinity);
    }
    out[i] = score;
  }
  return out;
}

/** Checks a result against the naive scores and outcomes. */
function expectMatches(r: WhatIfResult, scores: Float64Array, outcomes: Float64Array, input: WhatIfInput) {
  const got = r.scores();
  expect(got.length).toBe(scores.length);
  for (let i = 0; i < scores.length; i++) if (!(Math.abs(got[i] - scores[i]) <= 1e-9)) expect([i, got[i]]).toEqual([i, scores[i]]);
  const name = (o: number) => (o === 1 ? "won" : o === 0 ? "lost" : "open");
  const tiers = { ignore: { won: 0, lost: 0, open: 0 }, nurture: { won: 0, lost: 0, open: 0 }, "sales-ready": { won: 0, lost: 0, open: 0 } };
  const bins = new Map<string, number>();
  let sum = 0;
  scores.forEach((s, i) => {
    const o = name(outcomes[i]);
    const tier = s >= input.thresholds.salesReady ? "sales-ready" : s >= input.thresholds.nurture ? "nurture" : "ignore";
    tiers[tier][o]++;
    const key = `${Math.floor(s)}:${o}`;
    bins.set(key, (bins.get(key) ?? 0) + 1);
    sum += s;
  });
  expect(r.tiers).toEqual(tiers);
  expect(r.histogram.binWidth).toBe(1);
  const h = r.histogram;
  for (const o of ["won", "lost", "open"] as const) {
    h[o].forEach((c, k) => {
      if (c) expect([k, o, c]).toEqual([k, o, bins.get(`${h.lo + k}:${o}`)]);
    });
    expect(h[o].reduce((a, b) => a + b, 0)).toBe(r.counts[o]);
  }
  expect(r.mean).toBeCloseTo(sum / scores.length, 9);
  const decided = [...outcomes.keys()].filter((i) => outcomes[i] !== -1);
  const exact = auc(decided.map((i) => scores[i]), decided.map((i) => outcomes[i] as 0 | 1));
  const integer = scores.every(Number.isInteger);
  expect(r.integerScores).toBe(integer);
  expect(r.aucExact).toBe(integer);
  if (integer) expect(r.auc).toBeCloseTo(exact, 12);
  else expect(Math.abs(r.auc! - exact)).toBeLessThanOrEqual(r.aucMaxError + 1e-12);
}

/** A random what-if input around the model's own. */
function randomInput(model: Model, seed: number): WhatIfInput {
  const r = rng(seed);
  const base = whatIfInput(model);
  const points = Array.from(base.points, (p) => (r.chance(0.4) ? r.int(-20, 30) : p));
  if (r.chance(0.2)) points[0] += 0.5; // fractional points are allowed in a what-if
  const groups = [...new Set(unitSlots(model).map((s) => s.group).filter((g): g is string => g !== null))];
  const caps: Caps = r.chance(0.3) ? {} : { category: { behaviour: r.int(10, 80), ...(r.chance(0.5) ? { fit: r.int(10, 60) } : {}) }, group: Object.fromEntries(groups.map((g) => [g, r.int(0, 40)])) };
  const nurture = r.int(0, 40);
  return { points, caps, thresholds: { nurture, salesReady: nurture + r.int(1, 40) + (r.chance(0.3) ? 0.5 : 0) } };
}

describe(`WhatIf on the sample (${LEADS} leads, DuckDB-WASM)`, () => {
  let db: Db;
  let models: Model[];
  const data = new Map<Model, { units: Float64Array[]; outcomes: Float64Array; sqlScores: Float64Array; sqlTiers: string[]; sqlFit: Float64Array; sqlEngagement: Float64Array }>();
  beforeAll(async () => {
    db = await openWasmDb();
    await loadSample(db, toCsv(generateSample({ leads: LEADS, seed: 7 })));
    await db.exec(
      "CREATE OR REPLACE VIEW t_outcomes AS SELECT lead_id, CASE WHEN bool_or(status = 'won') THEN 'won' " +
        "WHEN bool_and(status = 'lost') THEN 'lost' ELSE 'open' END AS outcome FROM deals GROUP BY lead_id",
    );
    const catalog = await readCatalog(db, [...ACTIVITY_TYPES]);
    models = [v1, v2, ...Array.from({ length: 6 }, (_, i) => randomModel(catalog, 900 + i))];
    const result = await recompute(db, models);
    for (const v of result.versions) {
      const cols = await db.queryColumns(unitsSql(v.model, { outcomes: OUTCOMES }));
      const scores = await db.queryColumns(v.sql);
      data.set(v.model, {
        units: unitSlots(v.model).map((s) => cols.columns[s.column] as Float64Array),
        outcomes: cols.columns.outcome as Float64Array,
        sqlScores: scores.columns.score as Float64Array,
        sqlTiers: Array.from(scores.columns.tier as ArrayLike<string>),
        sqlFit: scores.columns.fit_score as Float64Array,
        sqlEngagement: scores.columns.engagement_score as Float64Array,
      });
    }
  });
  afterAll(async () => db?.close());

  it("aggregates identical unit vectors into patterns, or falls back to dense", () => {
    const w1 = new WhatIf(unitSlots(v1), data.get(v1)!.units, data.get(v1)!.outcomes);
    expect(w1.mode).toBe("patterns");
    expect(w1.rows).toBeLessThan(LEADS);
    const dense = new WhatIf(unitSlots(v1), data.get(v1)!.units, data.get(v1)!.outcomes, { maxPatterns: 0 });
    expect(dense.mode).toBe("dense");
    expect(dense.rows).toBe(LEADS);
  });

  it("gives the SQL scores (≤ 1e-9) and tiers for the model's own points, caps and thresholds", () => {
    for (const m of models) {
      const d = data.get(m)!;
      for (const maxPatterns of [undefined, 0]) {
        const r = new WhatIf(unitSlots(m), d.units, d.outcomes, { caps: m.caps, maxPatterns }).rescore(whatIfInput(m));
        expectClose(r.scores(), d.sqlScores, m.id);
        const sqlTiers = { ignore: 0, nurture: 0, "sales-ready": 0 };
        d.sqlTiers.forEach((t) => sqlTiers[t as keyof typeof sqlTiers]++);
        const sum = (c: { won: number; lost: number; open: number }) => c.won + c.lost + c.open;
        expect({ ignore: sum(r.tiers.ignore), nurture: sum(r.tiers.nurture), "sales-ready": sum(r.tiers["sales-ready"]) }, m.id).toEqual(sqlTiers);
        // Mean sub-scores per outcome equal the SQL fit_score / engagement_score means.
        for (const [key, col] of [["fit", d.sqlFit], ["engagement", d.sqlEngagement]] as const) {
          for (const [name, code] of [["won", 1], ["lost", 0], ["open", -1]] as const) {
            let total = 0, n = 0;
            for (let i = 0; i < col.length; i++) if (d.outcomes[i] === code) (total += col[i]), n++;
            const want = n === 0 ? null : total / n;
            const got = r.subScores[key][name];
            if (want === null) expect(got).toBeNull();
            else expect(Math.abs(got! - want), `${m.id} ${key} ${name}`).toBeLessThan(1e-9);
          }
        }
      }
    }
  });

  it("agrees with a straightforward recomputation for random inputs, in both modes", () => {
    for (const m of models) {
      const d = data.get(m)!;
      const slots = unitSlots(m);
      const modes = [new WhatIf(slots, d.units, d.outcomes, { caps: m.caps }), new WhatIf(slots, d.units, d.outcomes, { caps: m.caps, maxPatterns: 0 })];
      for (let k = 0; k < 8; k++) {
        const input = randomInput(m, 31 * k + models.indexOf(m));
        const want = naiveScores(m, slots, d.units, input.points, input.caps);
        const [a, b] = modes.map((w) => w.rescore(input));
        expectMatches(a, want, d.outcomes, input);
        expectMatches(b, want, d.outcomes, input);
        // Identical but for the mean's summation order (weighted per pattern vs per lead).
        const same = (r: WhatIfResult) => ({ ...r, scores: 0, mode: 0, ms: 0, mean: 0, meanByOutcome: 0, subScores: 0 });
        expect(same(a)).toEqual(same(b));
        expect(a.mean).toBeCloseTo(b.mean, 9);
      }
    }
  });

  it("uses the construction caps when an input gives none, and {} for no caps", () => {
    const d = data.get(v2)!;
    const w = new WhatIf(unitSlots(v2), d.units, d.outcomes, { caps: v2.caps });
    const own = whatIfInput(v2);
    expect(w.rescore({ points: own.points, thresholds: own.thresholds }).mean).toBe(w.rescore(own).mean);
    const uncapped = naiveScores(v2, unitSlots(v2), d.units, own.points, {});
    const got = w.rescore({ ...own, caps: {} }).scores();
    expect(got.every((s, i) => Math.abs(s - uncapped[i]) <= 1e-9)).toBe(true);
    expect(got.some((s, i) => s !== d.sqlScores[i])).toBe(true);
  });

  it("keeps lazy scores valid after a later rescore (dense)", () => {
    const d = data.get(v2)!;
    const w = new WhatIf(unitSlots(v2), d.units, d.outcomes, { caps: v2.caps, maxPatterns: 0 });
    const first = w.rescore(whatIfInput(v2));
    w.rescore(randomInput(v2, 5));
    expectClose(first.scores(), d.sqlScores);
  });

  it("loads from the database with loadWhatIf", async () => {
    const w = await loadWhatIf(db, v2, OUTCOMES);
    expect(w.n).toBe(LEADS);
    const r = w.rescore(whatIfInput(v2));
    expect(r.counts.won + r.counts.lost + r.counts.open).toBe(LEADS);
    expect(r.counts.won).toBeGreaterThan(0);
  });

  it("rejects inputs of the wrong shape, naming the rule", () => {
    const d = data.get(v1)!;
    const slots = unitSlots(v1);
    expect(() => new WhatIf(slots, d.units.slice(1), d.outcomes)).toThrow(/one unit column per slot/);
    expect(() => new WhatIf(slots, d.units, [2, ...d.outcomes.slice(1)])).toThrow(/must be 1 \(won\), 0 \(lost\) or -1/);
    const w = new WhatIf(slots, d.units, d.outcomes);
    expect(() => w.rescore({ points: [1], thresholds: v1.thresholds })).toThrow(/expected \d+ points/);
    expect(() => w.rescore({ points: slots.map(() => NaN), thresholds: v1.thresholds })).toThrow(/must be finite/);
  });

  it("draftFromWhatIf makes a valid draft whose SQL scores are the what-if scores", async () => {
    const slots = unitSlots(v2);
    const points = slots.map((s) => s.points);
    const senior = slots.findIndex((s) => s.criterionId === "senior_title");
    const band = slots.findIndex((s) => s.criterionId === "company_size" && s.bandIndex === 1);
    const missing = slots.findIndex((s) => s.criterionId === "company_size" && s.bandIndex === "missing");
    points[senior] = 25;
    points[band] = 8;
    points[missing] = -2;
    const thresholds = { nurture: 35, salesReady: 65 };
    const draft = draftFromWhatIf(v2, points, thresholds, { author: "analyst", note: "Seniority matters more.", maxVersion: 4 });
    expect(draft).toMatchObject({ id: "starting", version: 5, parent: 2, status: "draft", author: "analyst", thresholds });
    expect(draft.changeNote).toBe(
      'Seniority matters more. (what-if from v2: "senior_title" 20 → 25; "company_size" [50, 200) 5 → 8; "company_size" missing 0 → -2; thresholds.nurture 30 → 35)',
    );
    expect(v2.criteria.find((c) => c.id === "senior_title")!.points).toBe(20); // the source model is untouched
    expect(parseModel(JSON.parse(JSON.stringify(draft)), "round trip")).toEqual(draft);

    const d = data.get(v2)!;
    const whatIf = new WhatIf(slots, d.units, d.outcomes, { caps: v2.caps }).rescore({ points, thresholds });
    const result = await recompute(db, [draft]);
    const sql = await db.queryColumns(result.versions[0].sql);
    expectClose(whatIf.scores(), sql.columns.score as Float64Array);
    const sqlSalesReady = Array.from(sql.columns.tier as ArrayLike<string>).filter((t) => t === "sales-ready").length;
    const tr = whatIf.tiers["sales-ready"];
    expect(tr.won + tr.lost + tr.open).toBe(sqlSalesReady);
  });

  it("draftFromWhatIf refuses fractional points and wrong lengths", () => {
    const points = unitSlots(v1).map((s) => s.points);
    expect(() => draftFromWhatIf(v1, points.slice(1), v1.thresholds, { author: "a", note: "n" })).toThrow(/one per slot/);
    points[0] = 2.5;
    expect(() => draftFromWhatIf(v1, points, v1.thresholds, { author: "a", note: "n" })).toThrow(/whole numbers/);
    points[0] = unitSlots(v1)[0].points;
    expect(() => draftFromWhatIf(v1, points, { nurture: 50, salesReady: 40 }, { author: "a", note: "n" })).toThrow(/thresholds are inverted/);
    expect(draftFromWhatIf(v1, points, v1.thresholds, { author: "a", note: "" }).changeNote).toBe("(what-if from v1: no changes to points or thresholds)");
  });
});

describe("WhatIf on hand-made units", () => {
  const slots: UnitSlot[] = [
    { index: 0, column: "u0", criterionId: "a", bandIndex: null, points: 10, category: "fit", group: "g", indicator: true },
    { index: 1, column: "u1", criterionId: "b", bandIndex: null, points: 5, category: "fit", group: "g", indicator: true },
    { index: 2, column: "u2", criterionId: "c", bandIndex: null, points: 2, category: "behaviour", group: null, indicator: false },
  ];
  const units = [Float64Array.of(1, 1, 0, 0), Float64Array.of(1, 0, 1, 0), Float64Array.of(0.5, 3, 0, 1)];
  const outcomes = Int8Array.of(1, 0, -1, 0);

  it("caps the group, then the category, and bins the scores (worked example)", () => {
    const w = new WhatIf(slots, units, outcomes, { caps: { group: { g: 12 }, category: { behaviour: 4 } } });
    const r = w.rescore({ points: [10, 5, 2], thresholds: { nurture: 5, salesReady: 14 } });
    // lead 0: min(15, 12) + min(1, 4) = 13; lead 1: 10 + min(6, 4) = 14; lead 2: 5 + 0 = 5; lead 3: 0 + 2 = 2
    expect(Array.from(r.scores())).toEqual([13, 14, 5, 2]);
    expect(r.tiers).toEqual({ ignore: { won: 0, lost: 1, open: 0 }, nurture: { won: 1, lost: 0, open: 1 }, "sales-ready": { won: 0, lost: 1, open: 0 } });
    expect(r.histogram.lo).toBe(2);
    expect(Array.from(r.histogram.lost)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.auc).toBe(0.5); // won 13 beats lost 2, loses to lost 14
    expect(r.mean).toBe(8.5);
    expect(r.meanByOutcome).toEqual({ won: 13, lost: 8, open: 5 });
    // fit 12, 10, 5, 0 and engagement 1, 4, 0, 2 (won, lost, open, lost)
    expect(r.subScores).toEqual({ fit: { won: 12, lost: 5, open: 5 }, engagement: { won: 1, lost: 3, open: 0 } });
  });

  it("widens the bins when the score range exceeds MAX_BINS", () => {
    const w = new WhatIf(slots, units, outcomes);
    const r = w.rescore({ points: [1_000_000, 0, 0], thresholds: { nurture: 1, salesReady: 2 } });
    expect(r.histogram.binWidth).toBeGreaterThan(1);
    expect(r.histogram.won.length).toBeLessThanOrEqual(65_536);
    expect(r.aucExact).toBe(false);
  });
});
