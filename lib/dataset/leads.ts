/**
 * Builds the canonical `leads` table from the raw leads file: lead_id,
 * created_at, optional label, then the attribute columns typed VARCHAR /
 * DOUBLE / BOOLEAN (lib/tables.ts).
 *
 * Decisions: rows without an id or with an unreadable creation date are
 * excluded; of duplicate lead ids the first row in file order is kept and
 * the later ones excluded (warning); leads created after an explicit asOf
 * are excluded. An attribute's type is inferred from the first 10,000 rows;
 * if a later value contradicts it, the column is read as text instead
 * (warning). Values that do not fit an explicitly declared type become
 * missing (warning); the row is kept.
 */
import type { Db } from "../db/types.js";
import { inferType, markerCounts, sampleStats, SAMPLE_ROWS, type SqlType } from "./columns.js";
import { profileLeads } from "./profile.js";
import type { RawFile } from "./read.js";
import { fmt, show, type ColumnSummary, type Example, type MergeSuggestion, type Problem } from "./report.js";
import type { AttributeType, DatasetDescription } from "./schema.js";
import { FALSE_WORDS, TRUE_WORDS, cleanText, ident, inList, isMissing, literal, parseTimestamp, timestampLiteral } from "./sql.js";
import { runStage, type Rule, type StageResult } from "./stage.js";

export interface LeadsResult extends StageResult {
  columns: ColumnSummary[];
  /** Attribute columns of the canonical table (canonical name → source column and type). */
  attributes: { name: string; source: string; type: SqlType }[];
  suggestions: MergeSuggestion[];
}

const RESERVED = ["lead_id", "created_at", "label"];
export const at = (e: Example | undefined) =>
  e ? ` (first: data row ${e.row}${e.column ? `, column ${JSON.stringify(e.column)}` : ""}, value ${show(e.value)})` : "";

/** Reports mapped columns that the file lacks; returns true when all are there. */
export function checkColumns(kind: Problem["file"], path: string, needed: { role: string; column: string }[], available: string[], problems: Problem[]): boolean {
  const missing = needed.filter((n) => !available.includes(n.column));
  for (const m of missing)
    problems.push({
      severity: "error", code: "missing_column", file: kind, count: 1,
      message: `${kind} file ${JSON.stringify(path)} has no column ${JSON.stringify(m.column)} (mapped as ${m.role}); available columns: ${available.map((a) => JSON.stringify(a)).join(", ")}`,
      examples: [{ row: null, line: 1, column: m.column, value: null }],
    });
  return missing.length === 0;
}

interface Attr { name: string; source: string; declared: AttributeType; type: SqlType }

/** Creates `leads` from `raw` following the description; `asOf` is the explicit end date, if any. */
export async function buildLeads(db: Db, d: DatasetDescription, raw: RawFile, asOf: string | undefined): Promise<LeadsResult | null> {
  const L = d.leads;
  const problems: Problem[] = [];
  const declared = (L.attributes ?? []).map((a) => (typeof a === "string" ? { column: a, type: "auto" as AttributeType } : a));
  const needed = [
    { role: "leads.id", column: L.id },
    ...(L.createdAt ? [{ role: "leads.createdAt", column: L.createdAt }] : []),
    ...(L.label ? [{ role: "leads.label.column", column: L.label.column }] : []),
    ...declared.map((a) => ({ role: "leads.attributes", column: a.column })),
  ];
  if (!checkColumns("leads", raw.report.path, needed, raw.columns, problems)) return null;

  const markers = [...new Set(d.missingValues.map((m) => m.trim()).filter((m) => m !== ""))];
  const mapped = new Set([L.id, L.createdAt, L.label?.column].filter((c): c is string => !!c));
  const wanted = L.attributes ? declared : raw.columns.filter((c) => !mapped.has(c)).map((c) => ({ column: c, type: "auto" as AttributeType }));
  const sample = new Map((await sampleStats(db, raw.table, wanted.map((a) => a.column), markers)).map((s) => [s.name, s]));
  const marks = await markerCounts(db, raw.table, raw.columns, markers);
  const markOf = new Map(marks.map((m) => [m.name, m]));

  const attrs: Attr[] = [];
  const taken = new Set(RESERVED);
  for (const a of wanted) {
    const m = markOf.get(a.column)!;
    const missing = m.empty + Object.values(m.markers).reduce((x, y) => x + y, 0);
    if (m.rows > 0 && missing === m.rows) {
      problems.push({
        severity: "warning", code: "empty_column", file: "leads", count: m.rows, examples: [{ row: null, line: 1, column: a.column, value: null }],
        message: `leads column ${JSON.stringify(a.column)} is missing in every row; it was left out of the attributes`,
      });
      continue;
    }
    let name = a.column;
    if (taken.has(name)) {
      name = `attr_${name}`;
      problems.push({
        severity: "warning", code: "renamed_column", file: "leads", count: 1, examples: [{ row: null, line: 1, column: a.column, value: null }],
        message: `leads column ${JSON.stringify(a.column)} clashes with a canonical column name; it is called ${JSON.stringify(name)} in the leads table`,
      });
    }
    taken.add(name);
    const s = sample.get(a.column)!;
    const type: SqlType = a.type === "number" ? "DOUBLE" : a.type === "boolean" ? "BOOLEAN" : a.type === "auto" ? inferType(s) : "VARCHAR";
    attrs.push({ name, source: a.column, declared: a.type, type });
    if (a.type === "auto" && type === "VARCHAR" && s.numbers > 0 && s.numbers >= 0.95 * s.nonMissing)
      problems.push(await mostlyNumeric(db, raw, a.column, markers));
  }

  let result = await runStage(db, leadsStage(d, raw, attrs, markers, asOf));
  const mismatched = result.problems.filter((p) => p.code === "type_mismatch");
  if (mismatched.length) {
    // A value after the sample contradicts an inferred type: read those columns as text.
    for (const p of mismatched) {
      const attr = attrs.find((a) => a.source === p.examples[0]?.column)!;
      problems.push({
        severity: "warning", code: "type_fallback", file: "leads", count: p.count, examples: p.examples,
        message: `leads column ${JSON.stringify(attr.source)} looked ${attr.type === "DOUBLE" ? "numeric" : "boolean"} in the first ${fmt(SAMPLE_ROWS)} rows, but ${fmt(p.count)} later value(s) are not${at(p.examples[0])}; it was read as text. Declare its type to decide`,
      });
      attr.type = "VARCHAR";
    }
    result = await runStage(db, leadsStage(d, raw, attrs, markers, asOf));
  }
  for (const p of result.problems.filter((q) => q.code === "bad_number")) {
    const col = attrs.find((a) => a.source === p.examples[0]?.column);
    if (col) await db.exec(`UPDATE leads SET ${ident(col.name)} = NULL WHERE isnan(${ident(col.name)})`);
  }
  const prof = await profileLeads(db, raw, attrs, marks, markers, result.rowsUsed);
  const role = (c: string) =>
    c === L.id ? "id" : c === L.createdAt ? "createdAt" : c === L.label?.column ? "label" : attrs.some((a) => a.source === c) ? "attribute" : "unused";
  const columns: ColumnSummary[] = marks.map((m) => ({
    name: m.name, role: role(m.name),
    type: m.name === L.createdAt ? "TIMESTAMP" : m.name === L.label?.column ? "BOOLEAN" : m.name === L.id ? "VARCHAR" : attrs.find((a) => a.source === m.name)?.type ?? "ignored",
    missing: m.empty + Object.values(m.markers).reduce((x, y) => x + y, 0) + (prof.padded.get(m.name) ?? 0),
    markers: m.markers,
  }));
  return {
    ...result,
    problems: [...problems, ...result.problems, ...prof.problems],
    columns,
    attributes: attrs.map(({ name, source, type }) => ({ name, source, type })),
    suggestions: prof.suggestions,
  };
}

function leadsStage(d: DatasetDescription, raw: RawFile, attrs: Attr[], markers: string[], asOf: string | undefined) {
  const L = d.leads;
  const columns = [{ name: "lead_id", expr: cleanText(L.id, d.missingValues) }];
  const keep = ["lead_id", "created_at"];
  const rules: Rule[] = [{
    code: "missing_lead_id", severity: "warning", cond: "lead_id IS NULL", column: L.id,
    message: (n, e) => `${fmt(n)} lead row(s) have no id in column ${JSON.stringify(L.id)} (empty, spaces or a missing marker) and were excluded${at(e)}`,
  }];
  if (L.createdAt) {
    columns.push(
      { name: "_created_missing", expr: isMissing(ident(L.createdAt), markers) },
      { name: "created_at", expr: parseTimestamp(cleanText(L.createdAt, d.missingValues), d.dateFormats) },
    );
    rules.push(
      {
        code: "missing_date", severity: "warning", cond: "_created_missing", column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead row(s) have no creation date in column ${JSON.stringify(L.createdAt)} and were excluded${at(e)}`,
      },
      {
        code: "bad_date", severity: "warning", cond: "created_at IS NULL", column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead row(s) have a creation date that is not a date and were excluded${at(e)}; accepted: YYYY-MM-DD[ HH:MM:SS] (ISO 8601), YYYY/MM/DD; declare others in "dateFormats", e.g. ["%d/%m/%Y"]`,
      },
    );
    if (asOf)
      rules.push({
        code: "lead_after_end", severity: "warning", cond: `created_at > ${timestampLiteral(asOf)}`, column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead(s) were created after asOf ${asOf} and were excluded${at(e)}`,
      });
  } else columns.push({ name: "created_at", expr: timestampLiteral(asOf!) });

  const flags: Rule[] = [];
  if (L.label) {
    const lab = L.label;
    const c = ident(lab.column);
    const low = (xs: string[]) => xs.map((x) => x.trim().toLowerCase());
    const l = `lower(${cleanText(lab.column, d.missingValues)})`;
    columns.push(
      { name: "label", expr: `CASE WHEN ${inList(l, low(lab.positive))} THEN TRUE WHEN ${inList(l, low(lab.negative))} THEN FALSE END` },
      { name: "_label_bad", expr: `NOT ${isMissing(c, markers)} AND NOT ${inList(l, [...low(lab.positive), ...low(lab.negative)])}` },
    );
    keep.push("label");
    flags.push({
      code: "label_unexpected", severity: "warning", cond: "_label_bad", column: lab.column,
      message: (n, e) => `${fmt(n)} lead(s) have a label in ${JSON.stringify(lab.column)} that is neither positive (${lab.positive.join(", ")}) nor negative (${lab.negative.join(", ")}); they are kept with no label (open)${at(e)}`,
    });
  }
  for (const a of attrs) {
    const c = ident(a.source);
    const miss = isMissing(c, markers);
    const recode = d.leads.recode?.[a.source];
    const v = recode && Object.keys(recode).length
      ? `CASE ${c} ${Object.entries(recode).map(([f, t]) => `WHEN ${literal(f)} THEN ${literal(t)}`).join(" ")} ELSE ${c} END`
      : c;
    keep.push(a.name);
    if (a.type === "VARCHAR") {
      columns.push({ name: a.name, expr: `CASE WHEN ${miss} THEN NULL ELSE ${v} END` });
      continue;
    }
    const bad = `_bad_${columns.length}`;
    if (a.type === "DOUBLE") {
      // NaN marks a value that is not a number (isnan below); reset to NULL after the count.
      columns.push({ name: a.name, expr: `CASE WHEN ${miss} THEN NULL WHEN isfinite(TRY_CAST(${v} AS DOUBLE)) THEN TRY_CAST(${v} AS DOUBLE) ELSE 'NaN'::DOUBLE END` });
      flags.push(typeFlag(a, `isnan(${ident(a.name)})`));
    } else {
      const l = `lower(trim(${v}))`;
      columns.push(
        { name: a.name, expr: `CASE WHEN ${miss} THEN NULL WHEN ${inList(l, TRUE_WORDS)} THEN TRUE WHEN ${inList(l, FALSE_WORDS)} THEN FALSE END` },
        { name: bad, expr: `NOT ${miss} AND NOT ${inList(l, [...TRUE_WORDS, ...FALSE_WORDS])}` },
      );
      flags.push(typeFlag(a, ident(bad)));
    }
  }
  return {
    raw, target: "leads", columns, keep, rules, flags,
    unique: {
      key: "lead_id",
      rule: {
        code: "duplicate_lead_id", severity: "warning" as const, cond: "", column: L.id,
        message: (n: number, e: Example | undefined) => `${fmt(n)} lead row(s) repeat an id seen earlier in the file; the first row of each id was kept and the repeats excluded${at(e)}`,
      },
    },
  };
}

function typeFlag(a: Attr, cond: string): Rule {
  const what = a.type === "DOUBLE" ? "a number" : "true/false/yes/no";
  return {
    code: a.declared === "auto" ? "type_mismatch" : a.type === "DOUBLE" ? "bad_number" : "bad_boolean",
    severity: "warning", cond, column: a.source,
    message: (n, e) => `${fmt(n)} value(s) in leads column ${JSON.stringify(a.source)} (declared ${a.declared}) are not ${what}; they were treated as missing${at(e)}`,
  };
}

/** Warning for a column that is numeric but for a few values (read as text). */
async function mostlyNumeric(db: Db, raw: RawFile, column: string, markers: string[]): Promise<Problem> {
  const c = ident(column);
  const cond = `NOT ${isMissing(c, markers)} AND TRY_CAST(${c} AS DOUBLE) IS NULL`;
  const [{ n }] = await db.query<{ n: number }>(`SELECT count_if(${cond}) AS n FROM ${ident(raw.table)}`);
  const rows = await db.query<{ id: number; v: string }>(`SELECT rowid AS id, ${c} AS v FROM ${ident(raw.table)} WHERE ${cond} ORDER BY rowid LIMIT 5`);
  const examples = rows.map((r) => ({ ...raw.locate(Number(r.id)), column, value: r.v }));
  return {
    severity: "warning", code: "mostly_numeric", file: "leads", count: Number(n), examples,
    message: `leads column ${JSON.stringify(column)} holds numbers except for ${fmt(Number(n))} value(s)${at(examples[0])}; it was read as text. Add such values to "missingValues" or declare {"column": ${JSON.stringify(column)}, "type": "number"}`,
  };
}
