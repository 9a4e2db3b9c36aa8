/**
 * lib/db/live-state.ts: what a long-lived database (the shared DuckDB-WASM
 * kept between pages) records about what it holds, and lib/db/snapshot.ts
 * dropObjects, used when that content is replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearLiveState, readLiveState, STATE_TABLE, writeLiveState } from "../../lib/db/live-state.js";
import { openNativeDb } from "../../lib/db/native.js";
import { dropObjects, listObjects } from "../../lib/db/snapshot.js";
import type { Db } from "../../lib/db/types.js";

describe("live state of a database kept between pages", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openNativeDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it("is empty for a new database", async () => {
    expect(await readLiveState(db)).toEqual({});
  });

  it("records each kind's key, meta and tables, and replaces one kind without touching the other", async () => {
    const report = { usable: true, note: "it's \"quoted\" — and ünïcode", rows: [1, 2, 3] };
    await writeLiveState(db, "data", { key: "k-data-1", meta: { report }, tables: ["leads", "deals"] });
    await writeLiveState(db, "scores", { key: "k-scores-1", meta: { versions: 2 }, tables: ["scores_a_v1"] });
    await writeLiveState(db, "scores", { key: "k-scores-2", meta: { versions: 3 }, tables: ["scores_a_v1", "scores_a_v2"] });
    const state = await readLiveState(db);
    expect(state.data).toEqual({ key: "k-data-1", meta: { report }, tables: ["leads", "deals"] });
    expect(state.scores).toEqual({ key: "k-scores-2", meta: { versions: 3 }, tables: ["scores_a_v1", "scores_a_v2"] });
  });

  it("forgets one kind", async () => {
    await clearLiveState(db, "scores");
    const state = await readLiveState(db);
    expect(state.scores).toBeUndefined();
    expect(state.data?.key).toBe("k-data-1");
  });

  it("is not listed among the tables a snapshot copies, and dropObjects removes views before tables", async () => {
    await db.exec("CREATE TABLE t1 AS SELECT 1 AS x; CREATE TABLE t2 AS SELECT 2 AS y; CREATE VIEW v1 AS SELECT * FROM t1");
    const before = await listObjects(db);
    expect(before.tables).toEqual(["t1", "t2"]);
    expect(before.tables).not.toContain(STATE_TABLE);
    expect(before.views).toEqual(["v1"]);
    await dropObjects(db, { tables: ["t1", "no_such_table"], views: ["v1"] });
    expect(await listObjects(db)).toEqual({ tables: ["t2"], views: [] });
    expect((await readLiveState(db)).data?.key).toBe("k-data-1");
  });
});
