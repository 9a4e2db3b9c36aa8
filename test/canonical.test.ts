/**
 * keyTables / dropCanonical (lib/canonical.ts): lead keys in lead_id order,
 * activities moved into activity_events + activity_types behind a view with
 * the original columns, rows that cannot be keyed counted, idempotence, and
 * the two states it refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeType, dropCanonical, keyTables, readActivityCodes } from "../lib/canonical.js";
import type { Db } from "../lib/db/types.js";
import { openWasmDb } from "../lib/db/node-wasm.js";
import { createTable } from "./scoring/fixture.js";

async function load(db: Db) {
  await dropCanonical(db);
  await createTable(db, "leads", [["lead_id", "VARCHAR"], ["created_at", "TIMESTAMP"], ["size", "DOUBLE"]], [
    ["L3", "2024-01-03 00:00:00", 30],
    ["L1", "2024-01-01 00:00:00", 10],
    ["L2", "2024-01-02 00:00:00", null],
  ]);
  await createTable(db, "activities", [["lead_id", "VARCHAR"], ["activity_type", "VARCHAR"], ["occurred_at", "TIMESTAMP"]], [
    ["L2", "web_visit", "2024-01-05 00:00:00"],
    ["L1", "email_open", "2024-01-02 00:00:00"],
    ["L3", "email_open", "2024-01-04 00:00:00"],
    ["L1", "web_visit", "2024-01-03 00:00:00"],
    ["L9", "web_visit", "2024-01-03 00:00:00"], // no such lead
    ["L1", null, "2024-01-03 00:00:00"], // no type
    ["L2", "email_open", null], // no timestamp
  ]);
}

describe("keyTables (DuckDB-WASM)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
    await load(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("keys leads in row order and moves the activities behind a view, counting what it cannot key", async () => {
    const r = await keyTables(db);
    expect(r).toMatchObject({ changed: true, unkeyed: 3 });
    expect(await db.query("SELECT lead_key, lead_id, size FROM leads ORDER BY lead_key")).toEqual([
      { lead_key: 0, lead_id: "L3", size: 30 },
      { lead_key: 1, lead_id: "L1", size: 10 },
      { lead_key: 2, lead_id: "L2", size: null },
    ]);
    expect((await db.query("DESCRIBE leads")).map((r) => r.column_name)).toEqual(["lead_id", "created_at", "size", "lead_key"]);
    expect(await db.query("SELECT type_code, activity_type FROM activity_types ORDER BY type_code")).toEqual([
      { type_code: 0, activity_type: "email_open" },
      { type_code: 1, activity_type: "web_visit" },
    ]);
    expect(await db.query("SELECT lead_key, type_code, occurred_at FROM activity_events ORDER BY lead_key, type_code")).toEqual([
      { lead_key: 0, type_code: 0, occurred_at: "2024-01-04 00:00:00" },
      { lead_key: 1, type_code: 0, occurred_at: "2024-01-02 00:00:00" },
      { lead_key: 1, type_code: 1, occurred_at: "2024-01-03 00:00:00" },
      { lead_key: 2, type_code: 1, occurred_at: "2024-01-05 00:00:00" },
    ]);
    expect(await db.query("SELECT * FROM activities ORDER BY lead_id, occurred_at")).toEqual([
      { lead_id: "L1", activity_type: "email_open", occurred_at: "2024-01-02 00:00:00" },
      { lead_id: "L1", activity_type: "web_visit", occurred_at: "2024-01-03 00:00:00" },
      { lead_id: "L2", activity_type: "web_visit", occurred_at: "2024-01-05 00:00:00" },
      { lead_id: "L3", activity_type: "email_open", occurred_at: "2024-01-04 00:00:00" },
    ]);
    expect([...(await readActivityCodes(db))]).toEqual([["email_open", 0], ["web_visit", 1]]);
  });

  it("does nothing the second time", async () => {
    expect(await keyTables(db)).toMatchObject({ changed: false, unkeyed: 0 });
  });

  it("refuses leads replaced after their activities were keyed", async () => {
    await createTable(db, "leads", [["lead_id", "VARCHAR"], ["created_at", "TIMESTAMP"]], [["L1", "2024-01-01 00:00:00"]]);
    await expect(keyTables(db)).rejects.toThrow(/leads was replaced after its activities were keyed/);
  });

  it("refuses a data column named lead_key that is not an INTEGER key", async () => {
    await dropCanonical(db);
    await createTable(db, "leads", [["lead_id", "VARCHAR"], ["lead_key", "VARCHAR"]], [["L1", "x"]]);
    await expect(keyTables(db)).rejects.toThrow(/column "lead_key" that is not its key/);
  });

  it("dropCanonical leaves nothing behind, so the data can be loaded again", async () => {
    await load(db);
    await keyTables(db);
    await dropCanonical(db);
    const left = await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
    expect(left).toEqual([]);
    await load(db);
    expect((await keyTables(db)).changed).toBe(true);
  });
});

describe("codeType", () => {
  it("is the narrowest unsigned type for n codes", () => {
    expect([1, 256, 257, 65_536, 65_537].map(codeType)).toEqual(["UTINYINT", "UTINYINT", "USMALLINT", "USMALLINT", "UINTEGER"]);
  });
});
