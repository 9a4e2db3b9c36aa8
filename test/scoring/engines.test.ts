/**
 * The same compiled SQL gives identical score tables on DuckDB-WASM (1.4) and
 * native DuckDB (1.5, 2 threads): starting models plus random models with
 * decay, on the sample and on the hostile fixture.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNativeDb } from "../../lib/db/native.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { generateSample, loadSample, toCsv } from "../../lib/sample/index.js";
import { ACTIVITY_TYPES } from "../../lib/tables.js";
import { fixtureModel, loadFixture } from "./fixture.js";
import { randomModel, readCatalog } from "./random-model.js";

describe("DuckDB-WASM and native DuckDB give identical score tables", () => {
  let wasm: Db;
  let native: Db;
  beforeAll(async () => {
    wasm = await openWasmDb();
    native = await openNativeDb({ threads: 2 });
  });
  afterAll(async () => {
    await wasm?.close();
    await native?.close();
  });

  async function scoreBoth(models: Model[]) {
    const out = [];
    for (const db of [wasm, native]) {
      const r = await recompute(db, models);
      const tables = [];
      for (const v of r.versions) tables.push({ rows: await db.query(v.sql), columns: await db.queryColumns(v.sql) });
      out.push(tables);
    }
    return out;
  }

  it("on the sample: 2 starting models and 15 random ones", async () => {
    const csv = toCsv(generateSample({ leads: 1500, seed: 11 }));
    for (const db of [wasm, native]) await loadSample(db, csv);
    const catalog = await readCatalog(wasm, [...ACTIVITY_TYPES]);
    const models = [
      ...[1, 2].map((v) => parseModel(JSON.parse(readFileSync(`data/models/starting-v${v}.json`, "utf8")), `starting-v${v}.json`)),
      ...Array.from({ length: 15 }, (_, i) => randomModel(catalog, 300 + i)),
    ];
    const [a, b] = await scoreBoth(models);
    a.forEach((t, i) => {
      expect(t.rows.length).toBe(1500);
      expect(t.rows).toEqual(b[i].rows);
      expect(t.columns.columns.score).toBeInstanceOf(Float64Array);
      expect(Array.from(t.columns.columns.score as Float64Array)).toEqual(Array.from(b[i].columns.columns.score as Float64Array));
    });
  });

  it("on the hostile fixture", async () => {
    for (const db of [wasm, native]) await loadFixture(db);
    const [a, b] = await scoreBoth([fixtureModel()]);
    expect(a[0].rows).toEqual(b[0].rows);
    expect(a[0].rows).toHaveLength(3);
  });
});
