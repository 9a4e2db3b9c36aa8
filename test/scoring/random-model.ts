/**
 * A seeded generator of valid random models over the columns, values and
 * activity types of a dataset, for the SQL-vs-reference parity tests.
 * Every generated model goes through parseModel (so it is valid by the same
 * rules as a file).
 */
import type { Db } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import { mulberry32 } from "../../lib/prng.js";
import type { ColumnType, Model } from "../../lib/model/schema.js";
import { columnKind } from "../../lib/scoring/check-data.js";
import { col, describe, isNotNull, render, select, table } from "../../lib/sql/index.js";

export interface CatalogColumn {
  name: string;
  kind: ColumnType;
  /** Observed values (strings / booleans: frequent values; numbers: a spread of values). */
  values: (string | number | boolean)[];
}
export interface Catalog {
  columns: CatalogColumn[];
  activityTypes: string[];
}

/** Draws from mulberry32 (lib/prng.ts): floats in [0, 1), integers, picks, chances. */
export function rng(seed: number) {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

/** Reads the catalog of a loaded leads table (all columns but lead_id, created_at and the workbench's lead_key). */
export async function readCatalog(db: Db, activityTypes: string[]): Promise<Catalog> {
  const columns: CatalogColumn[] = [];
  for (const r of await db.query(render(describe("leads")))) {
    const name = String(r.column_name);
    const kind = columnKind(String(r.column_type));
    if (kind === null || name === "lead_id" || name === "created_at" || name === "lead_key") continue;
    const q = select({
      columns: [{ expr: col(name), as: "v" }],
      from: table("leads"),
      where: isNotNull(col(name)),
      groupBy: [col(name)],
      orderBy: [col(name)],
    });
    const values = (await db.query(render(q))).map((x) => x.v as string | number | boolean);
    const spread = kind === "number" ? [0.05, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95].map((p) => values[Math.floor(p * (values.length - 1))]) : values.slice(0, 40);
    if (values.length) columns.push({ name, kind, values: [...new Set(spread)] });
  }
  return { columns, activityTypes };
}

const WINDOWS = [1, 3, 7, 14, 30, 60, 365];
const HALF_LIVES = [0.5, 1, 3.5, 7, 14, 30];

/** One random valid model (as parsed), deterministic in (catalog, seed). */
export function randomModel(catalog: Catalog, seed: number): Model {
  const r = rng(seed);
  const pts = () => r.int(-15, 25);
  const criteria: Record<string, unknown>[] = [];
  const n = r.int(3, 14);
  for (let i = 0; i < n; i++) {
    const category = r.chance(0.5) ? "fit" : "behaviour";
    const id = r.chance(0.15) ? `crit "${i}" — ü'${i}` : `c${i}`;
    const group = r.chance(0.3) ? `${category}_g${r.int(1, 2)}` : undefined;
    let rule: Record<string, unknown>;
    let points: number | undefined = pts();
    const useActivity = catalog.activityTypes.length > 0 && (category === "behaviour" ? r.chance(0.7) : r.chance(0.15));
    if (useActivity) {
      const activity = r.pick(catalog.activityTypes);
      const kind = r.pick(["activityCount", "activityPoints", "activityPoints", "hasActivity", "recency"] as const);
      if (kind === "activityCount") rule = { type: kind, activity, withinDays: r.pick(WINDOWS), min: r.int(1, 4) };
      else if (kind === "activityPoints") {
        rule = { type: kind, activity, withinDays: r.pick(WINDOWS) };
        if (r.chance(0.5)) rule.maxCount = r.pick([1, 2, 2.5, 5, 10]);
        if (r.chance(0.6)) rule.decay = { halfLifeDays: r.pick(HALF_LIVES) };
      } else if (kind === "hasActivity") {
        rule = { type: kind, activity };
        if (r.chance(0.5)) rule.withinDays = r.pick(WINDOWS);
        if (r.chance(0.5)) rule.decay = { halfLifeDays: r.pick(HALF_LIVES) };
      } else {
        const cuts = [0, 1, 3, 7, 14, 30, 90].filter(() => r.chance(0.6));
        if (!cuts.length || cuts[0] !== 0) cuts.unshift(0);
        const bands = cuts.map((lo, k) => ({ lo, hi: k + 1 < cuts.length ? cuts[k + 1] : null, points: pts() })).filter((_, k) => k === 0 || r.chance(0.85));
        rule = { type: kind, activity, bands, never: { points: pts() } };
        points = undefined;
      }
    } else {
      const c = r.pick(catalog.columns);
      const kinds = c.kind === "number" ? ["bands", "bands", "equals", "in", "missing", "present"] : c.kind === "boolean" ? ["flag", "equals", "missing", "notIn"] : ["equals", "in", "notIn", "missing", "present"];
      const kind = r.pick(kinds);
      const some = () => [...new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(c.values)))];
      if (kind === "bands") {
        const cuts = [...new Set((c.values as number[]).filter(() => r.chance(0.5)))].sort((x, y) => x - y);
        if (!cuts.length) cuts.push(c.values[0] as number);
        const bands = [{ lo: null as number | null, hi: cuts[0] as number | null, points: pts() }];
        cuts.forEach((lo, k) => bands.push({ lo, hi: k + 1 < cuts.length ? cuts[k + 1] : null, points: pts() }));
        rule = { type: "bands", column: c.name, bands: bands.filter((_, k) => r.chance(0.85) || k === 0), missing: { points: pts() } };
        points = undefined;
      } else if (kind === "equals") rule = { type: kind, column: c.name, value: r.pick(c.values) };
      else if (kind === "in" || kind === "notIn") rule = { type: kind, column: c.name, values: some() };
      else rule = { type: kind, column: c.name };
    }
    criteria.push({ id, label: `criterion ${i}`, category, ...(group ? { group } : {}), rule, ...(points === undefined ? {} : { points }) });
  }
  const groups = [...new Set(criteria.map((c) => c.group as string | undefined).filter((g): g is string => !!g))];
  const caps: Record<string, unknown> = {};
  if (r.chance(0.5)) caps.category = r.chance(0.5) ? { behaviour: r.int(0, 40) } : { fit: r.int(0, 40), behaviour: r.int(5, 60) };
  if (groups.length && r.chance(0.6)) caps.group = Object.fromEntries(groups.filter(() => r.chance(0.7)).map((g) => [g, r.int(0, 30)]));
  const nurture = r.int(-5, 30);
  const salesReady = nurture + r.int(1, 40) + (r.chance(0.2) ? 0.5 : 0);
  // Drawn after everything else, so earlier seeds keep their criteria: a third route tiers by grid cell.
  const cuts = () => {
    const a = r.int(-10, 15);
    const b = a + r.int(1, 15) + (r.chance(0.2) ? 0.5 : 0);
    return [a, b, b + r.int(1, 20)];
  };
  const cells = ["A", "B", "C", "D"].flatMap((f) => ["1", "2", "3", "4"].map((e) => f + e));
  const grid = r.chance(0.35)
    ? (() => {
        const shuffled = cells.filter(() => r.chance(0.6));
        const k = r.int(0, shuffled.length);
        return { fit: cuts(), engagement: cuts(), routing: { salesReady: shuffled.slice(0, k), nurture: shuffled.slice(k) } };
      })()
    : undefined;
  const json = {
    id: `random-${seed}`,
    version: 1,
    parent: null,
    status: "draft",
    effectiveFrom: "2024-01-01",
    author: "random-model.ts",
    changeNote: `seed ${seed}`,
    dataset: {
      columns: Object.fromEntries(catalog.columns.map((c) => [c.name, c.kind])),
      activityTypes: catalog.activityTypes,
    },
    criteria,
    ...(Object.keys(caps).length ? { caps } : {}),
    thresholds: { nurture, salesReady },
    ...(grid ? { grid } : {}),
  };
  return parseModel(json, `random model seed ${seed}`);
}
