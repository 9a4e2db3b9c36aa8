/**
 * lib/db/live-state.ts: what a long-lived database (the shared DuckDB-WASM
 * kept between pages) records about what it holds, and lib/db/snapshot.ts
 * dropObjects, used when that content is replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentDatabaseQuery } from "../../lib/db/catalog.js";
import { clearLiveState, LEGACY_STATE_TABLE, readLiveState, readLiveStateIn, STATE_TABLE, writeLiveState } from "../../lib/db/live-state.js";
import { openNativeDb } from "../../lib/db/native.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import { dropObjects, listObjects } from "../../lib/db/snapshot.js";
import type { Db } from "../../lib/db/types.js";
import { attach, detach, render, use } from "../../lib/sql/index.js";

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

  it("takes two writers of one kind at once (two pages of the shared engine): the last write wins, none fails", async () => {
    // DuckDB-WASM runs one statement at a time, in the order they arrive: the two writers' statements interleave.
    const wasm = await openWasmDb();
    try {
      const writes = Array.from({ length: 4 }, (_, k) => writeLiveState(wasm, "scores", { key: `k-${k}`, meta: { k }, tables: [`t${k}`] }));
      await expect(Promise.all(writes)).resolves.toBeDefined();
      expect((await readLiveState(wasm)).scores).toEqual({ key: "k-3", meta: { k: 3 }, tables: ["t3"] });
    } finally {
      await wasm.close();
    }
  });

  it("reads a database holding only the first state table (a primary key on the kind) as empty, and never copies that table", async () => {
    const old = await openWasmDb();
    try {
      await old.exec(`CREATE TABLE "${LEGACY_STATE_TABLE}" (kind VARCHAR PRIMARY KEY, key VARCHAR, meta VARCHAR, tables VARCHAR); INSERT INTO "${LEGACY_STATE_TABLE}" VALUES ('data', 'k', '{}', '[]'); CREATE TABLE leads AS SELECT 1 AS x`);
      expect(await readLiveState(old)).toEqual({});
      expect((await listObjects(old)).tables).toEqual(["leads"]);
      await writeLiveState(old, "data", { key: "k2", meta: {}, tables: ["leads"] });
      expect((await readLiveState(old)).data?.key).toBe("k2");
    } finally {
      await old.close();
    }
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

describe("live state recorded in another, attached database (the OPFS copy, src/components/opfs-copy.ts)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openNativeDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it("reads the attached database's record, not the current one's; empty when it has none", async () => {
    const home = (await db.query<{ name: string }>(render(currentDatabaseQuery())))[0].name;
    await db.exec(render(attach(":memory:", "kept")));
    expect(await readLiveStateIn(db, "kept")).toEqual({});
    await db.exec(render(use("kept")));
    await writeLiveState(db, "data", { key: "k-kept", meta: { views: ["v"] }, tables: ["leads"] });
    await db.exec(render(use(home)));
    await writeLiveState(db, "data", { key: "k-home", meta: {}, tables: [] });
    expect((await readLiveStateIn(db, "kept")).data).toEqual({ key: "k-kept", meta: { views: ["v"] }, tables: ["leads"] });
    expect((await readLiveStateIn(db, home)).data?.key).toBe("k-home");
    await db.exec(render(detach("kept")));
  });
});
