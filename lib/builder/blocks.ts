/**
 * The criteria builder's state: one "block" per column or activity type the
 * analyst scores, each a list of rows (a level, a band, a count, a recency)
 * with points; and the model version those blocks make. Pure: the page
 * (src/builder.md) keeps the blocks, lib/builder/evidence.ts fills in each
 * row's leads and win rate.
 *
 * How blocks become criteria (schema.ts rule types):
 * - levels of a text column: one `equals` criterion per level with points;
 *   "other" (every level not listed) → `notIn` the listed levels; missing → `missing`;
 * - a number column: one `bands` criterion ([lo, hi) bands, a missing band);
 * - a yes/no column: `flag` (true) and `equals` false, `missing`;
 * - an activity count in the last N days: rows "1", "2–3", "4 or more" become
 *   cumulative `activityCount` criteria (≥ 1, ≥ 2, ≥ 4) whose points add up
 *   to each row's points;
 * - the recency of an activity: one `recency` criterion with its bands and "never".
 */
import type { ColumnType, Criterion, Model } from "../model/schema.js";
import { parseModel } from "../model/parse.js";

export type LevelRow = { kind: "level"; value: string | number | boolean; points: number } | { kind: "other"; points: number } | { kind: "missing"; points: number };

export type Block =
  | { type: "levels"; column: string; columnType: "string" | "boolean"; rows: LevelRow[] }
  | { type: "bands"; column: string; bands: { lo: number | null; hi: number | null; points: number }[]; missing: number }
  | { type: "count"; activity: string; withinDays: number; rows: { min: number; max: number | null; points: number }[] }
  | { type: "recency"; activity: string; bands: { lo: number; hi: number | null; points: number }[]; never: number };

export interface BuilderState {
  id: string;
  version: number;
  author: string;
  note: string;
  effectiveFrom: string;
  thresholds: { nurture: number; salesReady: number };
  blocks: Block[];
}

/** Human label of a column: "lead_source" → "Lead source". */
export function humanize(name: string): string {
  const s = name.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim();
  return s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : name;
}

const fmtNum = (x: number) => String(x);

/** A band [lo, hi) in words: "30 to under 45", "under 30", "45 or more". */
export function bandText(lo: number | null, hi: number | null, unit = ""): string {
  if (lo === null && hi === null) return "any value";
  if (lo === null) return `under ${fmtNum(hi!)}${unit}`;
  if (hi === null) return `${fmtNum(lo)}${unit} or more`;
  return `${fmtNum(lo)} to under ${fmtNum(hi)}${unit}`;
}

/** "1", "2–3", "4 or more" */
export function countText(min: number, max: number | null): string {
  if (max === min) return `${min}`;
  return max === null ? `${min} or more` : `${min}–${max}`;
}

/** Safe criterion id from parts: "industry_software". */
export function criterionId(...parts: (string | number | boolean)[]): string {
  const s = parts.map((p) => String(p)).join("_").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  return (s || "criterion").slice(0, 100);
}

function uniqueIds(criteria: Criterion[]): Criterion[] {
  const seen = new Map<string, number>();
  return criteria.map((c) => {
    const k = c.id.toLowerCase();
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n ? { ...c, id: `${c.id}_${n + 1}` } : c;
  });
}

/** The criteria of one block (rows with 0 points are left out, except inside bands). */
export function blockCriteria(b: Block): Criterion[] {
  switch (b.type) {
    case "levels": {
      const named = b.rows.flatMap((r) => (r.kind === "level" ? [r.value] : []));
      return b.rows.flatMap((r): Criterion[] => {
        if (!r.points) return [];
        const label = humanize(b.column);
        if (r.kind === "level")
          return [b.columnType === "boolean" && r.value === true
            ? { id: criterionId(b.column, "yes"), label: `${label}: yes`, category: "fit", rule: { type: "flag", column: b.column }, points: r.points }
            : { id: criterionId(b.column, r.value), label: `${label}: ${String(r.value)}`, category: "fit", rule: { type: "equals", column: b.column, value: r.value }, points: r.points }];
        if (r.kind === "missing") return [{ id: criterionId(b.column, "missing"), label: `${label}: missing`, category: "fit", rule: { type: "missing", column: b.column }, points: r.points }];
        if (!named.length) return [{ id: criterionId(b.column, "present"), label: `${label}: any value`, category: "fit", rule: { type: "present", column: b.column }, points: r.points }];
        return [{ id: criterionId(b.column, "other"), label: `${label}: any other value`, category: "fit", rule: { type: "notIn", column: b.column, values: named }, points: r.points }];
      });
    }
    case "bands":
      if (!b.bands.some((x) => x.points) && !b.missing) return [];
      return [{ id: criterionId(b.column), label: humanize(b.column), category: "fit", rule: { type: "bands", column: b.column, bands: b.bands, missing: { points: b.missing } } }];
    case "count": {
      const rows = [...b.rows].filter((r) => r.min >= 1).sort((x, y) => x.min - y.min);
      let before = 0;
      return rows.flatMap((r): Criterion[] => {
        const step = r.points - before;
        before = r.points;
        if (!step) return [];
        return [{
          id: criterionId(b.activity, "count", r.min, b.withinDays), label: `${humanize(b.activity)}: ${r.min} or more in the last ${b.withinDays} days`,
          category: "behaviour", rule: { type: "activityCount", activity: b.activity, withinDays: b.withinDays, min: r.min }, points: step,
        }];
      });
    }
    case "recency":
      if (!b.bands.some((x) => x.points) && !b.never) return [];
      return [{ id: criterionId(b.activity, "recency"), label: `${humanize(b.activity)}: days since the last one`, category: "behaviour", rule: { type: "recency", activity: b.activity, bands: b.bands, never: { points: b.never } } }];
  }
}

/** The model version the blocks make (validated by parseModel, which throws a ModelError naming the problem). */
export function builderModel(s: BuilderState): Model {
  const criteria = uniqueIds(s.blocks.flatMap(blockCriteria));
  const columns: Record<string, ColumnType> = {};
  const activities = new Set<string>();
  for (const b of s.blocks) {
    if (b.type === "levels") columns[b.column] = b.columnType;
    else if (b.type === "bands") columns[b.column] = "number";
    else activities.add(b.activity);
  }
  // Only what the criteria read is declared.
  const used = new Set(criteria.map((c) => ("column" in c.rule ? c.rule.column : `activity:${c.rule.activity}`)));
  const model = {
    id: s.id, version: s.version, parent: null, status: "draft", effectiveFrom: s.effectiveFrom, author: s.author,
    changeNote: s.note || `Built in the criteria builder from ${s.blocks.length} column(s) and activity type(s).`,
    dataset: {
      columns: Object.fromEntries(Object.entries(columns).filter(([c]) => used.has(c))),
      activityTypes: [...activities].filter((a) => used.has(`activity:${a}`)),
    },
    criteria, thresholds: s.thresholds,
  };
  return parseModel(model, `the criteria builder's version ${s.id} v${s.version}`);
}
