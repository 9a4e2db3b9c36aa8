/**
 * The workbench's lead detail, tier migration and segment queries (built with
 * lib/sql) give the same rows as independent hand-written reference SQL on a
 * small sample (3,000 leads).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/types.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { scoresTableName } from "../../lib/scoring/names.js";
import { createdRange } from "../../lib/workbench/created-range.js";
import { highestScoringLost, leadDetail } from "../../lib/workbench/lead-detail.js";
import { migrationMatrix } from "../../lib/workbench/migration.js";
import { segmentColumns } from "../../lib/workbench/segments.js";
import { openSampleDb, readModel } from "../suggest/helpers.js";

const v1 = readModel("data/models/starting-v1.json");
const v2 = readModel("data/models/starting-v2.json");

describe("workbench queries on the sample", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openSampleDb({ leads: 3000 });
    await recompute(db, [v1, v2]);
  }, 240_000);
  afterAll(async () => db?.close());

  it("leadDetail: the lead, its scoring date, outcome and activities up to that date", async () => {
    const [{ lead_id: id }] = await db.query<{ lead_id: string }>(
      "SELECT l.lead_id FROM leads l JOIN activities a USING (lead_id) GROUP BY l.lead_id ORDER BY count(*) DESC, l.lead_id LIMIT 1",
    );
    const d = (await leadDetail(db, v2, id))!;
    expect(d).not.toBeNull();
    const [lead] = await db.query(`SELECT * FROM leads WHERE lead_id = '${id}'`);
    expect(d.lead).toEqual(lead);
    const [{ s }] = await db.query<{ s: string }>(`SELECT strftime(scoring_at, '%Y-%m-%d %H:%M:%S') AS s FROM scoring_dates WHERE lead_id = '${id}'`);
    expect(d.scoringAt).toBe(s);
    const [{ outcome }] = await db.query<{ outcome: string }>(`SELECT outcome FROM lead_outcomes WHERE lead_id = '${id}'`);
    expect(d.outcome).toBe(outcome);
    const acts = await db.query<{ activity_type: string; occurred_at: string }>(
      `SELECT activity_type, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at FROM activities WHERE lead_id = '${id}' ORDER BY occurred_at`,
    );
    expect(acts.length).toBeGreaterThan(0);
    expect(d.activities).toEqual(acts.filter((a) => a.occurred_at <= s));
    expect(d.later).toBe(acts.length - d.activities.length);
    expect(await leadDetail(db, v2, "no such lead")).toBeNull();
    expect(await leadDetail(db, v2, "it's")).toBeNull();
  });

  it("migrationMatrix: the 3 × 3 tier cells match a reference count", async () => {
    const cells = await migrationMatrix(db, v1, v2);
    expect(cells).toHaveLength(9);
    const ref = await db.query<{ f: string; t: string; n: number; won: number; lost: number }>(
      `SELECT a.tier AS f, b.tier AS t, count(*) AS n, sum(CASE WHEN o.outcome = 'won' THEN 1 ELSE 0 END) AS won, sum(CASE WHEN o.outcome = 'lost' THEN 1 ELSE 0 END) AS lost
       FROM "${scoresTableName(v1)}" a, "${scoresTableName(v2)}" b, leads l, lead_outcomes o
       WHERE a.lead_key = b.lead_key AND l.lead_key = a.lead_key AND o.lead_id = l.lead_id GROUP BY a.tier, b.tier`,
    );
    expect(ref.length).toBeGreaterThan(1);
    for (const c of cells) {
      const r = ref.find((x) => x.f === c.from && x.t === c.to);
      expect([c.leads, c.won, c.lost]).toEqual(r ? [Number(r.n), Number(r.won), Number(r.lost)] : [0, 0, 0]);
    }
    expect(cells.reduce((n, c) => n + c.leads, 0)).toBe(3000);
  });

  it("segmentColumns: text columns with 2..maxValues values, counts as a reference GROUP BY", async () => {
    const segs = await segmentColumns(db);
    expect(segs.length).toBeGreaterThan(0);
    for (const s of segs) {
      const ref = await db.query<{ v: string | null; n: number }>(`SELECT "${s.column}" AS v, count(*) AS n FROM leads GROUP BY 1 ORDER BY n DESC, v`);
      expect(s.values).toEqual(ref.filter((r) => r.v !== null).map((r) => ({ value: r.v, count: Number(r.n) })));
      expect(s.missing).toBe(Number(ref.find((r) => r.v === null)?.n ?? 0));
    }
    const few = await segmentColumns(db, 2);
    expect(few.every((s) => s.values.length === 2)).toBe(true);
  });

  it("createdRange: first and last creation day, and the day after", async () => {
    const [ref] = await db.query<{ a: string; b: string; c: string }>(
      "SELECT strftime(min(created_at), '%Y-%m-%d') AS a, strftime(max(created_at), '%Y-%m-%d') AS b, strftime(max(created_at) + INTERVAL 1 DAY, '%Y-%m-%d') AS c FROM leads",
    );
    expect(await createdRange(db)).toEqual({ first: ref.a, last: ref.b, end: ref.c });
    expect(ref.a < ref.b && ref.b < ref.c).toBe(true);
  });

  it("highestScoringLost: the lost lead with the highest score (ties by id)", async () => {
    const ref = await db.query<{ lead_id: string }>(
      `SELECT i.lead_id FROM "${scoresTableName(v2)}" s JOIN lead_features i USING (lead_key) JOIN lead_outcomes o ON o.lead_id = i.lead_id WHERE o.outcome = 'lost' ORDER BY s.score DESC, i.lead_id LIMIT 1`,
    );
    expect(ref).toHaveLength(1);
    expect(await highestScoringLost(db, v2)).toBe(ref[0].lead_id);
  });
});
