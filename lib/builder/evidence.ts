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
import { quoteIdent as q, quoteString, renderNumber } from "../sql/quote.js";
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

const OUTCOMES = `count(*) AS leads, count(*) FILTER (WHERE o.outcome = 'won') AS won, count(*) FILTER (WHERE o.outcome = 'lost') AS lost`;

async function counts(db: Db, sql: string): Promise<Counts[]> {
  return (await db.query(sql)).map((r) => ({ key: r.k as Counts["key"], leads: Number(r.leads), won: Number(r.won), lost: Number(r.lost) }));
}

/** The levels of a text or yes/no column: the most frequent ones (each ≥ 1 % of leads, at most `maxLevels`), the rest as "other", and missing. */
export async function levelEvidence(db: Db, column: string, options: { maxLevels?: number; minShare?: number } = {}) {
  const all = await counts(db, `SELECT l.${q(column)} AS k, ${OUTCOMES} FROM leads l LEFT JOIN lead_outcomes o ON o.lead_id = l.lead_id GROUP BY 1 ORDER BY leads DESC, k`);
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
  const c = q(column);
  const probs = Array.from({ length: k - 1 }, (_, i) => (i + 1) / k);
  const qs = (await db.query(`SELECT min(${c}) AS mn, ${probs.map((p, i) => `quantile_disc(${c}, ${renderNumber(p)}) AS q${i}`).join(", ")} FROM leads`))[0];
  const min = qs.mn === null ? NaN : Number(qs.mn);
  const cuts = Number.isFinite(min) ? cutsFromQuantiles(probs.map((_, i) => Number(qs[`q${i}`])), min) : [];
  const edges: (number | null)[] = [null, ...cuts, null];
  const bands = edges.slice(0, -1).map((lo, i) => ({ lo, hi: edges[i + 1] }));
  const caseSql = bands.length > 1
    ? `CASE WHEN ${c} IS NULL THEN -1 ${bands.map((b, i) => (b.hi === null ? `ELSE ${i}` : `WHEN ${c} < ${renderNumber(b.hi)} THEN ${i}`)).join(" ")} END`
    : `CASE WHEN ${c} IS NULL THEN -1 ELSE 0 END`;
  const got = new Map((await counts(db, `SELECT ${caseSql} AS k, ${OUTCOMES} FROM leads l LEFT JOIN lead_outcomes o ON o.lead_id = l.lead_id GROUP BY 1`)).map((x) => [Number(x.key), x]));
  const { bandText } = await import("./blocks.js");
  return withStats<{ kind: "band" | "missing"; lo: number | null; hi: number | null }>([
    ...bands.map((b, i) => ({ row: { kind: "band" as const, lo: b.lo, hi: b.hi }, label: bandText(b.lo, b.hi), c: got.get(i) })),
    ...(got.has(-1) ? [{ row: { kind: "missing" as const, lo: null, hi: null }, label: "missing", c: got.get(-1) }] : []),
  ]);
}

const DAY_MS = 86_400_000;

/** Per lead: the number of activities of `activity` with 0 ≤ age < withinDays, and the age in days of the last one (null: never). */
function activitySql(code: number, withinDays: number): string {
  const age = `(epoch_ms(d.scoring_at) - epoch_ms(e.occurred_at))`;
  return `SELECT d.lead_id, count(e.occurred_at) FILTER (WHERE ${age} < ${withinDays * DAY_MS}) AS n, min(${age}) / ${DAY_MS}.0 AS age ` +
    `FROM scoring_dates d LEFT JOIN activity_events e ON e.lead_key = d.lead_key AND e.type_code = ${code} AND e.occurred_at <= d.scoring_at GROUP BY d.lead_id`;
}

async function typeCode(db: Db, activity: string): Promise<number> {
  const code = (await readActivityCodes(db)).get(activity);
  if (code === undefined) throw new Error(`there is no activity of type ${quoteString(activity)} in the data.`);
  return code;
}

export const COUNT_ROWS = [{ min: 0, max: 0 }, { min: 1, max: 1 }, { min: 2, max: 3 }, { min: 4, max: null }] as const;
export const RECENCY_BANDS = [{ lo: 0, hi: 7 }, { lo: 7, hi: 30 }, { lo: 30, hi: 90 }, { lo: 90, hi: null }] as const;

/** How many activities of a type a lead had in the last `withinDays` days before its scoring date: 0, 1, 2–3, 4 or more. */
export async function countEvidence(db: Db, activity: string, withinDays: number) {
  const code = await typeCode(db, activity);
  const k = `CASE ${COUNT_ROWS.map((r, i) => (r.max === null ? `ELSE ${i}` : `WHEN a.n <= ${r.max} THEN ${i}`)).join(" ")} END`;
  const got = new Map((await counts(db, `SELECT ${k} AS k, ${OUTCOMES} FROM (${activitySql(code, withinDays)}) a LEFT JOIN lead_outcomes o ON o.lead_id = a.lead_id GROUP BY 1`)).map((x) => [Number(x.key), x]));
  const { countText } = await import("./blocks.js");
  return withStats(COUNT_ROWS.map((r, i) => ({ row: { min: r.min, max: r.max }, label: r.min === 0 ? "none" : countText(r.min, r.max), c: got.get(i) })));
}

/** Days from the last activity of a type to the scoring date: 0–7, 7–30, 30–90, 90 or more, never. */
export async function recencyEvidence(db: Db, activity: string) {
  const code = await typeCode(db, activity);
  const k = `CASE WHEN a.age IS NULL THEN -1 ${RECENCY_BANDS.map((b, i) => (b.hi === null ? `ELSE ${i}` : `WHEN a.age < ${b.hi} THEN ${i}`)).join(" ")} END`;
  const got = new Map((await counts(db, `SELECT ${k} AS k, ${OUTCOMES} FROM (${activitySql(code, 36_500)}) a LEFT JOIN lead_outcomes o ON o.lead_id = a.lead_id GROUP BY 1`)).map((x) => [Number(x.key), x]));
  const { bandText } = await import("./blocks.js");
  return withStats<{ kind: "band" | "never"; lo: number; hi: number | null }>([
    ...RECENCY_BANDS.map((b, i) => ({ row: { kind: "band" as const, lo: b.lo as number, hi: b.hi as number | null }, label: bandText(b.lo, b.hi, " days"), c: got.get(i) })),
    { row: { kind: "never" as const, lo: 0, hi: null }, label: "never", c: got.get(-1) },
  ]);
}
