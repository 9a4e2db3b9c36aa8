/** lib/db/catalog.ts: the catalog queries list what the main schema holds. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mainObjectsQuery, mainTablesQuery, mainViewsQuery, tableColumnsQuery, tableExistsQuery, viewSqlQuery } from "../../lib/db/catalog.js";
import { openNativeDb } from "../../lib/db/native.js";
import type { Db } from "../../lib/db/types.js";
import { render } from "../../lib/sql/index.js";

describe("catalog queries", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openNativeDb();
    await db.exec(
      `CREATE TABLE "b t" (x INTEGER, "y'z" VARCHAR); CREATE TABLE a (d DECIMAL(18,3)); CREATE TEMP TABLE tmp (x INTEGER); ` +
        `CREATE VIEW v2 AS SELECT 1 AS one; CREATE VIEW v1 AS SELECT x FROM "b t"`,
    );
  });
  afterAll(async () => db?.close());

  it("lists persistent tables by name and user views in creation order", async () => {
    expect((await db.query(render(mainTablesQuery()))).map((r) => r.name)).toEqual(["a", "b t"]);
    expect((await db.query(render(mainViewsQuery()))).map((r) => r.name)).toEqual(["v2", "v1"]);
    const objects = (await db.query(render(mainObjectsQuery()))).map((r) => `${r.kind}:${r.name}`).sort();
    expect(objects).toEqual(["table:a", "table:b t", "view:v1", "view:v2"]);
  });

  it("reads a table's columns, a view's SQL and whether a table exists", async () => {
    expect(await db.query(render(tableColumnsQuery("b t")))).toEqual([{ name: "x", type: "INTEGER" }, { name: "y'z", type: "VARCHAR" }]);
    expect(await db.query(render(tableColumnsQuery("a")))).toEqual([{ name: "d", type: "DECIMAL(18,3)" }]);
    expect(String((await db.query(render(viewSqlQuery("v1"))))[0].sql)).toMatch(/^CREATE VIEW v1 AS SELECT x FROM "b t"/);
    expect(await db.query(render(viewSqlQuery("nope")))).toEqual([]);
    expect(await db.query(render(tableExistsQuery("a")))).toEqual([{ n: 1 }]);
    expect(await db.query(render(tableExistsQuery("nope")))).toEqual([{ n: 0 }]);
  });
});
