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

/**
 * How to fix a column whose type in the data is not the kind a model declares,
 * when the cause is the dataset description's "auto" typing: a text column of
 * yes/no (or true/false) values was read as BOOLEAN, of numbers as DOUBLE.
 * Null when there is no such simple fix.
 * @example typeFix("budget", "string", "BOOLEAN") // => 'it was read as BOOLEAN because … {"column": "budget", "type": "text"} …'
 */
export function typeFix(name: string, declared: ColumnType, dataType: string): string | null {
  const got = columnKind(dataType);
  const write = (type: string) => `write {"column": ${JSON.stringify(name)}, "type": "${type}"} in the dataset description's leads.attributes`;
  if (declared === "string" && got === "boolean")
    return `it was read as BOOLEAN because its type is left to "auto" and every value is yes/no or true/false; to keep the values as text, ${write("text")}`;
  if (declared === "string" && got === "number")
    return `it was read as a number because its type is left to "auto" and every value is a number; to keep the values as text, ${write("text")}`;
  if (declared === "boolean" && got === "string")
    return `some of its values are not yes/no or true/false (the Data page's validation lists the columns' values); if they are, ${write("boolean")}`;
  if (declared === "number" && got === "string")
    return `some of its values are not numbers (the Data page's validation lists the columns' values); if they are, ${write("number")}`;
  return null;
}

/** "column "x" is declared string but the data has BOOLEAN", with the fix when there is a simple one. */
export function kindMismatch(name: string, declared: ColumnType, dataType: string): string {
  const fix = typeFix(name, declared, dataType);
  return `column ${JSON.stringify(name)} is declared ${declared} but the data has ${dataType}${fix ? ` (${fix})` : ""}`;
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
    const fixes = Object.entries(model.dataset.columns).flatMap(([name, kind]) => {
      const type = shape.leadColumns.get(name);
      const fix = type === undefined || columnKind(type) === kind ? null : typeFix(name, kind, type);
      return fix ? [`Column ${JSON.stringify(name)}: ${fix}.`] : [];
    });
    throw new Error(
      `model ${model.id} v${model.version}: the dataset mapping does not match the leads table: ${problems.join("; ")}. ` +
        `Available columns: ${available}. Fix dataset.columns (and the rules) or load data with these columns.` + (fixes.length ? ` ${fixes.join(" ")}` : ""),
    );
  }
  return model.dataset.activityTypes
    .filter((a) => !shape.activityTypes.has(a))
    .map((a) => `model ${model.id} v${model.version}: activity type ${JSON.stringify(a)} does not occur in the data; its rules score as if the lead had none.`);
}
