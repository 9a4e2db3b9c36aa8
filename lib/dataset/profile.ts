/**
 * Before the excluded rows leave the staged leads table: value counts of the
 * category columns give the merge suggestions (`Google` / `google`),
 * constant columns, and cells that are missing markers padded with spaces
 * (`"Select "`, `"  "`), which are set to NULL here; the marker bit masks
 * give the missing-marker warning ("Select" treated as missing).
 */
import type { Db } from "../db/types.js";
import { MAX_CATEGORIES, suggestMerges } from "./categories.js";
import { markerCond, type SqlType } from "./columns.js";
import type { CsvSource } from "./read.js";
import { MAX_EXAMPLES, fmt, type Example, type MergeSuggestion, type Problem } from "./report.js";
import type { StageResult } from "./stage.js";
import { ident, inList } from "./sql.js";

export interface Profile {
  problems: Problem[];
  suggestions: MergeSuggestion[];
  /** Per source column: cells that were padded missing markers or spaces only (now NULL). */
  padded: Map<string, number>;
}

type Attr = { name: string; source: string; type: SqlType };

export async function profileLeads(
  db: Db, source: CsvSource, locate: StageResult["locate"], attrs: Attr[], profiled: string[], markers: string[],
  rowsUsed: number, markerOf: (col: string) => Record<string, number>,
): Promise<Profile> {
  const problems: Problem[] = [];
  const suggestions: MergeSuggestion[] = [];
  const padded = new Map<string, number>();
  const text = attrs.filter((a) => a.type === "VARCHAR");
  const typed = attrs.filter((a) => a.type !== "VARCHAR");
  const constant: string[] = [];

  if (text.length) {
    const parts = text.map(
      (a, i) => `(SELECT ${i} AS c, ${ident(a.name)} AS v, count(*) AS n FROM leads WHERE _rule IS NULL AND ${ident(a.name)} IS NOT NULL GROUP BY ${ident(a.name)} LIMIT ${MAX_CATEGORIES + 1})`,
    );
    const rows = await db.query<{ c: number; v: string; n: number }>(parts.join(" UNION ALL "));
    const byCol = new Map<number, { value: string; count: number }[]>();
    for (const r of rows) {
      const list = byCol.get(Number(r.c)) ?? [];
      list.push({ value: String(r.v), count: Number(r.n) });
      byCol.set(Number(r.c), list);
    }
    for (const [i, values] of byCol) {
      if (values.length > MAX_CATEGORIES) continue;
      const a = text[i];
      const pad = values.filter((v) => v.value.trim() === "" || markers.includes(v.value.trim()));
      if (pad.length) {
        await db.exec(`UPDATE leads SET ${ident(a.name)} = NULL WHERE ${inList(ident(a.name), pad.map((p) => p.value))}`);
        padded.set(a.source, pad.reduce((s, p) => s + p.count, 0));
      }
      const rest = values.filter((v) => !pad.includes(v));
      suggestions.push(...suggestMerges("leads", a.name, rest));
      if (rest.length === 1 && rest[0].count === rowsUsed && rowsUsed > 1) constant.push(a.source);
    }
  }
  if (typed.length && rowsUsed > 1) {
    const aggs = typed.map((a, i) => `count(${ident(a.name)}) = count(*) AND min(${ident(a.name)}) = max(${ident(a.name)}) AS k${i}`);
    const [r] = await db.query(`SELECT ${aggs.join(", ")} FROM leads WHERE _rule IS NULL`);
    typed.forEach((a, i) => r[`k${i}`] === true && constant.push(a.source));
  }
  for (const c of constant)
    problems.push({
      severity: "warning", code: "constant_column", file: "leads", count: rowsUsed, examples: [{ row: null, line: 1, column: c, value: null }],
      message: `leads column ${JSON.stringify(c)} has the same value in every row; it cannot tell leads apart`,
    });

  const withMarkers = profiled.filter((c) => Object.keys(markerOf(c)).length || padded.has(c));
  if (withMarkers.length) {
    const sum = (c: string) => Object.values(markerOf(c)).reduce((a, b) => a + b, 0) + (padded.get(c) ?? 0);
    const total = withMarkers.reduce((n, c) => n + sum(c), 0);
    const examples: Example[] = [];
    for (const c of withMarkers.slice(0, MAX_EXAMPLES)) {
      const i = profiled.indexOf(c);
      const conds = markers.map((_, j) => markerCond(i, j));
      const [r] = await db.query<{ id: number | null }>(`SELECT min(rowid) AS id FROM leads WHERE ${conds.join(" OR ") || "FALSE"}`);
      if (r?.id === null || r?.id === undefined) continue;
      const { row, line } = locate(Number(r.id));
      const col = source.columns.indexOf(c);
      examples.push({ row, line, column: c, value: source.index.fieldsOfRow(row)?.[col] ?? null });
    }
    const list = withMarkers
      .map((c) => {
        const parts = Object.entries(markerOf(c)).map(([k, n]) => `${JSON.stringify(k)} ×${fmt(n)}`);
        if (padded.get(c)) parts.push(`padded with spaces ×${fmt(padded.get(c)!)}`);
        return `${JSON.stringify(c)} ${parts.join(", ")}`;
      })
      .join("; ");
    problems.push({
      severity: "warning", code: "missing_marker", file: "leads", count: total, examples,
      message: `${fmt(total)} leads cell(s) hold a missing-value marker and were treated as missing: ${list}`,
    });
  }
  return { problems, suggestions, padded };
}
