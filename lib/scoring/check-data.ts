/**
 * Checks a model's dataset mapping against the database before scoring:
 * every declared column must exist in `leads` with a compatible type.
 */
import type { Db } from "../db/types.js";
import type { ColumnType, Model } from "../model/schema.js";
import { readActivityCodes } from "../canonical.js";
import { ACTIVITY_TYPES_TABLE, LEAD_KEY, TABLES } from "../tables.js";
import { col, describe, render, select, showTables, table } from "../sql/index.js";

/** The kind of value a DuckDB column type holds, or null when no model rule can read it. */
export function columnKind(duckdbType: string): ColumnType | null {
  const t = duckdbType.toUpperCase();
  if (t === "VARCHAR") return "string";
  if (t === "BOOLEAN") return "boolean";
  if (/^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/.test(t)) return "number";
  return null;
}

export interface DataShape {
  tables: Set<string>;
  /** leads columns and their DuckDB types. */
  leadColumns: Map<string, string>;
  /** Distinct activity types present (empty when there is no activities table). */
  activityTypes: Set<string>;
}

/** Reads which tables exist, the leads columns and the distinct activity types. */
export async function readDataShape(db: Db): Promise<DataShape> {
  const tables = new Set((await db.query(render(showTables()))).map((r) => String(r.name)));
  if (!tables.has(TABLES.leads)) {
    throw new Error(`checkDataset: there is no "${TABLES.leads}" table; load a dataset first (tables present: ${[...tables].join(", ") || "none"}).`);
  }
  const described = await db.query(render(describe(TABLES.leads)));
  // lead_key (lib/canonical.ts) is the workbench's key, not a data column.
  const leadColumns = new Map(described.map((r) => [String(r.column_name), String(r.column_type)] as const).filter(([n]) => n !== LEAD_KEY));
  const activityTypes = new Set<string>();
  if (tables.has(ACTIVITY_TYPES_TABLE)) {
    for (const code of (await readActivityCodes(db)).keys()) activityTypes.add(code);
  } else if (tables.has(TABLES.activities)) {
    const q = select({ columns: [{ expr: col("activity_type"), as: "activity_type" }], from: table(TABLES.activities), groupBy: [col("activity_type")] });
    for (const r of await db.query(render(q))) if (r.activity_type !== null) activityTypes.add(String(r.activity_type));
  }
  return { tables, leadColumns, activityTypes };
}

/**
 * Throws when a column a model reads is absent from `leads` or has an
 * incompatible type (the message lists the available columns); returns
 * warnings for declared activity types that never occur in the data.
 */
export function checkDataset(model: Model, shape: DataShape): string[] {
  const problems: string[] = [];
  for (const [name, kind] of Object.entries(model.dataset.columns)) {
    const type = shape.leadColumns.get(name);
    if (type === undefined) problems.push(`column ${JSON.stringify(name)} is missing`);
    else if (columnKind(type) !== kind) problems.push(`column ${JSON.stringify(name)} is declared ${kind} but the data has ${type}`);
  }
  if (problems.length) {
    const available = [...shape.leadColumns].map(([n, t]) => `${JSON.stringify(n)} ${t}`).join(", ");
    throw new Error(
      `model ${model.id} v${model.version}: the dataset mapping does not match the leads table: ${problems.join("; ")}. ` +
        `Available columns: ${available}. Fix dataset.columns (and the rules) or load data with these columns.`,
    );
  }
  return model.dataset.activityTypes
    .filter((a) => !shape.activityTypes.has(a))
    .map((a) => `model ${model.id} v${model.version}: activity type ${JSON.stringify(a)} does not occur in the data; its rules score as if the lead had none.`);
}
