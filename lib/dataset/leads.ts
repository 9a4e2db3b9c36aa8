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
import { inferType, markerCountAggs, markerMaskColumns, sampleStatsOfRows, SAMPLE_ROWS, type SqlType } from "./columns.js";
import { profileLeads } from "./profile.js";
import type { CsvSource } from "./read.js";
import { fmt, show, type ColumnSummary, type Example, type MergeSuggestion, type Problem } from "./report.js";
import type { AttributeType, DatasetDescription } from "./schema.js";
import {
  and, as, caseWhen, cast, cmp, coalesce, col, count, eq, fn, isNotNull, isNull, lit, not, or, render, select, table, tryCast, typedLit, update, type Expr,
} from "../sql/index.js";
import { FALSE_WORDS, TRUE_WORDS, inValues, parseTimestamp, t, trimmed, type StageColumn } from "./exprs.js";
import { runStage, type Rule, type StageResult, type StageSpec } from "./stage.js";
import { dateChecks } from "./dates.js";

export interface LeadsResult extends Omit<StageResult, "finish" | "locate"> {
  columns: ColumnSummary[];
  /** Attribute columns of the canonical table (canonical name → source column and type). */
  attributes: { name: string; source: string; type: SqlType }[];
  suggestions: MergeSuggestion[];
}

const RESERVED = ["lead_id", "created_at", "label", "lead_key"];
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

/** Creates `leads` from the CSV `source` following the description; `asOf` is the explicit end date, if any. */
export async function buildLeads(db: Db, d: DatasetDescription, source: CsvSource, asOf: string | undefined): Promise<(LeadsResult & { ok: true }) | { ok: false; problems: Problem[] }> {
  const L = d.leads;
  const problems: Problem[] = [];
  const declared = (L.attributes ?? []).map((a) => (typeof a === "string" ? { column: a, type: "auto" as AttributeType } : a));
  const needed = [
    { role: "leads.id", column: L.id },
    ...(L.createdAt ? [{ role: "leads.createdAt", column: L.createdAt }] : []),
    ...(L.label ? [{ role: "leads.label.column", column: L.label.column }] : []),
    ...declared.map((a) => ({ role: "leads.attributes", column: a.column })),
  ];
  if (!checkColumns("leads", source.report.path, needed, source.columns, problems)) return { ok: false, problems };

  const markers = [...new Set(d.missingValues.map((m) => m.trim()).filter((m) => m !== ""))];
  const mapped = [L.id, L.createdAt, L.label?.column].filter((c): c is string => !!c);
  const wanted = L.attributes ? declared : source.columns.filter((c) => !mapped.includes(c)).map((c) => ({ column: c, type: "auto" as AttributeType }));
  const sample = new Map(sampleStatsOfRows(source.sampleRows(), source.columns, wanted.map((a) => a.column), markers).map((s) => [s.name, s]));

  const attrs: Attr[] = [];
  const taken = new Set(RESERVED);
  for (const a of wanted) {
    let name = a.column;
    if (taken.has(name.toLowerCase())) {
      name = `attr_${name}`;
      problems.push({
        severity: "warning", code: "renamed_column", file: "leads", count: 1, examples: [{ row: null, line: 1, column: a.column, value: null }],
        message: `leads column ${JSON.stringify(a.column)} clashes with a canonical column name; it is called ${JSON.stringify(name)} in the leads table`,
      });
    }
    taken.add(name.toLowerCase());
    const s = sample.get(a.column)!;
    const type: SqlType = a.type === "number" ? "DOUBLE" : a.type === "boolean" ? "BOOLEAN" : a.type === "auto" ? inferType(s) : "VARCHAR";
    attrs.push({ name, source: a.column, declared: a.type, type });
  }
  // Exact marker counts: bit masks for the mapped and typed columns (their markers become NULL while staging);
  // text attributes keep their cells as written until profileLeads counts and clears the markers.
  const masked = [...mapped, ...attrs.filter((a) => a.type !== "VARCHAR").map((a) => a.source)];

  let stage = await runStage(db, (leadsStage(d, source, attrs, markers, masked, asOf)));
  const mismatched = stage.problems.filter((p) => p.code === "type_mismatch");
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
    stage = await runStage(db, (leadsStage(d, source, attrs, markers, masked, asOf)));
  }
  for (const p of stage.problems.filter((q) => q.code === "bad_number")) {
    const attr = attrs.find((a) => a.source === p.examples[0]?.column);
    if (attr) await db.exec(render(update("leads", [{ column: attr.name, value: lit(null) }], or(fn("isnan", col(attr.name)), fn("isinf", col(attr.name))))));
  }

  const [maskAgg] = await db.query(render(select({ columns: [as(count(), "n"), ...markerCountAggs(masked, markers)], from: table("leads") })));
  const maskCounts = new Map(masked.map((c, i) => {
    const out: Record<string, number> = {};
    markers.forEach((m, j) => {
      const k = Number(maskAgg[`m${i}_${j}`]);
      if (k) out[m] = k;
    });
    return [c, out] as const;
  }));
  const prof = await profileLeads(db, source, stage.locate, attrs, masked, markers, stage.rowsUsed, maskCounts);
  const markerOf = (col: string) => prof.markers.get(col) ?? {};
  // Column summary over the rows read: missing = NULL after staging and clearing (empty, spaces, markers).
  const summaryCols = [L.id, ...(L.createdAt ? [L.createdAt] : []), ...(L.label ? [L.label.column] : []), ...attrs.map((a) => a.source)];
  const staged = ["lead_id", ...(L.createdAt ? ["created_at"] : []), ...(L.label ? ["label"] : []), ...attrs.map((a) => a.name)];
  const [agg] = await db.query(render(select({ columns: [as(count(), "n"), ...staged.map((c, i) => as(count(col(c)), `nn${i}`))], from: table("leads") })));
  const rowsStaged = Number(agg.n);
  for (const a of attrs) {
    const i = staged.indexOf(a.name);
    if (rowsStaged > 0 && Number(agg[`nn${i}`]) === 0)
      problems.push({
        severity: "warning", code: "empty_column", file: "leads", count: rowsStaged, examples: [{ row: null, line: 1, column: a.source, value: null }],
        message: `leads column ${JSON.stringify(a.source)} is missing in every row; it cannot tell leads apart (left in the table, all NULL)`,
      });
  }
  await stage.finish();
  const role = (c: string) =>
    c === L.id ? "id" : c === L.createdAt ? "createdAt" : c === L.label?.column ? "label" : attrs.some((a) => a.source === c) ? "attribute" : "unused";
  const columns: ColumnSummary[] = source.columns.map((name) => {
    const i = summaryCols.indexOf(name);
    return {
      name, role: role(name),
      type: name === L.createdAt ? "TIMESTAMP" : name === L.label?.column ? "BOOLEAN" : name === L.id ? "VARCHAR" : attrs.find((a) => a.source === name)?.type ?? "ignored",
      missing: i < 0 ? null : rowsStaged - Number(agg[`nn${i}`]),
      markers: markerOf(name),
    };
  });
  return {
    ok: true,
    rowsRead: stage.rowsRead, rowsUsed: stage.rowsUsed, excluded: stage.excluded,
    problems: [...problems, ...stage.problems, ...prof.problems],
    columns,
    attributes: attrs.map(({ name, source: src, type }) => ({ name, source: src, type })),
    suggestions: prof.suggestions,
  };
}

function leadsStage(d: DatasetDescription, source: CsvSource, attrs: Attr[], markers: string[], masked: string[], asOf: string | undefined): StageSpec {
  const L = d.leads;
  const missing = ["", ...markers];
  // Level 1 trims the mapped columns, level 2 turns missing cells into NULL: computed once, used by several expressions.
  const mappedCols = [["id", L.id], ["created", L.createdAt], ["label", L.label?.column]].filter((m): m is [string, string] => !!m[1]);
  const levels = [
    mappedCols.map(([k, c]) => ({ name: `_p_${k}`, expr: k === "label" ? fn("lower", trimmed(col(c))) : trimmed(col(c)) })),
    mappedCols.map(([k]) => ({ name: `_q_${k}`, expr: caseWhen([{ when: inValues(col(`_p_${k}`), missing), then: lit(null) }], col(`_p_${k}`)) })),
  ];
  const columns: StageColumn[] = [{ name: "lead_id", expr: col("_q_id") }];
  const keep = ["lead_id", "created_at"];
  const rules: Rule[] = [{
    code: "missing_lead_id", severity: "warning", cond: isNull(col("lead_id")), column: L.id,
    message: (n, e) => `${fmt(n)} lead row(s) have no id in column ${JSON.stringify(L.id)} (empty, spaces or a missing marker) and were excluded${at(e)}`,
  }];
  if (L.createdAt) {
    columns.push({ name: "_created_missing", expr: isNull(col("_q_created")) }, { name: "created_at", expr: parseTimestamp(col("_q_created"), d.dateFormats) });
    rules.push(
      {
        code: "missing_date", severity: "warning", cond: col("_created_missing"), column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead row(s) have no creation date in column ${JSON.stringify(L.createdAt)} and were excluded${at(e)}`,
      },
      {
        code: "bad_date", severity: "warning", cond: isNull(col("created_at")), column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead row(s) have a creation date that is not a date and were excluded${at(e)}; accepted: YYYY-MM-DD[ HH:MM:SS] (ISO 8601), YYYY/MM/DD; declare others in "dateFormats", e.g. ["%d/%m/%Y"]`,
      },
    );
    if (asOf)
      rules.push({
        code: "lead_after_end", severity: "warning", cond: cmp(">", col("created_at"), typedLit("TIMESTAMP", asOf)), column: L.createdAt,
        message: (n, e) => `${fmt(n)} lead(s) were created after asOf ${asOf} and were excluded${at(e)}`,
      });
  } else columns.push({ name: "created_at", expr: typedLit("TIMESTAMP", asOf!) });

  const flags: Rule[] = [];
  if (L.createdAt) {
    const checks = dateChecks({ file: "leads", target: "leads", column: L.createdAt, text: col("_q_created"), parsed: "created_at", key: "created", formats: d.dateFormats });
    columns.push(...checks.columns);
    flags.push(...checks.flags);
  }
  if (L.label) {
    const lab = L.label;
    const low = (xs: string[]) => xs.map((x) => x.trim().toLowerCase());
    const q = col("_q_label");
    columns.push(
      { name: "label", expr: caseWhen([{ when: inValues(q, low(lab.positive)), then: lit(true) }, { when: inValues(q, low(lab.negative)), then: lit(false) }]) },
      { name: "_label_bad", expr: and(isNotNull(q), not(inValues(q, [...low(lab.positive), ...low(lab.negative)]))) },
    );
    keep.push("label");
    flags.push({
      code: "label_unexpected", severity: "warning", cond: t("_label_bad"), column: lab.column,
      message: (n, e) => `${fmt(n)} lead(s) have a label in ${JSON.stringify(lab.column)} that is neither positive (${lab.positive.join(", ")}) nor negative (${lab.negative.join(", ")}); they are kept with no label (open)${at(e)}`,
    });
  }
  for (const a of attrs) {
    const c = col(a.source);
    const recode = d.leads.recode && Object.hasOwn(d.leads.recode, a.source) ? d.leads.recode[a.source] : undefined;
    const v: Expr = recode && Object.keys(recode).length
      ? caseWhen(Object.entries(recode).map(([from, to]) => ({ when: eq(c, lit(from)), then: lit(to) })), c)
      : c;
    keep.push(a.name);
    if (a.type === "VARCHAR") {
      // Kept as written here (a plain copy); profileLeads counts and clears missing markers afterwards.
      columns.push({ name: a.name, expr: v });
      continue;
    }
    const miss = or(isNull(v), inValues(v, missing));
    if (a.type === "DOUBLE") {
      // NaN marks a value that is not a number; counted as a flag, then reset to NULL.
      columns.push({ name: a.name, expr: caseWhen([{ when: miss, then: lit(null) }], coalesce(tryCast(v, "DOUBLE"), cast(lit("NaN"), "DOUBLE"))) });
      flags.push(typeFlag(a, or(fn("isnan", t(a.name)), fn("isinf", t(a.name)))));
    } else {
      const bad = `_bad_${columns.length}`;
      const l = fn("lower", v);
      columns.push(
        { name: a.name, expr: caseWhen([{ when: miss, then: lit(null) }, { when: inValues(l, TRUE_WORDS), then: lit(true) }, { when: inValues(l, FALSE_WORDS), then: lit(false) }]) },
        { name: bad, expr: and(isNotNull(v), not(miss), not(inValues(l, [...TRUE_WORDS, ...FALSE_WORDS]))) },
      );
      flags.push(typeFlag(a, t(bad)));
    }
  }
  columns.push(...markerMaskColumns(masked, markers));
  return {
    source, target: "leads", levels, columns, keep, rules, flags,
    unique: {
      key: "lead_id",
      rule: {
        code: "duplicate_lead_id", severity: "warning", cond: null, column: L.id,
        message: (n, e) => `${fmt(n)} lead row(s) repeat an id seen earlier in the file; the first row of each id was kept and the repeats excluded${at(e)}`,
      },
    },
  };
}

function typeFlag(a: Attr, cond: Expr): Rule {
  const what = a.type === "DOUBLE" ? "a number" : "true/false/yes/no";
  return {
    code: a.declared === "auto" ? "type_mismatch" : a.type === "DOUBLE" ? "bad_number" : "bad_boolean",
    severity: "warning", cond, column: a.source,
    message: (n, e) => `${fmt(n)} value(s) in leads column ${JSON.stringify(a.source)} (declared ${a.declared}) are not ${what}; they were treated as missing${at(e)}`,
  };
}

