/**
 * lib/workspace: the one way to open a dataset with its model versions
 * (CLI and site), and lib/db/snapshot.ts, the exact copy of its tables that
 * the browser keeps between pages.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetSource } from "../../lib/dataset/source.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import { copyTables, listObjects, restore, snapshot } from "../../lib/db/snapshot.js";
import type { Db } from "../../lib/db/types.js";
import { openWorkspace, type OpenedWorkspace } from "../../lib/workspace/open.js";

const modelText = (f: string) => readFileSync(`data/models/${f}`, "utf8");

function misfitText(): string {
  const m = JSON.parse(modelText("starting-v1.json"));
  m.id = "misfit";
  m.dataset.columns.no_such_column = "string";
  m.criteria.push({ id: "nsc", label: "no such column", category: "fit", rule: { type: "equals", column: "no_such_column", value: "x" }, points: 5 });
  return JSON.stringify(m);
}

describe("openWorkspace on the sample", () => {
  let db: Db;
  let ws: OpenedWorkspace;
  beforeAll(async () => {
    db = await openWasmDb();
    const source = await datasetSource(undefined);
    ws = await openWorkspace(db, {
      description: source.description, files: source.files,
      models: [
        { file: "a/starting-v1.json", text: modelText("starting-v1.json") },
        { file: "a/starting-v2.json", text: modelText("starting-v2.json") },
        { file: "b/starting-v2-again.json", text: modelText("starting-v2.json") },
        { file: "a/misfit.json", text: misfitText() },
        { file: "a/broken.json", text: "{ nope" },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("gives every file a status with its reason, and scores the versions that fit", () => {
    const status = Object.fromEntries(ws.entries.map((e) => [e.file, e.status]));
    expect(status).toEqual({
      "a/starting-v1.json": "fits", "a/starting-v2.json": "fits", "b/starting-v2-again.json": "duplicate",
      "a/misfit.json": "not-for-dataset", "a/broken.json": "invalid",
    });
    const misfit = ws.entries.find((e) => e.file === "a/misfit.json")!;
    expect(misfit.missing).toEqual(['column "no_such_column" is missing']);
    expect(misfit.reason).toMatch(/not for this dataset.*The data has the columns .*"industry"/);
    expect(ws.entries.find((e) => e.status === "duplicate")!.reason).toMatch(/also defined in a\/starting-v2\.json/);
    expect(ws.models.map((m) => `${m.id}@${m.version}`)).toEqual(["starting@1", "starting@2"]);
    expect(ws.recompute!.versions.map((v) => v.table)).toHaveLength(2);
    expect(ws.scoringError).toBeNull();
  });

  it("says in one sentence why nothing is scored when no version fits", async () => {
    const db2 = await openWasmDb();
    try {
      const source = await datasetSource(undefined);
      const r = await openWorkspace(db2, { description: source.description, files: source.files, models: [{ file: "m.json", text: misfitText() }] });
      expect(r.models).toEqual([]);
      expect(r.recompute).toBeNull();
      expect(r.scoringError).toMatch(/No model version fits this dataset/);
    } finally {
      await db2.close();
    }
  }, 120_000);

  it("snapshots every table and view and restores them exactly in a fresh database", async () => {
    const objects = await listObjects(db);
    expect(objects.tables).toEqual(expect.arrayContaining(["leads", "activity_events", "lead_features", "scoring_dates"]));
    expect(objects.views).toContain("activities");
    const snap = await snapshot(db, objects);
    const db2 = await openWasmDb();
    try {
      await restore(db2, snap);
      const digest = async (d: Db, t: string) => ({
        columns: await d.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '${t}' ORDER BY column_index`),
        sums: await d.query(`SELECT count(*) AS n, sum(hash(COLUMNS(*))) FROM "${t}"`),
      });
      for (const t of [...objects.tables, ...objects.views]) expect(await digest(db2, t), t).toEqual(await digest(db, t));
    } finally {
      await db2.close();
    }
  }, 120_000);

  it("copies every table and view in chunks of rows exactly, in order, also over rows deleted in between (copyTables, the OPFS copy's writer)", async () => {
    const objects = await listObjects(db);
    const db2 = await openWasmDb();
    try {
      // Chunks of 7,000 rows: every table of more rows is copied in several.
      const { bytes } = await copyTables(db, db2, objects, 7_000);
      expect(bytes).toBeGreaterThan(0);
      const digest = async (d: Db, t: string) => ({
        columns: await d.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '${t}' ORDER BY column_index`),
        sums: await d.query(`SELECT count(*) AS n, sum(hash(COLUMNS(*))) FROM "${t}"`),
      });
      // The order of a table's rows: each row's hash weighted by its position.
      const order = (d: Db, t: string) => d.query(`SELECT sum(hash(COLUMNS(*)) % 1000003 * rowid) FROM "${t}"`);
      for (const t of objects.tables) {
        expect(await digest(db2, t), t).toEqual(await digest(db, t));
        expect(await order(db2, t), t).toEqual(await order(db, t));
      }
      for (const v of objects.views) expect(await digest(db2, v), v).toEqual(await digest(db, v));
      expect((await db2.query(`SELECT count(*) AS n FROM leads`))[0].n).toBeGreaterThan(7_000);

      // Rows deleted in between (gaps in rowid, one of them wider than a chunk), and an empty table.
      await db2.exec("CREATE TABLE gaps AS SELECT range AS i, 'v' || range AS s FROM range(10000); DELETE FROM gaps WHERE i >= 2000 AND i < 5500 OR i % 7 = 0; CREATE TABLE nothing (x INTEGER)");
      const db3 = await openWasmDb();
      try {
        await copyTables(db2, db3, { tables: ["gaps", "nothing"] }, 1_000);
        expect(await db3.query("SELECT count(*) AS n, sum(i) AS s FROM gaps")).toEqual(await db2.query("SELECT count(*) AS n, sum(i) AS s FROM gaps"));
        expect((await db3.query("SELECT list(i) AS l FROM gaps"))[0].l).toEqual((await db2.query("SELECT list(i ORDER BY rowid) AS l FROM gaps"))[0].l);
        expect(await db3.query("SELECT count(*) AS n FROM nothing")).toEqual([{ n: 0 }]);
      } finally {
        await db3.close();
      }
    } finally {
      await db2.close();
    }
  }, 180_000);
});
