/**
 * lib/suggest/data.ts readSuggestData (one query: lead_features ⋈ score table
 * ⋈ lead_outcomes ⋈ leads) against an independent reading of the same leads:
 * readScored for the labelled leads, unitsSql for each slot's unit, and the
 * candidate profiles counted value by value from the leads column.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/types.js";
import type { Model } from "../../lib/model/schema.js";
import { readDataShape } from "../../lib/scoring/check-data.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { unitsSql } from "../../lib/scoring/units.js";
import { profileUnusedColumns } from "../../lib/suggest/candidates.js";
import { readSuggestData, type SuggestData } from "../../lib/suggest/data.js";
import { readScored } from "../../lib/workbench/scored.js";
import { openSampleDb, readModel } from "./helpers.js";

describe("readSuggestData on a small sample", () => {
  let db: Db;
  let model: Model;
  let data: SuggestData;
  beforeAll(async () => {
    db = await openSampleDb({ leads: 2000 });
    model = readModel("data/models/starting-v2.json");
    await recompute(db, [model]);
    data = await readSuggestData(db, model);
  });
  afterAll(async () => db?.close());

  it("holds the labelled leads, by lead_id, with their scores, outcomes and creation times", async () => {
    const s = await readScored(db, model);
    const rows = [...Array(s.n).keys()].filter((i) => s.outcome[i] >= 0);
    expect(data.n).toBe(rows.length);
    expect(data.n).toBeGreaterThan(500);
    expect(data.leadIds).toEqual(rows.map((i) => s.leadId[i]));
    expect(Array.from(data.labels)).toEqual(rows.map((i) => s.outcome[i]));
    expect(Array.from(data.currentScore)).toEqual(rows.map((i) => s.score[i]));
    expect(Array.from(data.createdMs)).toEqual(rows.map((i) => s.createdMs[i]));
  });

  it("marks each slot a lead's unit is above 0 on, as unitsSql reads them, and the mean unit of count slots", async () => {
    const byId = new Map<string, Record<string, unknown>>();
    for (const m of [model, data.candidates!]) {
      const prefix = m === model ? "model" : "candidate";
      for (const r of await db.query(unitsSql(m))) byId.set(`${prefix}:${r.lead_id}`, r);
    }
    expect(data.candidates).not.toBeNull();
    const sums = new Float64Array(data.columns.length);
    const ns = new Float64Array(data.columns.length);
    for (let i = 0; i < data.n; i++) {
      const fired: number[] = [];
      data.columns.forEach((c, j) => {
        const u = Number(byId.get(`${c.source}:${data.leadIds[i]}`)![`u${c.slot}`]);
        if (u > 0) (fired.push(j), (sums[j] += u), ns[j]++);
      });
      expect(Array.from(data.indices.subarray(data.offsets[i], data.offsets[i + 1]))).toEqual(fired);
    }
    data.columns.forEach((c, j) => expect(data.meanUnit[j]).toBeCloseTo(c.converted && ns[j] > 0 ? sums[j] / ns[j] : 1, 12));
    expect(data.columns.some((c) => c.converted)).toBe(true);
  });

  it("profiles each unused category column with its counts per value and its missing cells", async () => {
    const shape = await readDataShape(db);
    const profiles = await profileUnusedColumns(db, model, shape.leadColumns);
    const cats = profiles.filter((p) => p.kind !== "number");
    expect(cats.length).toBeGreaterThan(0);
    for (const p of cats) {
      const values = (await db.query(`SELECT "${p.column}" AS v FROM leads`)).map((r) => r.v);
      const counts = new Map<string | boolean, number>();
      for (const v of values) if (v !== null) counts.set(p.kind === "boolean" ? Boolean(v) : String(v), (counts.get(p.kind === "boolean" ? Boolean(v) : String(v)) ?? 0) + 1);
      expect(p.n).toBe(values.length);
      expect(p.missing).toBe(values.filter((v) => v === null).length);
      if (p.kind === "string" || p.kind === "boolean") expect(new Map([...p.counts].sort())).toEqual(new Map([...counts].sort()));
    }
  });
});
