/**
 * The evidence beside each choice of the criteria builder: for a column's
 * levels or bands, an activity type's counts or recency, how many leads fall
 * in each row, how many were won and lost, the win rate with its Wilson
 * interval and the lift (win rate ÷ the overall win rate). Activity rows are
 * measured exactly as the scorer counts them: activities at or before the
 * lead's scoring date, age = (scoring_at − occurred_at) in fractional days.
 * Needs the loaded tables and scoring_dates (lib/scoring/recompute.ts).
 */
import { readActivityCodes } from "../canonical.js";
import type { Db } from "../db/types.js";
import { wilson } from "../metrics/wilson.js";
import {
  agg, and, arith, as, asc, caseWhen, call, cmp, col, count, desc, eq, isNull, join, leftJoin, lit, render, select, subquery, table,
  type Expr, type Select, type Source,
} from "../sql/index.js";
import { niceCut } from "./nice.js";

export interface EvidenceRow {
  /** What the row is, in words ("Software", "30 to under 45", "2–3", "never"). */
  label: string;
  leads: number;
  won: number;
  lost: number;
  /** won / (won + lost); null without decided leads. */
  winRate: number | null;
  ci: [number, number] | null;
  /** winRate / the overall win rate. */
  lift: number | null;
}

export interface Evidence<R> {
  rows: (R & EvidenceRow)[];
  overall: { won: number; lost: number; winRate: number | null };
  /** Rows with fewer decided leads than this are marked small. */
  small: number;
}

export const SMALL_ROW = 30;

interface Counts { key: string | number | boolean | null; leads: number; won: number; lost: number }

function withStats<R>(items: { row: R; label: string; c: Counts | undefined }[]): Evidence<R> {
  const won = items.reduce((s, x) => s + (x.c?.won ?? 0), 0);
  const lost = items.reduce((s, x) => s + (x.c?.lost ?? 0), 0);
  const overall = won + lost ? won / (won + lost) : null;
  return {
    overall: { won, lost, winRate: overall }, small: SMALL_ROW,
    rows: items.map(({ row, label, c }) => {
      const w = c?.won ?? 0, l = c?.lost ?? 0;
      const rate = w + l ? w / (w + l) : null;
      return { ...row, label, leads: c?.leads ?? 0, won: w, lost: l, winRate: rate, ci: w + l ? wilson(w, w + l) : null, lift: rate !== null && overall ? rate / overall : null };
    }),
  };
}

/** Leads, won and lost per value of `key` (returned as k), over `from` joined to each lead's outcome. */
function outcomeCounts(key: Expr, from: Source, alias: string, orderBy: Select["orderBy"] = []): Select {
  const outcomeIs = (v: string) => count(null, { filter: eq(col("outcome", "o"), lit(v)) });
  return select({
    columns: [as(key, "k"), as(count(), "leads"), as(outcomeIs("won"), "won"), as(outcomeIs("lost"), "lost")],
    from,
    joins: [leftJoin(table("lead_outcomes", "o"), eq(col("lead_id", "o"), col("lead_id", alias)))],
    groupBy: [lit(1)],
    orderBy,
  });
}

async function counts(db: Db, query: Select): Promise<Counts[]> {
  return (await db.query(render(query))).map((r) => ({ key: r.k as Counts["key"], leads: Number(r.leads), won: Number(r.won), lost: Number(r.lost) }));
}

/** The levels of a text or yes/no column: the most frequent ones (each ≥ 1 % of leads, at most `maxLevels`), the rest as "other", and missing. */
export async function levelEvidence(db: Db, column: string, options: { maxLevels?: number; minShare?: number } = {}) {
  const all = await counts(db, outcomeCounts(col(column, "l"), table("leads", "l"), "l", [desc(col("leads")), asc(col("k"))]));
  const total = all.reduce((s, c) => s + c.leads, 0);
  const present = all.filter((c) => c.key !== null);
  const named = present.filter((c, i) => i < (options.maxLevels ?? 15) && c.leads >= (options.minShare ?? 0.01) * total);
  const rest = present.filter((c) => !named.includes(c));
  const sum = (cs: Counts[]): Counts | undefined => (cs.length ? { key: null, leads: cs.reduce((s, c) => s + c.leads, 0), won: cs.reduce((s, c) => s + c.won, 0), lost: cs.reduce((s, c) => s + c.lost, 0) } : undefined);
  const missing = all.find((c) => c.key === null);
  type Level = { kind: "level"; value: string | number | boolean } | { kind: "other" } | { kind: "missing" };
  return withStats<Level>([
    ...named.map((c) => ({ row: { kind: "level" as const, value: c.key as string | number | boolean }, label: String(c.key), c })),
    ...(rest.length ? [{ row: { kind: "other" as const }, label: `any other value (${rest.length} level${rest.length > 1 ? "s" : ""})`, c: sum(rest) }] : []),
    ...(missing ? [{ row: { kind: "missing" as const }, label: "missing", c: missing }] : []),
  ]);
}

/** Readable cut points from quantile values: rounded, increasing, above the minimum. */
export function cutsFromQuantiles(quantiles: readonly number[], min: number): number[] {
  const cuts: number[] = [];
  for (const v of quantiles) {
    const c = niceCut(v);
    if (Number.isFinite(c) && c > min && (!cuts.length || c > cuts[cuts.length - 1])) cuts.push(c);
  }
  return cuts;
}

/** A number column in about `k` bands of equal share (cut on values, readable cut points), plus missing. */
export async function bandEvidence(db: Db, column: string, k = 5) {
  const c = col(column);
  const probs = Array.from({ length: k - 1 }, (_, i) => (i + 1) / k);
  const qs = (await db.query(render(select({
    columns: [as(call("min", c), "mn"), ...probs.map((p, i) => as(agg("quantile_disc", [c, lit(p)]), `q${i}`))],
    from: table("leads"),
  }))))[0];
  const min = qs.mn === null ? NaN : Number(qs.mn);
  const cuts = Number.isFinite(min) ? cutsFromQuantiles(probs.map((_, i) => Number(qs[`q${i}`])), min) : [];
  const edges: (number | null)[] = [null, ...cuts, null];
  const bands = edges.slice(0, -1).map((lo, i) => ({ lo, hi: edges[i + 1] }));
  const band = bands.length > 1
    ? caseWhen([{ when: isNull(c), then: lit(-1) }, ...bands.flatMap((b, i) => (b.hi === null ? [] : [{ when: cmp("<", c, lit(b.hi)), then: lit(i) }]))], lit(bands.length - 1))
    : caseWhen([{ when: isNull(c), then: lit(-1) }], lit(0));
  const got = new Map((await counts(db, outcomeCounts(band, table("leads", "l"), "l"))).map((x) => [Number(x.key), x]));
  const { bandText } = await import("./blocks.js");
  return withStats<{ kind: "band" | "missing"; lo: number | null; hi: number | null }>([
    ...bands.map((b, i) => ({ row: { kind: "band" as const, lo: b.lo, hi: b.hi }, label: bandText(b.lo, b.hi), c: got.get(i) })),
    ...(got.has(-1) ? [{ row: { kind: "missing" as const, lo: null, hi: null }, label: "missing", c: got.get(-1) }] : []),
  ]);
}

const DAY_MS = 86_400_000;

/** Per lead: the number of activities of `activity` with 0 ≤ age < withinDays, and the age in days of the last one (null: never). */
function perLead(code: number, withinDays: number): Source {
  const age = arith("-", call("epoch_ms", col("scoring_at", "d")), call("epoch_ms", col("occurred_at", "e")));
  return subquery(select({
    columns: [
      as(col("lead_id", "d")),
      as(count(col("occurred_at", "e"), { filter: cmp("<", age, lit(withinDays * DAY_MS)) }), "n"),
      as(arith("/", call("min", age), lit(DAY_MS)), "age"),
    ],
    from: table("scoring_dates", "d"),
    joins: [join(table("activity_events", "e"), and(
      eq(col("lead_key", "e"), col("lead_key", "d")), eq(col("type_code", "e"), lit(code)), cmp("<=", col("occurred_at", "e"), col("scoring_at", "d")),
    ), "left")],
    groupBy: [col("lead_id", "d")],
  }), "a");
}

async function typeCode(db: Db, activity: string): Promise<number> {
  const code = (await readActivityCodes(db)).get(activity);
  if (code === undefined) throw new Error(`there is no activity of type '${activity}' in the data.`);
  return code;
}

export const COUNT_ROWS = [{ min: 0, max: 0 }, { min: 1, max: 1 }, { min: 2, max: 3 }, { min: 4, max: null }] as const;
export const RECENCY_BANDS = [{ lo: 0, hi: 7 }, { lo: 7, hi: 30 }, { lo: 30, hi: 90 }, { lo: 90, hi: null }] as const;

/** How many activities of a type a lead had in the last `withinDays` days before its scoring date: 0, 1, 2–3, 4 or more. */
export async function countEvidence(db: Db, activity: string, withinDays: number) {
  const code = await typeCode(db, activity);
  const k = caseWhen(COUNT_ROWS.flatMap((r, i) => (r.max === null ? [] : [{ when: cmp("<=", col("n", "a"), lit(r.max)), then: lit(i) }])), lit(COUNT_ROWS.length - 1));
  const got = new Map((await counts(db, outcomeCounts(k, perLead(code, withinDays), "a"))).map((x) => [Number(x.key), x]));
  const { countText } = await import("./blocks.js");
  return withStats(COUNT_ROWS.map((r, i) => ({ row: { min: r.min, max: r.max }, label: r.min === 0 ? "none" : countText(r.min, r.max), c: got.get(i) })));
}

/** Days from the last activity of a type to the scoring date: 0–7, 7–30, 30–90, 90 or more, never. */
export async function recencyEvidence(db: Db, activity: string) {
  const code = await typeCode(db, activity);
  const age = col("age", "a");
  const k = caseWhen([{ when: isNull(age), then: lit(-1) }, ...RECENCY_BANDS.flatMap((b, i) => (b.hi === null ? [] : [{ when: cmp("<", age, lit(b.hi)), then: lit(i) }]))], lit(RECENCY_BANDS.length - 1));
  const got = new Map((await counts(db, outcomeCounts(k, perLead(code, 36_500), "a"))).map((x) => [Number(x.key), x]));
  const { bandText } = await import("./blocks.js");
  return withStats<{ kind: "band" | "never"; lo: number; hi: number | null }>([
    ...RECENCY_BANDS.map((b, i) => ({ row: { kind: "band" as const, lo: b.lo as number, hi: b.hi as number | null }, label: bandText(b.lo, b.hi, " days"), c: got.get(i) })),
    { row: { kind: "never" as const, lo: 0, hi: null }, label: "never", c: got.get(-1) },
  ]);
}
