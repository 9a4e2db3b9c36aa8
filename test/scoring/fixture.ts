/**
 * A tiny hand-made dataset with hostile column names, values and activity
 * types, and a model over it whose scores are worked out by hand in
 * scoring.test.ts.
 */
import { dropCanonical } from "../../lib/canonical.js";
import type { Db, Value } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import { quoteIdent, quoteString, renderNumber } from "../../lib/sql/quote.js";

export const EVIL = 'x"; DROP TABLE leads; --';
export const EVIL_ACTIVITY = "'; DROP TABLE activities; --";
export const EVIL_VALUE = "'); DELETE FROM leads; --";

const sqlValue = (v: Value) => (v === null ? "NULL" : typeof v === "number" ? renderNumber(v) : typeof v === "boolean" ? String(v).toUpperCase() : quoteString(v));

/** CREATE OR REPLACE TABLE name (typed columns) and INSERT the rows. Types come from the test, never from data. */
export async function createTable(db: Db, name: string, columns: [string, "VARCHAR" | "DOUBLE" | "BOOLEAN" | "TIMESTAMP"][], rows: Value[][]) {
  await db.exec(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columns.map(([c, t]) => `${quoteIdent(c)} ${t}`).join(", ")})`);
  if (rows.length) await db.exec(`INSERT INTO ${quoteIdent(name)} VALUES ${rows.map((r) => `(${r.map(sqlValue).join(", ")})`).join(", ")}`);
}

export async function loadFixture(db: Db) {
  await dropCanonical(db);
  await createTable(db, "leads", [["lead_id", "VARCHAR"], ["created_at", "TIMESTAMP"], [EVIL, "VARCHAR"], ["select", "DOUBLE"], ["Ünïcødé", "BOOLEAN"], ["it's", "VARCHAR"]], [
    ["L1", "2024-01-01 00:00:00", "'", 10, true, EVIL],
    ["L2", "2024-01-01 00:00:00", null, 50, false, EVIL_VALUE],
    ["L3", "2024-01-10 00:00:00", "select", null, null, null],
  ]);
  await createTable(db, "activities", [["lead_id", "VARCHAR"], ["activity_type", "VARCHAR"], ["occurred_at", "TIMESTAMP"]], [
    ["L1", "email_open", "2024-01-24 00:00:00"], // age 7 days at 2024-01-31
    ["L1", "email_open", "2024-01-30 00:00:00"], // age 1 day
    ["L1", "email_open", "2024-02-05 00:00:00"], // after scoring_at: must be ignored
    ["L1", EVIL_ACTIVITY, "2024-01-30 12:00:00"],
    ["L2", "email_open", "2023-12-31 00:00:00"], // age 15 days at 2024-01-15
  ]);
  await createTable(db, "deals", [["deal_id", "VARCHAR"], ["lead_id", "VARCHAR"], ["status", "VARCHAR"], ["amount", "DOUBLE"], ["created_at", "TIMESTAMP"], ["closed_at", "TIMESTAMP"]], [
    ["D1", "L2", "won", 1000, "2024-01-05 00:00:00", "2024-01-15 00:00:00"],
    ["D2", "L3", "open", 500, "2024-01-12 00:00:00", null],
  ]);
}

export const fixtureModel = () =>
  parseModel(
    {
      id: "evil",
      version: 1,
      parent: null,
      status: "draft",
      effectiveFrom: "2024-01-01",
      author: "test",
      changeNote: "hostile names",
      dataset: { columns: { [EVIL]: "string", select: "number", Ünïcødé: "boolean", "it's": "string" }, activityTypes: ["email_open", EVIL_ACTIVITY] },
      criteria: [
        { id: EVIL, label: "evil equals", category: "fit", group: "g", rule: { type: "equals", column: EVIL, value: "'" }, points: 5 },
        { id: "select", label: "bands", category: "fit", rule: { type: "bands", column: "select", bands: [{ lo: null, hi: 20, points: 1 }, { lo: 20, hi: null, points: 3 }], missing: { points: -2 } } },
        { id: "Ünïcødé", label: "flag", category: "fit", rule: { type: "flag", column: "Ünïcødé" }, points: 7 },
        { id: "a'b", label: "in", category: "fit", group: "g", rule: { type: "in", column: "it's", values: [EVIL, EVIL_VALUE] }, points: 4 },
        { id: "opens", label: "decayed opens", category: "behaviour", rule: { type: "activityPoints", activity: "email_open", withinDays: 30, decay: { halfLifeDays: 7 } }, points: 10 },
        { id: "hostile_type", label: "has evil activity", category: "behaviour", rule: { type: "hasActivity", activity: EVIL_ACTIVITY }, points: 3 },
        { id: "recency", label: "recency", category: "behaviour", rule: { type: "recency", activity: "email_open", bands: [{ lo: 0, hi: 3, points: 6 }, { lo: 3, hi: null, points: 2 }], never: { points: -1 } } },
        { id: "count2", label: "2+ opens", category: "behaviour", rule: { type: "activityCount", activity: "email_open", withinDays: 30, min: 2 }, points: 8 },
      ],
      caps: { category: { behaviour: 30 }, group: { g: 6 } },
      thresholds: { nurture: 10, salesReady: 40 },
    },
    "fixture",
  );
