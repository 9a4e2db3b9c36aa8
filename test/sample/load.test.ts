import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { generateSample, loadSample, sampleTableSql, toCsv, type SampleData } from "../../lib/sample/index.js";
import { outcomes } from "./helpers.js";

/** METHODS §1 in SQL, with the snapshot instant as the reference for the 90-day maturity window. */
const OUTCOME_SQL = (asOf: string) => `
  WITH d AS (
    SELECT lead_id, count(*) AS n,
           count(*) FILTER (WHERE status = 'won') AS won,
           count(*) FILTER (WHERE status = 'lost') AS lost
    FROM deals GROUP BY lead_id)
  SELECT l.lead_id,
    CASE WHEN d.won > 0 THEN 'won'
         WHEN d.n > 0 AND d.lost = d.n THEN 'lost'
         WHEN d.n IS NULL AND l.created_at < TIMESTAMP '${asOf}' - INTERVAL 90 DAY THEN 'lost'
         ELSE 'open' END AS outcome
  FROM leads l LEFT JOIN d USING (lead_id)`;

describe("loadSample into DuckDB-WASM", () => {
  let db: Db;
  let data: SampleData;
  beforeAll(async () => {
    data = generateSample();
    db = await openWasmDb();
    await loadSample(db, toCsv(data));
  });
  afterAll(async () => {
    await db?.close();
  });

  it("creates the three tables with the explicit column types", async () => {
    const types = await db.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_name IN ('leads', 'activities', 'deals', 'activity_events', 'activity_types') ORDER BY table_name, ordinal_position`,
    );
    const by = (t: string) => types.filter((r) => r.table_name === t).map((r) => `${r.column_name} ${r.data_type}`);
    // keyed (lib/canonical.ts): lead_key last; activities a view over activity_events + activity_types
    expect(by("leads")).toEqual([
      "lead_id VARCHAR", "created_at TIMESTAMP", "industry VARCHAR", "company_size DOUBLE", "job_level VARCHAR",
      "country VARCHAR", "lead_source VARCHAR", "email_domain_type VARCHAR", "budget_confirmed VARCHAR",
      "timeline VARCHAR", "use_case VARCHAR", "lead_key INTEGER",
    ]);
    expect(by("activities")).toEqual(["lead_id VARCHAR", "activity_type VARCHAR", "occurred_at TIMESTAMP"]);
    expect(by("activity_events")).toEqual(["lead_key INTEGER", "type_code UTINYINT", "occurred_at TIMESTAMP"]);
    expect(by("activity_types")).toEqual(["type_code UTINYINT", "activity_type VARCHAR"]);
    expect(by("deals")).toEqual([
      "deal_id VARCHAR", "lead_id VARCHAR", "status VARCHAR", "amount DOUBLE", "created_at TIMESTAMP", "closed_at TIMESTAMP",
    ]);
  });

  it("loads every row, empty cells as NULL, values unchanged", async () => {
    const [r] = await db.query(`SELECT
      (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM activities) AS activities,
      (SELECT count(*) FROM deals) AS deals, (SELECT count(*) FROM leads WHERE job_level IS NULL) AS no_level,
      (SELECT count(*) FROM leads WHERE company_size IS NULL) AS no_size,
      (SELECT count(*) FROM deals WHERE closed_at IS NULL) AS no_close, (SELECT sum(amount) FROM deals) AS amount,
      (SELECT max(occurred_at) FROM activities) AS last_activity,
      (SELECT count(*) FROM activities a ANTI JOIN leads l USING (lead_id)) AS orphans`);
    expect(r).toMatchObject({
      leads: data.leads.length,
      activities: data.activities.length,
      deals: data.deals.length,
      no_level: data.leads.filter((l) => l.job_level === null).length,
      no_size: data.leads.filter((l) => l.company_size === null).length,
      no_close: data.deals.filter((d) => d.status === "open").length,
      amount: data.deals.reduce((s, d) => s + d.amount, 0),
      orphans: 0,
    });
    expect(String(r.last_activity) < data.meta.asOf).toBe(true);
    const [first] = await db.query(`SELECT * FROM leads WHERE lead_id = 'L000001'`);
    expect(first.created_at).toBe(toCsv({ ...data, leads: [data.leads[0]] })["leads.csv"].split("\n")[1].split(",")[1]);
  });

  it("gives won/lost/open shares in the documented ranges (METHODS §1 in SQL)", async () => {
    const rows = await db.query<{ outcome: string; n: number }>(
      `SELECT outcome, count(*) AS n FROM (${OUTCOME_SQL(data.meta.asOf)}) GROUP BY outcome`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.outcome, r.n])) as Record<"won" | "lost" | "open", number>;
    const wonRate = n.won / (n.won + n.lost);
    const openShare = n.open / data.leads.length;
    expect(wonRate).toBeGreaterThan(0.08);
    expect(wonRate).toBeLessThan(0.15);
    expect(openShare).toBeGreaterThan(0.08);
    expect(openShare).toBeLessThan(0.25);
  });

  it("agrees lead by lead with the TypeScript outcome rule used by the model tests", async () => {
    const sql = await db.query<{ lead_id: string; outcome: string }>(OUTCOME_SQL(data.meta.asOf));
    const ts = outcomes(data);
    expect(sql).toHaveLength(ts.size);
    expect(sql.filter((r) => ts.get(r.lead_id) !== r.outcome)).toEqual([]);
  });

  it("names the file when a text is missing", async () => {
    const csv = toCsv(generateSample({ leads: 5 }));
    await expect(loadSample(db, { ...csv, "deals.csv": undefined as unknown as string })).rejects.toThrow(
      /loadSample: "deals.csv" must be a CSV string; received undefined/,
    );
  });

  it("builds read_csv with explicit columns and no sniffing", () => {
    expect(sampleTableSql("activities")).toBe(
      `CREATE OR REPLACE TABLE "activities" AS SELECT * FROM read_csv('sample/activities.csv', header = true, ` +
        `auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', ` +
        `columns = {'lead_id': 'VARCHAR', 'activity_type': 'VARCHAR', 'occurred_at': 'TIMESTAMP'})`,
    );
  });
});
