/**
 * The draft model of a suggestion from data: each chosen column written as
 * readable criteria whose points reproduce its band points exactly:
 * - numeric bands: one `bands` criterion per run of equal non-zero points
 *   ("Age 60 or more"), a `missing` criterion for the missing band;
 * - categorical levels: one `equals` / `in` criterion per distinct non-zero
 *   points ("Lead Source: Referral or Partner"), "other" values listed,
 *   `missing` for missing;
 * - activity counts: cumulative `activityCount` criteria (at least 1, at
 *   least 3 …) whose points are the increments between bands;
 * - recency: one `recency` criterion per band with non-zero points
 *   ("Visited the pricing page in the last 7 days"), "never" as its own.
 * Validated by parseModel.
 */
import { parseModel } from "../model/parse.js";
import type { ColumnType, Criterion, Model } from "../model/schema.js";
import type { BandSpec, Candidate } from "./data-candidates.js";
import type { FromDataInput } from "./from-data-input.js";
import { countLabel, levelLabel, neverLabel, rangeLabel, recencyLabel } from "./labels.js";

export interface DraftInput {
  id: string;
  author: string;
  thresholds: { nurture: number; salesReady: number };
  map: { a: number; b: number };
  trainRows: Int32Array;
  note: string;
}

const slug = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "x";
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Criteria (without ids) of one chosen column with its band points. */
export function criteriaOf(c: Candidate, points: readonly number[], windowDays: number): Omit<Criterion, "id">[] {
  const out: Omit<Criterion, "id">[] = [];
  const specs = c.bands.map((b) => b.spec);
  const range = (k: number) => specs[k] as Extract<BandSpec, { kind: "range" }>;
  if (c.source === "numeric" || c.source === "recency") {
    // runs of adjacent ranges with equal points
    const ranges = specs.map((s, k) => [s, k] as const).filter(([s]) => s.kind === "range").map(([, k]) => k);
    for (let a = 0; a < ranges.length; ) {
      let b = a;
      while (b + 1 < ranges.length && points[ranges[b + 1]] === points[ranges[a]]) b++;
      const p = points[ranges[a]];
      if (p !== 0) {
        const lo = range(ranges[a]).lo;
        const hi = range(ranges[b]).hi;
        if (c.source === "numeric") out.push({ label: rangeLabel(c.column as string, lo, hi), category: "fit", rule: { type: "bands", column: c.column as string, bands: [{ lo, hi, points: p }], missing: { points: 0 } } });
        else out.push({ label: recencyLabel(c.activity as string, lo ?? 0, hi), category: "behaviour", rule: { type: "recency", activity: c.activity as string, bands: [{ lo: lo ?? 0, hi, points: p }], never: { points: 0 } } });
      }
      a = b + 1;
    }
    const m = specs.findIndex((s) => s.kind === "missing");
    if (m >= 0 && points[m] !== 0) {
      if (c.source === "numeric") out.push({ label: `${c.column}: missing`, category: "fit", rule: { type: "missing", column: c.column as string }, points: points[m] });
      else out.push({ label: neverLabel(c.activity as string, windowDays), category: "behaviour", rule: { type: "recency", activity: c.activity as string, bands: [{ lo: 0, hi: null, points: 0 }], never: { points: points[m] } } });
    }
    return out;
  }
  if (c.source === "count" || c.source === "has") {
    for (let k = 1; k < specs.length; k++) {
      const inc = points[k] - points[k - 1];
      const min = range(k).lo as number;
      if (inc !== 0) out.push({ label: countLabel(c.activity as string, min, windowDays), category: "behaviour", rule: { type: "activityCount", activity: c.activity as string, withinDays: windowDays, min }, points: inc });
    }
    return out;
  }
  // categorical: values grouped by points
  const byPoints = new Map<number, (string | boolean)[]>();
  specs.forEach((s, k) => {
    if (points[k] === 0 || s.kind === "missing" || s.kind === "range") return;
    const vals = s.kind === "level" ? [s.value] : s.values;
    byPoints.set(points[k], [...(byPoints.get(points[k]) ?? []), ...vals]);
  });
  for (const [p, values] of [...byPoints.entries()].sort((a, b) => b[0] - a[0])) {
    const col = c.column as string;
    out.push({ label: levelLabel(col, values), category: "fit", rule: values.length === 1 ? { type: "equals", column: col, value: values[0] } : { type: "in", column: col, values }, points: p });
  }
  const m = specs.findIndex((s) => s.kind === "missing");
  if (m >= 0 && points[m] !== 0) out.push({ label: `${c.column}: missing`, category: "fit", rule: { type: "missing", column: c.column as string }, points: points[m] });
  return out;
}

/** The draft model (version 1, no parent, status draft). */
export function buildDataDraft(input: FromDataInput, chosen: { candidate: Candidate; points: readonly number[] }[], d: DraftInput): Model {
  const taken = new Set<string>();
  const uid = (label: string) => {
    const base = slug(label);
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
    taken.add(id);
    return id;
  };
  const criteria: Criterion[] = [];
  const columns: Record<string, ColumnType> = {};
  const activityTypes: string[] = [];
  for (const { candidate: c, points } of chosen) {
    for (const x of criteriaOf(c, points, input.windowDays)) criteria.push({ id: uid(x.label), ...x } as Criterion);
    if (c.column && c.columnKind) columns[c.column] = c.columnKind;
    if (c.activity && !activityTypes.includes(c.activity)) activityTypes.push(c.activity);
  }
  if (!criteria.length) throw new Error("suggestFromData: every chosen criterion came out at 0 points, so there is no model to write. Try a larger --pdo or fewer leakage exclusions.");
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of d.trainRows) (lo = Math.min(lo, input.createdMs[i])), (hi = Math.max(hi, input.createdMs[i]));
  let newest = -Infinity;
  for (let i = 0; i < input.n; i++) newest = Math.max(newest, input.createdMs[i]);
  const draft = {
    id: d.id,
    version: 1,
    parent: null,
    status: "draft",
    effectiveFrom: day(newest + 86_400_000),
    author: d.author,
    changeNote: d.note,
    dataset: { columns, activityTypes },
    criteria,
    thresholds: d.thresholds,
    ...(d.map.b > 0 && Number.isFinite(lo) && { probabilityMap: { a: d.map.a, b: d.map.b, fittedOn: { from: day(lo), to: day(hi) } } }),
  };
  return parseModel(draft, "the model proposed from data");
}
