/**
 * Reads a FromDataInput from the database: the labelled leads (won or lost;
 * open leads are left out) in lead_key order with every readable leads
 * column (VARCHAR, BOOLEAN, numbers) but the mapping's own (lead_id,
 * created_at, label), and the ages of their activities at or before the
 * scoring date. Needs keyed tables with scoring_dates (a recompute, even of
 * no model: `recompute(db, [])`) and lead_outcomes (lib/dataset).
 */
import type { Db } from "../db/types.js";
import { columnKind, readDataShape } from "../scoring/check-data.js";
import { DEFAULT_WINDOW_DAYS } from "../scoring/scoring-dates.js";
import { as, call, cast, cmp, col, eq, inList, join, lit, render, select, sub, table, type Expr } from "../sql/index.js";
import { LEAD_KEY, TABLES } from "../tables.js";
import { NOT_CANDIDATES } from "./candidates.js";
import type { ActivityInput, FromDataInput, InputColumn } from "./from-data-input.js";

const DAY = 86_400_000;

export async function readFromDataInput(db: Db, options: { windowDays?: number; exclude?: readonly string[]; dataset?: string } = {}): Promise<FromDataInput> {
  const shape = await readDataShape(db);
  const skip = new Set([...NOT_CANDIDATES, LEAD_KEY, ...(options.exclude ?? [])]);
  const cols = [...shape.leadColumns].map(([name, type]) => ({ name, kind: columnKind(type) })).filter((c) => c.kind !== null && !skip.has(c.name));
  const epoch = (e: Expr) => cast(call("epoch_ms", e), "DOUBLE");
  const sql = render(select({
    columns: [
      as(col(LEAD_KEY, "l"), "k"), as(col("lead_id", "l"), "id"), as(epoch(col("created_at", "l")), "created_ms"), as(col("outcome", "o"), "outcome"),
      ...cols.map((c, j) => as(col(c.name, "l"), `c${j}`)),
    ],
    from: table(TABLES.leads, "l"),
    joins: [
      join(table("lead_outcomes", "o"), eq(col("lead_id", "o"), col("lead_id", "l"))),
      join(table("scoring_dates", "d"), eq(col(LEAD_KEY, "d"), col(LEAD_KEY, "l"))),
    ],
    where: inList(col("outcome", "o"), [lit("won"), lit("lost")]),
    orderBy: [col(LEAD_KEY, "l")],
  }));
  const r = await db.queryColumns(sql);
  const n = r.numRows;
  const keys = r.columns.k as ArrayLike<unknown>;
  const rowOfKey = new Map<number, number>();
  for (let i = 0; i < n; i++) rowOfKey.set(Number(keys[i]), i);
  const ids = r.columns.id as ArrayLike<unknown>;
  const created = r.columns.created_ms as ArrayLike<unknown>;
  const outcome = r.columns.outcome as ArrayLike<unknown>;
  const columns: InputColumn[] = cols.map((c, j) => {
    const v = r.columns[`c${j}`] as ArrayLike<unknown>;
    if (c.kind === "number") return { name: c.name, kind: "number", values: Float64Array.from({ length: n }, (_, i) => (v[i] === null || v[i] === undefined ? NaN : Number(v[i]))) };
    return { name: c.name, kind: c.kind as "string" | "boolean", values: Array.from({ length: n }, (_, i) => (v[i] === null || v[i] === undefined ? null : c.kind === "boolean" ? Boolean(v[i]) : String(v[i]))) };
  });
  const activities: ActivityInput[] = [];
  if (shape.tables.has(TABLES.activities)) {
    const a = await db.queryColumns(render(select({
      columns: [
        as(col(LEAD_KEY, "d"), "k"), as(col("activity_type", "a"), "t"),
        as(cast(sub(call("epoch_ms", col("scoring_at", "d")), call("epoch_ms", col("occurred_at", "a"))), "DOUBLE"), "age_ms"),
      ],
      from: table(TABLES.activities, "a"),
      joins: [join(table("scoring_dates", "d"), eq(col("lead_id", "d"), col("lead_id", "a")))],
      where: cmp("<=", col("occurred_at", "a"), col("scoring_at", "d")),
    })));
    const ak = a.columns.k as ArrayLike<unknown>;
    const at = a.columns.t as ArrayLike<unknown>;
    const age = a.columns.age_ms as ArrayLike<unknown>;
    const perType = new Map<string, { lead: number[]; age: number[] }>();
    for (let e = 0; e < a.numRows; e++) {
      const row = rowOfKey.get(Number(ak[e]));
      if (row === undefined) continue;
      const t = String(at[e]);
      if (skip.has(t)) continue;
      if (!perType.has(t)) perType.set(t, { lead: [], age: [] });
      const p = perType.get(t)!;
      p.lead.push(row);
      p.age.push(Number(age[e]) / DAY);
    }
    for (const [type, p] of [...perType].sort((x, y) => x[0].localeCompare(y[0]))) {
      const offsets = new Int32Array(n + 1);
      for (const row of p.lead) offsets[row + 1]++;
      for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
      const fill = offsets.slice(0, n);
      const ages = new Float32Array(p.age.length);
      p.lead.forEach((row, e) => (ages[fill[row]++] = p.age[e]));
      activities.push({ type, offsets, ages });
    }
  }
  return {
    n,
    leadIds: Array.from({ length: n }, (_, i) => String(ids[i])),
    labels: Uint8Array.from({ length: n }, (_, i) => (outcome[i] === "won" ? 1 : 0)),
    createdMs: Float64Array.from({ length: n }, (_, i) => Number(created[i])),
    columns,
    activities,
    windowDays: options.windowDays ?? DEFAULT_WINDOW_DAYS,
    ...(options.dataset !== undefined && { dataset: options.dataset }),
  };
}
