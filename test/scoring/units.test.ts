/**
 * units.ts: Σ over slots (points × unit), capped per group then per category,
 * equals the SQL score of compile.ts for every lead, on the sample data with
 * the starting models and random models (DuckDB-WASM), and with the starting
 * models on native DuckDB.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNativeDb } from "../../lib/db/native.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";
import { recompute, type RecomputeResult } from "../../lib/scoring/recompute.js";
import { unitSlots, unitsSql, type UnitSlot } from "../../lib/scoring/units.js";
import { generateSample, loadSample, toCsv } from "../../lib/sample/index.js";
import { ACTIVITY_TYPES } from "../../lib/tables.js";
import { randomModel, readCatalog } from "./random-model.js";

const LEADS = 2000;
const RANDOM_MODELS = 30;
const startingModels = [1, 2].map((v) => {
  const file = `data/models/starting-v${v}.json`;
  return parseModel(JSON.parse(readFileSync(file, "utf8")), file);
});

/** The straightforward score of one lead from its units: criterion totals, group caps, category caps (schema.ts). */
function scoreFromUnits(model: Model, slots: UnitSlot[], units: number[]): number {
  const crit = new Map<string, number>();
  slots.forEach((s, k) => crit.set(s.criterionId, (crit.get(s.criterionId) ?? 0) + s.points * units[k]));
  let score = 0;
  for (const category of ["fit", "behaviour"] as const) {
    let total = 0;
    const groups = new Map<string, number>();
    for (const c of model.criteria.filter((x) => x.category === category)) {
      if (c.group === undefined) total += crit.get(c.id)!;
      else groups.set(c.group, (groups.get(c.group) ?? 0) + crit.get(c.id)!);
    }
    for (const [g, t] of groups) total += Math.min(t, model.caps?.group?.[g] ?? Infinity);
    score += Math.min(total, model.caps?.category?.[category] ?? Infinity);
  }
  return score;
}

async function mismatches(db: Db, v: { model: Model; sql: string }): Promise<string[]> {
  const slots = unitSlots(v.model);
  const u = await db.queryColumns(unitsSql(v.model));
  const s = await db.queryColumns(v.sql);
  const out: string[] = [];
  if (u.numRows !== s.numRows) return [`${u.numRows} unit rows vs ${s.numRows} score rows`];
  for (let i = 0; i < u.numRows && out.length < 10; i++) {
    if (u.columns.lead_id[i] !== s.columns.lead_id[i]) out.push(`row ${i}: lead ${u.columns.lead_id[i]} vs ${s.columns.lead_id[i]}`);
    const units = slots.map((slot) => (u.columns[slot.column] as Float64Array)[i]);
    if (units.some((x) => !Number.isFinite(x))) out.push(`row ${i}: a unit is not finite: ${units}`);
    const got = scoreFromUnits(v.model, slots, units);
    const want = (s.columns.score as Float64Array)[i];
    if (!(Math.abs(got - want) <= 1e-9)) out.push(`${v.model.id} lead ${s.columns.lead_id[i]}: units ${got} vs SQL ${want}`);
    // Each criterion column too.
    for (const c of v.model.criteria) {
      const sum = slots.reduce((acc, slot, k) => (slot.criterionId === c.id ? acc + slot.points * units[k] : acc), 0);
      const col = (s.columns[c.id] as Float64Array)[i];
      if (!(Math.abs(sum - col) <= 1e-9)) out.push(`${v.model.id} lead ${s.columns.lead_id[i]} criterion ${JSON.stringify(c.id)}: ${sum} vs SQL ${col}`);
    }
  }
  return out;
}

describe("unitSlots", () => {
  it("gives one slot per criterion, one per band plus missing / never for band rules", () => {
    const slots = unitSlots(startingModels[1]);
    const size = slots.filter((s) => s.criterionId === "company_size");
    expect(size.map((s) => s.bandIndex)).toEqual([0, 1, 2, 3, "missing"]);
    expect(size.map((s) => s.points)).toEqual([0, 5, 10, 15, 0]);
    expect(slots).toHaveLength(startingModels[1].criteria.length - 1 + 5);
    expect(slots.every((s, i) => s.index === i && s.column === `u${i}`)).toBe(true);
    const opens = slots.find((s) => s.criterionId === "email_opens")!;
    expect(opens).toMatchObject({ category: "behaviour", group: "email", points: 2, indicator: false, bandIndex: null });
    expect(slots.find((s) => s.criterionId === "webinar")!.indicator).toBe(true);
  });

  it("renders names through lib/sql (quoted, no pasting)", () => {
    const sql = unitsSql(startingModels[0], { outcomes: { table: "lead outcomes", column: 'it"s' } });
    expect(sql.startsWith('SELECT "i"."lead_id" AS "lead_id", CAST(')).toBe(true);
    expect(sql).toContain('FROM "lead_features" AS "i" LEFT JOIN "lead outcomes" AS "o" ON ("o"."lead_id" = "i"."lead_id")');
    expect(sql).toContain('"o"."it""s"');
    expect(sql).not.toContain("pow(");
    expect(sql.endsWith('ORDER BY "i"."lead_key"')).toBe(true);
  });
});

describe(`Σ points × units, capped, equals the SQL score (sample, ${LEADS} leads)`, () => {
  let db: Db;
  let result: RecomputeResult;
  beforeAll(async () => {
    db = await openWasmDb();
    await loadSample(db, toCsv(generateSample({ leads: LEADS, seed: 11 })));
    const catalog = await readCatalog(db, [...ACTIVITY_TYPES]);
    const models = [...startingModels, ...Array.from({ length: RANDOM_MODELS }, (_, i) => randomModel(catalog, 5000 + i))];
    result = await recompute(db, models);
  });
  afterAll(async () => db?.close());

  it(`for the starting models and ${RANDOM_MODELS} random models (DuckDB-WASM)`, async () => {
    for (const v of result.versions) expect(await mismatches(db, v), v.model.id).toEqual([]);
  });

  it("returns outcomes 1 / 0 / -1 when asked", async () => {
    await db.exec(
      "CREATE OR REPLACE VIEW t_outcomes AS SELECT lead_id, CASE WHEN bool_or(status = 'won') THEN 'won' " +
        "WHEN bool_and(status = 'lost') THEN 'lost' ELSE 'open' END AS outcome FROM deals GROUP BY lead_id",
    );
    const cols = await db.queryColumns(unitsSql(startingModels[0], { outcomes: { table: "t_outcomes", column: "outcome" } }));
    expect(new Set(cols.columns.outcome as Float64Array)).toEqual(new Set([1, 0, -1]));
    expect(cols.numRows).toBe(LEADS);
  });
});

describe("the same invariant on native DuckDB", () => {
  let db: Db;
  let result: RecomputeResult;
  beforeAll(async () => {
    db = await openNativeDb({ threads: 1 });
    await loadSample(db, toCsv(generateSample({ leads: 1000, seed: 3 })));
    result = await recompute(db, startingModels);
  });
  afterAll(async () => db?.close());

  it("for the starting models", async () => {
    for (const v of result.versions) expect(await mismatches(db, v), v.model.id).toEqual([]);
  });
});
