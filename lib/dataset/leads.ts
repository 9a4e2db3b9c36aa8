/**
 * Builds the canonical `leads` table from the raw leads file: lead_id,
 * created_at, optional label, then the attribute columns typed VARCHAR /
 * DOUBLE / BOOLEAN (lib/tables.ts).
 *
 * Decisions: rows without an id or with an unreadable creation date are
 * excluded; of duplicate lead ids the first row in file order is kept and
 * the later ones excluded (warning); leads created after an explicit asOf
 * are excluded. Attribute values that do not fit the column's declared type
 * become missing (warning), the row is kept.
 */
import type { Db } from "../db/types.js";
import { columnStats, inferType, type ColumnStats, type SqlType } from "./columns.js";
import type { RawFile } from "./read.js";
import { MAX_EXAMPLES, fmt, show, type ColumnSummary, type Example, type Problem } from "./report.js";
import type { AttributeType, DatasetDescription } from "./schema.js";
import { cleanText, ident, inList, literal, parseBoolean, parseNumber, parseTimestamp, timestampLiteral } from "./sql.js";
import { runStage, type Rule, type StageResult } from "./stage.js";

export interface LeadsResult extends StageResult {
  columns: ColumnSummary[];
  /** Attribute columns of the canonical table (canonical name → source column and type). */
  attributes: { name: string; source: string; type: SqlType }[];
}

const RESERVED = ["lead_id", "created_at", "label"];
const at = (e: Example | undefined) => (e ? ` (first: data row ${e.row}${e.column ? `, column ${JSON.stringify(e.column)}` : ""}, value ${show(e.value)})` : "");

/** Reports mapped columns that the file lacks; returns true when all are there. */
export function checkColumns(kind: string, path: string, needed: { role: string; column: string }[], available: string[], problems: Problem[]): boolean {
  const missing = needed.filter((n) => !available.includes(n.column));
  for (const m of missing)
    problems.push({
      severity: "error", code: "missing_column", file: kind as Problem["file"], count: 1,
      message: `${kind} file ${JSON.stringify(path)} has no column ${JSON.stringify(m.column)} (mapped as ${m.role}); available columns: ${available.map((a) => JSON.stringify(a)).join(", ")}`,
      examples: [{ row: null, line: 1, column: m.column, value: null }],
    });
  return missing.length === 0;
}

/** Creates `leads` from `raw` following the description; `asOf` is the explicit end date, if any. */
export async function buildLeads(db: Db, d: DatasetDescription, raw: RawFile, asOf: string | undefined): Promise<LeadsResult | null> {
  const L = d.leads;
  const problems: Problem[] = [];
  const path = raw.report.path;
  const declared = (L.attributes ?? []).map((a) => (typeof a === "string" ? { column: a, type: "auto" as AttributeType } : a));
  const needed = [
    { role: "leads.id", column: L.id },
    ...(L.createdAt ? [{ role: "leads.createdAt", column: L.createdAt }] : []),
    ...(L.label ? [{ role: "leads.label.column", column: L.label.column }] : []),
    ...declared.map((a) => ({ role: "leads.attributes", column: a.column })),
  ];
  if (!checkColumns("leads", path, needed, raw.columns, problems)) return null;

  const mapped = new Set([L.id, L.createdAt, L.label?.column].filter((c): c is string => !!c));
  const attrs = L.attributes ? declared : raw.columns.filter((c) => !mapped.has(c)).map((c) => ({ column: c, type: "auto" as AttributeType }));
  const stats = await columnStats(db, raw.table, raw.columns, d.missingValues);
  const statOf = new Map(stats.map((s) => [s.name, s]));
  const markers = d.missingValues.map((m) => m.trim()).filter((m) => m !== "");

  const columns: StageColumn[] = [
    { name: "lead_id", expr: cleanText(L.id, d.missingValues) },
  ];
  const rules: Rule[] = [
    {
      code: "missing_lead_id", severity: "warning", cond: "lead_id IS NULL", column: L.id,
      message: (n, e) => `${fmt(n)} lead row(s) have no id in column ${JSON.stringify(L.id)} (empty, whitespace or a missing marker) and were excluded${at(e)}`,
    },
  ];
  if (L.createdAt) {
    const txt = cleanText(L.createdAt, d.missingValues);
    columns.push({ name: "_created_txt", expr: txt }, { name: "created_at", expr: parseTimestamp(txt, d.dateFormats) });
    rules.push(
      {
        code: "missing_date", severity: "warning", cond: "_created_txt IS NULL", column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead row(s) have no creation date in column ${JSON.stringify(L.createdAt)} and were excluded${at(e)}`,
      },
      {
        code: "bad_date", severity: "warning", cond: "created_at IS NULL", column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead row(s) have a creation date that is not a date and were excluded${at(e)}; accepted: YYYY-MM-DD[ HH:MM:SS] (ISO 8601), YYYY/MM/DD; declare others in "dateFormats", e.g. ["%d/%m/%Y"]`,
      },
    );
  } else columns.push({ name: "created_at", expr: timestampLiteral(asOf!) });
  if (asOf && L.createdAt)
    rules.push({
      code: "lead_after_end", severity: "warning", cond: `created_at > ${timestampLiteral(asOf)}`, column: L.createdAt,
      message: (n, e) => `${fmt(n)} lead(s) were created after asOf ${asOf} and were excluded${at(e)}`,
    });

  const flags: Rule[] = [];
  const keep = ["lead_id", "created_at"];
  if (L.label) {
    const lab = L.label;
    const txt = cleanText(lab.column, d.missingValues);
    const low = (xs: string[]) => xs.map((x) => x.trim().toLowerCase());
    columns.push(
      { name: "_label_txt", expr: txt },
      { name: "label", expr: `CASE WHEN ${inList(`lower(${txt})`, low(lab.positive))} THEN TRUE WHEN ${inList(`lower(${txt})`, low(lab.negative))} THEN FALSE END` },
    );
    keep.push("label");
    flags.push({
      code: "label_unexpected", severity: "warning", cond: "_label_txt IS NOT NULL AND label IS NULL", column: lab.column,
      message: (n, e) => `${fmt(n)} lead(s) have a label in ${JSON.stringify(lab.column)} that is neither positive (${lab.positive.join(", ")}) nor negative (${lab.negative.join(", ")}); they are kept with no label (open)${at(e)}`,
    });
  }

  const attributes: LeadsResult["attributes"] = [];
  const taken = new Set(keep);
  for (const a of attrs) {
    const s = statOf.get(a.column)!;
    if (s.rows > 0 && s.missing === s.rows) {
      problems.push({
        severity: "warning", code: "empty_column", file: "leads", count: s.rows, examples: [],
        message: `leads column ${JSON.stringify(a.column)} is missing in every row; it was left out of the attributes`,
      });
      continue;
    }
    let name = a.column;
    if (RESERVED.includes(name) || taken.has(name)) {
      name = `attr_${name}`;
      problems.push({
        severity: "warning", code: "renamed_column", file: "leads", count: 1, examples: [{ row: null, line: 1, column: a.column, value: null }],
        message: `leads column ${JSON.stringify(a.column)} clashes with a canonical column name; it is called ${JSON.stringify(name)} in the leads table`,
      });
    }
    taken.add(name);
    const type = sqlTypeOf(a.type, s);
    attributes.push({ name, source: a.column, type });
    columns.push({ name, expr: attributeExpr(a.column, type, d, markers) });
    keep.push(name);
    addTypeFlags(a, name, type, s, d, columns, flags);
    if (s.distinct === 1 && s.missing === 0 && s.rows > 1)
      problems.push({
        severity: "warning", code: "constant_column", file: "leads", count: s.rows, examples: [],
        message: `leads column ${JSON.stringify(a.column)} has a single value in every row; it cannot tell leads apart`,
      });
  }
  problems.push(...(await markerProblem(db, raw, stats, markers)));

  const result = await runStage(db, {
    raw, target: "leads", columns, keep, rules, flags,
    unique: {
      key: "lead_id",
      rule: {
        code: "duplicate_lead_id", severity: "warning", cond: "", column: L.id,
        message: (n, e) => `${fmt(n)} lead row(s) repeat an id seen earlier in the file; the first row of each id was kept and the repeats excluded${at(e)}`,
      },
    },
  });
  const role = (c: string) =>
    c === L.id ? "id" : c === L.createdAt ? "createdAt" : c === L.label?.column ? "label" : attributes.some((a) => a.source === c) ? "attribute" : "unused";
  const summary: ColumnSummary[] = stats.map((s) => ({
    name: s.name, role: role(s.name), missing: s.missing, markers: s.markers,
    type: s.name === L.createdAt ? "TIMESTAMP" : s.name === L.label?.column ? "BOOLEAN" : attributes.find((a) => a.source === s.name)?.type ?? (s.name === L.id ? "VARCHAR" : "ignored"),
  }));
  return { ...result, problems: [...problems, ...result.problems], columns: summary, attributes };
}

type StageColumn = { name: string; expr: string };

function sqlTypeOf(t: AttributeType, s: ColumnStats): SqlType {
  if (t === "number") return "DOUBLE";
  if (t === "boolean") return "BOOLEAN";
  if (t === "text" || t === "category") return "VARCHAR";
  return inferType(s);
}

/** Attribute value: recoded, then missing markers → NULL, then typed. Text keeps its spelling (merge suggestions report it). */
function attributeExpr(col: string, type: SqlType, d: DatasetDescription, markers: string[]): string {
  const recode = d.leads.recode?.[col];
  let v = ident(col);
  if (recode && Object.keys(recode).length)
    v = `CASE ${v} ${Object.entries(recode).map(([f, t]) => `WHEN ${literal(f)} THEN ${literal(t)}`).join(" ")} ELSE ${v} END`;
  const t = `trim(${v})`;
  const isMissing = `${t} = '' OR ${inList(t, markers)}`;
  if (type === "DOUBLE") return `CASE WHEN ${isMissing} THEN NULL ELSE ${parseNumber(t)} END`;
  if (type === "BOOLEAN") return `CASE WHEN ${isMissing} THEN NULL ELSE ${parseBoolean(t)} END`;
  return `CASE WHEN ${isMissing} THEN NULL ELSE ${v} END`;
}

function addTypeFlags(a: { column: string; type: AttributeType }, name: string, type: SqlType, s: ColumnStats, d: DatasetDescription, columns: StageColumn[], flags: Rule[]) {
  const nonMissing = s.rows - s.missing;
  const fits = type === "DOUBLE" ? s.numbers : type === "BOOLEAN" ? s.booleans : nonMissing;
  const txt = `_t_${columns.length}`;
  if (a.type !== "auto" && fits < nonMissing) {
    columns.push({ name: txt, expr: cleanText(a.column, d.missingValues) });
    const what = type === "DOUBLE" ? "a number" : "true/false/yes/no";
    flags.push({
      code: type === "DOUBLE" ? "bad_number" : "bad_boolean", severity: "warning", cond: `${ident(txt)} IS NOT NULL AND ${ident(name)} IS NULL`, column: a.column,
      message: (n, e) => `${fmt(n)} value(s) in leads column ${JSON.stringify(a.column)} (declared ${a.type}) are not ${what}; they were treated as missing${e ? ` (first: data row ${e.row}, value ${show(e.value)})` : ""}`,
    });
  } else if (a.type === "auto" && type === "VARCHAR" && s.numbers >= 0.95 * nonMissing && nonMissing - s.numbers <= 1000 && s.numbers > 0) {
    flags.push({
      code: "mostly_numeric", severity: "warning", cond: `${ident(name)} IS NOT NULL AND TRY_CAST(trim(${ident(name)}) AS DOUBLE) IS NULL`, column: a.column,
      message: (n, e) => `leads column ${JSON.stringify(a.column)} holds numbers except for ${fmt(n)} value(s) such as ${show(e?.value ?? null)} (data row ${e?.row}); it was read as text. Add such values to "missingValues" or declare {"column": ${JSON.stringify(a.column)}, "type": "number"}`,
    });
  }
}

/** One warning listing, per column, how many cells hold a missing marker such as "Select". */
async function markerProblem(db: Db, raw: RawFile, stats: ColumnStats[], markers: string[]): Promise<Problem[]> {
  const withMarkers = stats.filter((s) => Object.keys(s.markers).length);
  if (!withMarkers.length) return [];
  const total = withMarkers.reduce((n, s) => n + Object.values(s.markers).reduce((a, b) => a + b, 0), 0);
  const examples: Example[] = [];
  for (const s of withMarkers.slice(0, MAX_EXAMPLES)) {
    const [r] = await db.query<{ id: number; v: string }>(
      `SELECT rowid AS id, ${ident(s.name)} AS v FROM ${ident(raw.table)} WHERE ${inList(`trim(${ident(s.name)})`, markers)} LIMIT 1`,
    );
    if (r) examples.push({ ...raw.locate(Number(r.id)), column: s.name, value: r.v });
  }
  const list = withMarkers
    .map((s) => `${JSON.stringify(s.name)} ${Object.entries(s.markers).map(([m, n]) => `${JSON.stringify(m)} ×${fmt(n)}`).join(", ")}`)
    .join("; ");
  return [{
    severity: "warning", code: "missing_marker", file: "leads", count: total, examples,
    message: `${fmt(total)} leads cell(s) hold a missing-value marker and were treated as missing: ${list}`,
  }];
}
