/**
 * After staging, before the excluded rows leave the leads table: the text
 * attributes still hold their cells as written. Value counts of the category
 * columns give the merge suggestions (`Google` / `google`), constant columns,
 * the exact missing-marker counts and the markers padded with spaces
 * (`"Select "`, `"  "`); markers of the other text columns are counted
 * directly. Then every such cell is set to NULL (one UPDATE per column that
 * has any). Mapped and typed columns bring their counts from the staging bit
 * masks. Result: one "missing_marker" warning and the per-column counts.
 */
import type { Db } from "../db/types.js";
import { MAX_CATEGORIES, suggestMerges } from "./categories.js";
import { markerCond, type SqlType } from "./columns.js";
import type { CsvSource } from "./read.js";
import { MAX_EXAMPLES, fmt, type Example, type MergeSuggestion, type Problem } from "./report.js";
import type { StageResult } from "./stage.js";
import { agg, and, as, col, count, eq, isNotNull, isNull, lit, or, render, select, table, unionAll, update, type Expr } from "../sql/index.js";
import { inValues } from "./exprs.js";

export interface Profile {
  problems: Problem[];
  suggestions: MergeSuggestion[];
  /** Per source column: exact marker counts, e.g. {"Select": 1942}. */
  markers: Map<string, Record<string, number>>;
}

type Attr = { name: string; source: string; type: SqlType };

export async function profileLeads(
  db: Db, source: CsvSource, locate: StageResult["locate"], attrs: Attr[], masked: string[], markers: string[],
  rowsUsed: number, maskCounts: Map<string, Record<string, number>>,
): Promise<Profile> {
  const problems: Problem[] = [];
  const suggestions: MergeSuggestion[] = [];
  const markerCounts = new Map(maskCounts);
  const padded = new Map<string, number>();
  const firstRow = new Map<string, number>();
  const text = attrs.filter((a) => a.type === "VARCHAR");
  const typed = attrs.filter((a) => a.type !== "VARCHAR");
  const constant: string[] = [];
  const leads = table("leads");
  const firstRowWhere = (where: Expr) => render(select({ columns: [as(agg("min", [col("rowid")]), "id")], from: leads, where }));
  const [{ n: staged }] = await db.query<{ n: number }>(render(select({ columns: [as(count(), "n")], from: leads })));
  const clear = async (a: Attr, values: string[]) => {
    const cells = inValues(col(a.name), values);
    const [r] = await db.query<{ id: number | null }>(firstRowWhere(cells));
    if (r.id !== null) firstRow.set(a.source, Number(r.id));
    await db.exec(render(update("leads", [{ column: a.name, value: lit(null) }], cells)));
  };

  const large: Attr[] = [];
  if (text.length) {
    const parts = text.map((a, i) =>
      select({
        columns: [as(lit(i), "c"), as(col(a.name), "v"), as(count(), "n")], from: leads,
        where: isNotNull(col(a.name)), groupBy: [col(a.name)], limit: MAX_CATEGORIES + 1,
      }),
    );
    const rows = await db.query<{ c: number; v: string; n: number }>(render(unionAll(...parts)));
    const byCol = new Map<number, { value: string; count: number }[]>(text.map((_, i) => [i, []]));
    for (const r of rows) byCol.get(Number(r.c))!.push({ value: String(r.v), count: Number(r.n) });
    for (const [i, values] of byCol) {
      const a = text[i];
      if (values.length > MAX_CATEGORIES) {
        large.push(a);
        continue;
      }
      const exact: Record<string, number> = {};
      const gone = values.filter((v) => {
        const t = v.value.trim();
        if (markers.includes(v.value)) exact[v.value] = v.count;
        else if (t === "" || markers.includes(t)) padded.set(a.source, (padded.get(a.source) ?? 0) + v.count);
        else return false;
        return true;
      });
      markerCounts.set(a.source, exact);
      if (gone.length) await clear(a, gone.map((g) => g.value));
      const rest = values.filter((v) => !gone.includes(v));
      suggestions.push(...suggestMerges("leads", a.name, rest));
      if (rest.length === 1 && rest[0].count === Number(staged) && rowsUsed > 1) constant.push(a.source);
    }
  }
  if (large.length && markers.length) {
    const counts = large.flatMap((a, i) => markers.map((m, j) => as(agg("count_if", [eq(col(a.name), lit(m))]), `m${i}_${j}`)));
    const [r] = await db.query(render(select({ columns: counts, from: leads })));
    for (const [i, a] of large.entries()) {
      const exact: Record<string, number> = {};
      markers.forEach((m, j) => Number(r[`m${i}_${j}`]) && (exact[m] = Number(r[`m${i}_${j}`])));
      markerCounts.set(a.source, exact);
      if (Object.keys(exact).length) await clear(a, Object.keys(exact));
    }
  }
  if (typed.length && rowsUsed > 1) {
    const aggs = typed.map((a, i) =>
      as(and(eq(count(col(a.name)), count()), eq(agg("min", [col(a.name)]), agg("max", [col(a.name)]))), `k${i}`),
    );
    const [r] = await db.query(render(select({ columns: aggs, from: leads, where: isNull(col("_rule")) })));
    typed.forEach((a, i) => r[`k${i}`] === true && constant.push(a.source));
  }
  for (const c of constant)
    problems.push({
      severity: "warning", code: "constant_column", file: "leads", count: rowsUsed, examples: [{ row: null, line: 1, column: c, value: null }],
      message: `leads column ${JSON.stringify(c)} has the same value in every row; it cannot tell leads apart`,
    });

  const sum = (c: string) => Object.values(markerCounts.get(c) ?? {}).reduce((a, b) => a + b, 0) + (padded.get(c) ?? 0);
  const withMarkers = source.columns.filter((c) => sum(c) > 0);
  if (withMarkers.length) {
    const total = withMarkers.reduce((n, c) => n + sum(c), 0);
    const examples: Example[] = [];
    for (const c of withMarkers.slice(0, MAX_EXAMPLES)) {
      let id = firstRow.get(c);
      const i = masked.indexOf(c);
      if (id === undefined && i >= 0) {
        const [r] = await db.query<{ id: number | null }>(firstRowWhere(or(...markers.map((_, j) => markerCond(i, j)))));
        if (r.id !== null) id = Number(r.id);
      }
      if (id === undefined) continue;
      const { row, line } = locate(id);
      examples.push({ row, line, column: c, value: source.index.fieldsOfRow(row)?.[source.columns.indexOf(c)] ?? null });
    }
    const list = withMarkers
      .map((c) => {
        const parts = Object.entries(markerCounts.get(c) ?? {}).map(([k, n]) => `${JSON.stringify(k)} ×${fmt(n)}`);
        if (padded.get(c)) parts.push(`spaces only or padded with spaces ×${fmt(padded.get(c)!)}`);
        return `${JSON.stringify(c)} ${parts.join(", ")}`;
      })
      .join("; ");
    problems.push({
      severity: "warning", code: "missing_marker", file: "leads", count: total, examples,
      message: `${fmt(total)} leads cell(s) hold a missing-value marker and were treated as missing: ${list}`,
    });
  }
  return { problems, suggestions, markers: markerCounts };
}
