/**
 * The scoring benchmark generates its data in two forms (bench/synthetic.ts):
 * as a dataset load leaves it before keying, and already keyed. The second
 * must be exactly what keyTables (lib/canonical.ts) makes of the first, or
 * the benchmark's scoring phase would time other data than its load phase.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyTables } from "../../lib/canonical.js";
import type { Db } from "../../lib/db/types.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import { syntheticSql } from "../../bench/synthetic.js";

const LEADS = 2_000, ACTIVITIES = 30_000;

describe(`bench/synthetic.ts: keyed generation = keyTables(text generation) (${LEADS} leads, ${ACTIVITIES} activities)`, () => {
  let text: Db, keyed: Db;
  beforeAll(async () => {
    [text, keyed] = await Promise.all([openWasmDb(), openWasmDb()]);
    for (const s of syntheticSql(LEADS, ACTIVITIES)) await text.exec(s);
    for (const s of syntheticSql(LEADS, ACTIVITIES, true)) await keyed.exec(s);
    const r = await keyTables(text);
    expect(r).toMatchObject({ changed: true, unkeyed: 0 });
    expect((await keyTables(keyed)).changed).toBe(false);
  });
  afterAll(async () => {
    await text?.close();
    await keyed?.close();
  });

  const same = async (sql: string) => {
    const [a, b] = await Promise.all([text.query(sql), keyed.query(sql)]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    return a;
  };

  it("has the same leads, lead keys included", async () => {
    const rows = await same("SELECT * FROM leads ORDER BY lead_key");
    expect(rows.length).toBe(LEADS);
    expect(rows[0].lead_key).toBe(0);
  });
  it("has the same activity codes and events", async () => {
    expect((await same("SELECT * FROM activity_types ORDER BY type_code")).length).toBe(8);
    expect((await same("SELECT * FROM activity_events ORDER BY lead_key, type_code, occurred_at")).length).toBe(ACTIVITIES);
    await same("SELECT * FROM activities ORDER BY lead_id, activity_type, occurred_at");
  });
  it("generates the keyed events in lead_key order, with leads of 0 to 2A/N + 1 activities", async () => {
    const [{ back }] = await keyed.query("SELECT count(*) FILTER (WHERE lead_key < prev) AS back FROM (SELECT lead_key, lag(lead_key) OVER () AS prev FROM activity_events)");
    expect(back).toBe(0);
    const [{ lo, hi, leads }] = await keyed.query(
      "SELECT min(n) AS lo, max(n) AS hi, count(*) AS leads FROM (SELECT l.lead_key, count(e.lead_key) AS n FROM leads l LEFT JOIN activity_events e USING (lead_key) GROUP BY l.lead_key)",
    );
    expect(leads).toBe(LEADS);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(ACTIVITIES / LEADS + 5);
    expect(hi).toBeLessThanOrEqual((2 * ACTIVITIES) / LEADS + 1);
  });
  it("has the same deals and the same column types", async () => {
    await same("SELECT * FROM deals ORDER BY deal_id");
    await same("SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY table_name, ordinal_position");
  });
});
