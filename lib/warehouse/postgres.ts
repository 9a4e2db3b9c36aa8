/**
 * Scoring where the data lives (issue 18): PostgreSQL as an engine.
 *
 *  loadIntoPostgres  copies a dataset's validated canonical tables (leads
 *                    without the workbench's lead_key, activities, deals)
 *                    from native DuckDB into PostgreSQL with COPY.
 *  scoreInPostgres   runs scoring dates, lead_features and every version's
 *                    score table in PostgreSQL (temp objects; the trees of
 *                    lib/scoring/warehouse.ts in the postgres dialect) on
 *                    tables that already hold the data, and pulls back only
 *                    the per-lead rows (lead_id, scoring_at, criterion
 *                    points, fit_score, engagement_score, score, tier),
 *                    ordered by lead_id as DuckDB orders text (bytes).
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Columns, Db, Row } from "../db/types.js";
import type { Pg } from "../db/postgres.js";
import type { Model } from "../model/schema.js";
import type { ValidationReport } from "../dataset/report.js";
import { checkDataset, type DataShape } from "../scoring/check-data.js";
import { inputColumns } from "../scoring/recompute.js";
import { scoresTableName } from "../scoring/names.js";
import type { ScoringDateRule } from "../scoring/scoring-dates.js";
import {
  DEFAULT_SOURCES, W, datesSelect, eventsSelect, featuresParts, leadsSelect, versionRowsSelect, versionScoreSelect, type SourceTables,
} from "../scoring/warehouse.js";
import {
  SQL_TYPES, and, as, col, createTable, createTableColumns, createView, describe, eq, fn, insertValues, isNotNull, join, lit, postgres, render, select, table,
  withCtes, drop, namedArg, script, star, struct, tableFunction, type ColumnDef, type SqlType, type Statement,
} from "../sql/index.js";
import { FEATURES_TABLE, attrValueExpr } from "../scoring/features.js";
import { analyzeTable, copyFromStdinCsv, copyToCsvFile } from "../sql/copy.js";
import { ACTIVITY_TYPES_TABLE, LEAD_KEY, TABLES } from "../tables.js";
import { lapTimer } from "../lap.js";
import { dropLeadBase } from "../workbench/lead-base.js";

const pgSql = (s: Statement) => render(s, postgres);

// ---------------------------------------------------------------------------
// Catalog

/** PostgreSQL's information_schema data_type as the DuckDB type name the scoring checks read (columnKind). */
export function duckdbTypeOf(pgType: string): string {
  const t = pgType.toLowerCase();
  const map: Record<string, string> = {
    "double precision": "DOUBLE", real: "FLOAT", bigint: "BIGINT", integer: "INTEGER", smallint: "SMALLINT", numeric: "DOUBLE",
    text: "VARCHAR", "character varying": "VARCHAR", character: "VARCHAR", boolean: "BOOLEAN",
    "timestamp without time zone": "TIMESTAMP", "timestamp with time zone": "TIMESTAMPTZ", date: "DATE",
  };
  return map[t] ?? pgType.toUpperCase();
}

const inCurrentSchema = () => eq(col("table_schema"), fn("current_schema"));

/** The tables and views of the current schema. */
export async function pgTables(pg: Pg): Promise<Set<string>> {
  const q = select({ columns: [as(col("table_name"), "name")], from: table("tables", null, "information_schema"), where: inCurrentSchema() });
  return new Set((await pg.query(render(q, postgres))).map((r) => String(r.name)));
}

/** The columns of a table of the current schema, in order, with DuckDB type names. */
export async function pgColumns(pg: Pg, name: string): Promise<Map<string, string>> {
  const q = select({
    columns: [as(col("column_name"), "name"), as(col("data_type"), "type")],
    from: table("columns", null, "information_schema"),
    where: and(inCurrentSchema(), eq(col("table_name"), lit(name))),
    orderBy: [col("ordinal_position")],
  });
  return new Map((await pg.query(render(q, postgres))).map((r) => [String(r.name), duckdbTypeOf(String(r.type))]));
}

/** The DataShape (check-data.ts) of source tables in PostgreSQL; throws naming the tables present when leads is missing. */
export async function readPgShape(pg: Pg, src: SourceTables): Promise<DataShape> {
  const present = await pgTables(pg);
  if (!present.has(src.leads)) {
    throw new Error(`PostgreSQL has no table "${src.leads}" in the current schema (tables: ${[...present].sort().join(", ") || "none"}); load one with \`leadscore load --engine postgres\`.`);
  }
  const leadColumns = await pgColumns(pg, src.leads);
  if (leadColumns.has(LEAD_KEY)) throw new Error(`PostgreSQL table "${src.leads}" has a column "${LEAD_KEY}", a name the workbench reserves for its join key; rename it.`);
  const tables = new Set<string>([TABLES.leads]);
  const activityTypes = new Set<string>();
  if (src.activities !== null && present.has(src.activities)) {
    tables.add(TABLES.activities);
    const q = select({ columns: [as(col("activity_type"))], from: table(src.activities), where: isNotNull(col("activity_type")), distinct: true });
    for (const r of await pg.query(render(q, postgres))) activityTypes.add(String(r.activity_type));
  }
  if (src.deals !== null && present.has(src.deals)) tables.add(TABLES.deals);
  return { tables, leadColumns, activityTypes };
}

// ---------------------------------------------------------------------------
// Load

/** The outcome of each lead (lead_id, outcome won/lost/open, rule, decided_at), as the dataset load decided it. */
export const OUTCOMES = "lead_outcomes";
/** The validation report of the last `leadscore load` (one row, column report: JSON). */
export const REPORT_TABLE = "leadscore_load_report";

/** A DuckDB column type as a SqlType PostgreSQL can hold (DECIMAL as DOUBLE); throws on others. */
function sqlTypeOf(duckType: string, where: string): SqlType {
  const t = duckType.toUpperCase();
  if ((SQL_TYPES as readonly string[]).includes(t)) return t as SqlType;
  if (/^DECIMAL\(/.test(t)) return "DOUBLE";
  throw new Error(`load: ${where} has type ${duckType}, which the PostgreSQL load does not copy; cast it to VARCHAR, DOUBLE, BOOLEAN or TIMESTAMP in the dataset.`);
}

export interface LoadResult {
  tables: { name: string; rows: number; ms: number }[];
  ms: number;
}

/**
 * Copies the canonical tables of a loaded, keyed DuckDB (native: COPY … TO
 * a file) into PostgreSQL as `src` names them, replacing tables of those
 * names; leads without lead_key. Then ANALYZE.
 */
export async function loadIntoPostgres(duck: Db, pg: Pg, src: SourceTables = DEFAULT_SOURCES, tmpDir = tmpdir(), report: ValidationReport | null = null): Promise<LoadResult> {
  const t0 = performance.now();
  const dir = mkdtempSync(path.join(tmpDir, "leadscore-load-"));
  const out: LoadResult["tables"] = [];
  try {
    const duckTables = new Set((await duck.query(render(select({ columns: [as(col("table_name"), "name")], from: table("tables", null, "information_schema") })))).map((r) => String(r.name)));
    const plan: [string, string | null][] = [[TABLES.leads, src.leads], [TABLES.activities, src.activities], [TABLES.deals, src.deals], [OUTCOMES, OUTCOMES]];
    for (const [from, to] of plan) {
      if (to === null || !duckTables.has(from)) continue;
      const t = performance.now();
      const described = (await duck.query(render(describe(from)))).map((r) => ({ name: String(r.column_name), type: String(r.column_type) })).filter((c) => c.name !== LEAD_KEY);
      const defs: ColumnDef[] = described.map((c) => ({ name: c.name, type: sqlTypeOf(c.type, `${from}.${c.name}`) }));
      const file = path.join(dir, `${from}.csv`);
      await duck.exec(copyToCsvFile(select({ columns: described.map((c) => as(col(c.name))), from: table(from) }), file));
      await pg.exec(pgSql(createTableColumns(to, defs, { orReplace: true })));
      const stream = pg.client.query(copyFrom(copyFromStdinCsv(to, described.map((c) => c.name))));
      await pipeline(createReadStream(file), stream);
      await pg.exec(analyzeTable(to));
      out.push({ name: to, rows: Number(stream.rowCount), ms: performance.now() - t });
    }
    if (report) {
      await pg.exec(pgSql(createTableColumns(REPORT_TABLE, [{ name: "report", type: "VARCHAR" }], { orReplace: true })));
      await pg.exec(pgSql(insertValues(REPORT_TABLE, ["report"], [[lit(JSON.stringify(report))]])));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { tables: out, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------
// Score

export interface PgVersionScores {
  model: Model;
  /** The temp score table in PostgreSQL (this session). */
  table: string;
  ms: number;
  /** lead_id, scoring_at, one column per criterion id, fit_score, engagement_score, score, tier; ordered by lead_id (bytes). */
  columns: Columns;
}

export interface PgScoreResult {
  versions: PgVersionScores[];
  failed: { model: Model; error: string }[];
  warnings: string[];
  timings: { checkMs: number; scoringDatesMs: number; featuresMs: number; scoresMs: number };
}

export interface PgScoreOptions {
  scoringDates?: ScoringDateRule;
  sources?: SourceTables;
  /** Pull the rows back (default true); false leaves them in the temp tables (the bench). */
  rows?: boolean;
}

/** Orders rows by lead_id as DuckDB orders VARCHAR (UTF-8 bytes). */
export function sortByLeadId(rows: Row[]): Row[] {
  const ids = rows.map((r) => String(r.lead_id));
  const ascii = ids.every((s) => /^[\x00-\x7f]*$/.test(s));
  const idx = rows.map((_, i) => i);
  if (ascii) idx.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  else {
    const keys = ids.map((s) => Buffer.from(s, "utf8"));
    idx.sort((a, b) => Buffer.compare(keys[a], keys[b]));
  }
  return idx.map((i) => rows[i]);
}

/** Rows as Columns (plain arrays), with the given column names. */
export function toColumns(rows: Row[], names: string[]): Columns {
  const columns: Columns["columns"] = {};
  for (const n of names) columns[n] = rows.map((r) => r[n]);
  return { names, numRows: rows.length, columns };
}

/**
 * Scores `models` in PostgreSQL on the source tables (default leads,
 * activities, deals of the current schema). A version whose data does not
 * fit (check-data.ts) or whose SQL fails is listed in `failed`; the others
 * are scored.
 */
export async function scoreInPostgres(pg: Pg, models: Model[], options: PgScoreOptions = {}): Promise<PgScoreResult> {
  const wanted = options.sources ?? DEFAULT_SOURCES;
  const lap = lapTimer();
  const shape = await readPgShape(pg, wanted);
  const src: SourceTables = {
    ...wanted,
    activities: shape.tables.has(TABLES.activities) ? wanted.activities : null,
    deals: shape.tables.has(TABLES.deals) ? wanted.deals : null,
  };
  const warnings: string[] = [];
  const failed: PgScoreResult["failed"] = [];
  const fitting: Model[] = [];
  for (const m of models) {
    try {
      warnings.push(...checkDataset(m, shape));
      fitting.push(m);
    } catch (e) {
      failed.push({ model: m, error: (e as Error).message });
    }
  }
  const checkMs = lap();
  const versions: PgVersionScores[] = [];
  if (!fitting.length) return { versions, failed, warnings, timings: { checkMs, scoringDatesMs: 0, featuresMs: 0, scoresMs: 0 } };

  const temp = { temp: true, orReplace: true };
  await pg.exec(pgSql(createView(W.leads, leadsSelect(src), temp)));
  if (src.activities !== null) await pg.exec(pgSql(createView(W.events, eventsSelect(src), temp)));
  await pg.exec(pgSql(createTable(W.dates, datesSelect(src, options.scoringDates), temp)));
  await pg.exec(analyzeTable(W.dates));
  const scoringDatesMs = lap();

  const f = featuresParts(fitting, src, { columns: inputColumns(shape, fitting) });
  await pg.exec(pgSql(createTable(W.features, withCtes(f.ctes, f.select), temp)));
  await pg.exec(analyzeTable(W.features));
  const featuresMs = lap();

  for (const model of fitting) {
    const name = scoresTableName(model);
    try {
      await pg.exec(pgSql(createTable(name, versionScoreSelect(model), temp)));
      let columns: Columns = { names: [], numRows: 0, columns: {} };
      if (options.rows !== false) {
        const rows = sortByLeadId(await pg.query(render(versionRowsSelect(model, name), postgres)));
        const names = ["lead_id", "scoring_at", ...model.criteria.map((c) => c.id), "fit_score", "engagement_score", "score", "tier"];
        columns = toColumns(rows, names);
      }
      versions.push({ model, table: name, ms: lap(), columns });
    } catch (e) {
      failed.push({ model, error: (e as Error).message });
      lap();
    }
  }
  return { versions, failed, warnings, timings: { checkMs, scoringDatesMs, featuresMs, scoresMs: versions.reduce((s, v) => s + v.ms, 0) } };
}

// ---------------------------------------------------------------------------
// Per-lead scores into a local DuckDB, for the calibration code (evaluate)

/** The load report stored by `leadscore load` (null when the tables were loaded otherwise). */
export async function readLoadReport(pg: Pg): Promise<ValidationReport | null> {
  if (!(await pgTables(pg)).has(REPORT_TABLE)) return null;
  const rows = await pg.query(render(select({ columns: [as(col("report"))], from: table(REPORT_TABLE) }), postgres));
  return rows.length ? (JSON.parse(String(rows[0].report)) as ValidationReport) : null;
}

const csvValue = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : String(v));
function writeCsv(file: string, names: string[], rows: Row[]): void {
  let text = "";
  for (const r of rows) text += `${names.map((n) => csvValue(r[n])).join(",")}\n`;
  writeFileSync(file, text);
}

/**
 * Pulls back, after scoreInPostgres, only the per-lead rows the calibration
 * reads (lead_id, created_at, scoring_at, outcome; per version fit_score,
 * engagement_score, score, tier) and writes them into `local` (a fresh
 * DuckDB) as the tables a DuckDB recompute leaves (leads, lead_features,
 * lead_outcomes, scores_<id>_v<n>, keyed by lead_key = rank of lead_id), so
 * lib/workbench/scored.ts and lib/grid read them unchanged.
 */
export async function pullScoresToLocal(pg: Pg, local: Db, result: PgScoreResult, src: SourceTables = DEFAULT_SOURCES, tmpDir = tmpdir(), options: { inputs?: boolean } = {}): Promise<void> {
  await dropLeadBase(local); // lead_features and the leads are written again
  const dir = mkdtempSync(path.join(tmpDir, "leadscore-pull-"));
  try {
    const leadsQ = select({
      columns: [as(col("lead_id", "i")), as(col("scoring_at", "i")), as(col("created_at", "l")), as(col("outcome", "o"))],
      from: table(W.features, "i"),
      joins: [join(table(src.leads, "l", src.schema), eq(col("lead_id", "l"), col("lead_id", "i"))), join(table(OUTCOMES, "o"), eq(col("lead_id", "o"), col("lead_id", "i")))],
    });
    const leads = sortByLeadId(await pg.query(render(leadsQ, postgres)));
    const key = new Map(leads.map((r, i) => [String(r.lead_id), i]));
    leads.forEach((r, i) => (r.lead_key = i));
    const read = (file: string, columns: [string, string][]) =>
      tableFunction("read_csv", [lit(file), namedArg("header", lit(false)), namedArg("columns", struct(columns.map(([n, t]) => [n, lit(t)])))]);
    const f = path.join(dir, "leads.csv");
    writeCsv(f, ["lead_key", "lead_id", "created_at", "scoring_at", "outcome"], leads);
    const all = read(f, [["lead_key", "INTEGER"], ["lead_id", "VARCHAR"], ["created_at", "TIMESTAMP"], ["scoring_at", "TIMESTAMP"], ["outcome", "VARCHAR"]]);
    await local.exec(render(createTable("_pulled", select({ columns: [as(star())], from: all }))));
    if (!options.inputs) {
      await local.exec(render(script(
        createTable(TABLES.leads, select({ columns: [as(col(LEAD_KEY)), as(col("lead_id")), as(col("created_at"))], from: table("_pulled") })),
        createTable(FEATURES_TABLE, select({ columns: [as(col(LEAD_KEY)), as(col("lead_id")), as(col("scoring_at"))], from: table("_pulled") })),
      )));
    } else {
      // suggest reads every lead's inputs too (lead_features, and leads' columns for candidate criteria):
      // per-lead rows, still no activity. String attributes hashed locally, as a DuckDB recompute stores them.
      const pull = async (name: string, from: string, types: Map<string, string>, hashed: Set<string>) => {
        const rows = (await pg.query(render(select({ columns: [as(star())], from: table(from, null, from === src.leads ? src.schema : null) }), postgres))).map((r) => ({ ...r, lead_key: key.get(String(r.lead_id)) ?? null }));
        rows.sort((a, b) => (a.lead_key as number) - (b.lead_key as number));
        const names = [...types.keys()];
        const file = path.join(dir, `${name}.csv`);
        writeCsv(file, [...names, LEAD_KEY], rows);
        const raw = read(file, [...names.map((n): [string, string] => [n, types.get(n)!]), [LEAD_KEY, "INTEGER"]]);
        const cols = [...names.map((n) => as(hashed.has(n) ? attrValueExpr({ name: n, kind: "string" }, "r") : col(n, "r"), n)), as(col(LEAD_KEY, "r"))];
        await local.exec(render(createTable(name, select({ columns: cols, from: { ...(raw as Extract<typeof raw, { kind: "tableFunction" }>), alias: "r" } }))));
      };
      /** Column names and DuckDB types of a relation (temp ones included), from the result's field types. */
      const OIDS: Record<number, string> = { 16: "BOOLEAN", 20: "BIGINT", 21: "SMALLINT", 23: "INTEGER", 25: "VARCHAR", 700: "FLOAT", 701: "DOUBLE", 1043: "VARCHAR", 1082: "DATE", 1114: "TIMESTAMP", 1700: "DOUBLE" };
      const fieldTypes = async (rel: string, schema: string | null) => {
        const res = await pg.client.query(render({ ...select({ columns: [as(star())], from: table(rel, null, schema) }), limit: 0 }, postgres));
        return new Map(res.fields.map((f) => {
          const t = OIDS[f.dataTypeID];
          if (!t) throw new Error(`suggest --engine postgres: column ${rel}.${f.name} has a type (oid ${f.dataTypeID}) the pull does not read`);
          return [f.name, t] as [string, string];
        }));
      };
      const leadTypes = await fieldTypes(src.leads, src.schema);
      await pull(TABLES.leads, src.leads, leadTypes, new Set());
      const featureTypes = await fieldTypes(W.features, null);
      featureTypes.delete(LEAD_KEY);
      const strings = new Set([...featureTypes].filter(([n, t]) => n.startsWith("@") && t === "VARCHAR").map(([n]) => n));
      await pull(FEATURES_TABLE, W.features, featureTypes, strings);
      if (src.activities !== null && (await pgTables(pg)).has(src.activities)) {
        const q = select({ columns: [as(col("activity_type"))], from: table(src.activities, null, src.schema), where: isNotNull(col("activity_type")), distinct: true });
        const types = (await pg.query(render(q, postgres))).map((r) => String(r.activity_type)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const f2 = path.join(dir, "types.csv");
        writeCsv(f2, ["type_code", "activity_type"], types.map((t, i) => ({ type_code: i, activity_type: t })));
        await local.exec(render(createTable(ACTIVITY_TYPES_TABLE, select({ columns: [as(star())], from: read(f2, [["type_code", "INTEGER"], ["activity_type", "VARCHAR"]]) }))));
      }
    }
    await local.exec(render(script(createTable(OUTCOMES, select({ columns: [as(col("lead_id")), as(col("outcome"))], from: table("_pulled") })), drop("table", "_pulled"))));
    for (const v of result.versions) {
      const q = select({ columns: [as(col(LEAD_KEY), "lead_id"), as(col("fit_score")), as(col("engagement_score")), as(col("score")), as(col("tier"))], from: table(v.table) });
      const rows = (await pg.query(render(q, postgres))).map((r) => ({ ...r, lead_key: key.get(String(r.lead_id)) ?? null }));
      const file = path.join(dir, `${v.table}.csv`);
      writeCsv(file, ["lead_key", "fit_score", "engagement_score", "score", "tier"], rows);
      const src2 = read(file, [["lead_key", "INTEGER"], ["fit_score", "DOUBLE"], ["engagement_score", "DOUBLE"], ["score", "DOUBLE"], ["tier", "VARCHAR"]]);
      await local.exec(render(createTable(v.table, select({ columns: [as(star())], from: src2 }))));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
