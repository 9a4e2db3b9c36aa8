/**
 * The one validation step every file goes through: from the raw VARCHAR
 * table, compute the canonical columns and, in the same pass, the first rule
 * each row breaks; rows breaking an exclusion rule are left out of the
 * canonical table, rows breaking a warning-only "flag" are kept. Counts and
 * the first examples (data row, column, raw value) come back for the report.
 */
import type { Db } from "../db/types.js";
import type { RawFile } from "./read.js";
import { MAX_EXAMPLES, type Example, type Exclusion, type Problem, type Severity } from "./report.js";
import { ident } from "./sql.js";

export interface Rule {
  code: string;
  severity: Severity;
  /** SQL condition over the staged columns (true = the row breaks the rule). */
  cond: string;
  /** Source column shown in examples. */
  column: string | null;
  /** SQL over the raw table giving the example value (default: the source column). */
  value?: string;
  message(count: number, first: Example | undefined): string;
}

export interface StageSpec {
  raw: RawFile;
  /** Canonical table to create, e.g. "leads". */
  target: string;
  /** Staged columns: name → SQL over the raw table (may use LEFT JOINs given in `from`). */
  columns: { name: string; expr: string }[];
  /** Extra FROM clause after `raw AS r` (joins); the raw table is aliased `r`. */
  joins?: string;
  /** Columns of the canonical table, in this order (a subset of `columns`; the others are helpers, dropped at the end). */
  keep: string[];
  /** Exclusion rules, first match wins. */
  rules: Rule[];
  /** Warnings on kept rows. */
  flags: Rule[];
  /** Keep only the first row (in file order) per key among usable rows; later ones are excluded with this rule. */
  unique?: { key: string; rule: Rule };
}

export interface StageResult {
  rowsUsed: number;
  excluded: Exclusion[];
  problems: Problem[];
}

/**
 * Runs a stage: creates the canonical table with a `_rule` column, excludes
 * the rows that broke a rule, then drops the helper columns (cheaper in
 * DuckDB than copying the kept rows into a new table).
 */
export async function runStage(db: Db, spec: StageSpec): Promise<StageResult> {
  const { raw } = spec;
  const target = ident(spec.target);
  const caseExpr = spec.rules.length
    ? `CASE ${spec.rules.map((r, i) => `WHEN ${r.cond} THEN ${i + 1}`).join(" ")} END`
    : "NULL::INTEGER";
  const names = spec.columns.map((c) => c.name);
  const helpers = ["_rowid", ...names.filter((n) => !spec.keep.includes(n))];
  await db.exec(
    `CREATE OR REPLACE TABLE ${target} AS SELECT ${[...spec.keep, ...helpers].map(ident).join(", ")}, ${caseExpr} AS _rule FROM (` +
      `SELECT r.rowid AS _rowid, ${spec.columns.map((c) => `${c.expr} AS ${ident(c.name)}`).join(", ")} ` +
      `FROM ${ident(raw.table)} AS r ${spec.joins ?? ""})`,
  );
  const rules = [...spec.rules];
  if (spec.unique) {
    const k = ident(spec.unique.key);
    rules.push(spec.unique.rule);
    const dupCode = rules.length;
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE _dups AS SELECT ${k} AS key, min(_rowid) AS first FROM ${target} WHERE _rule IS NULL GROUP BY ${k} HAVING count(*) > 1`,
    );
    const n = Number((await db.query(`SELECT count(*) AS n FROM _dups`))[0].n);
    if (n > 0)
      await db.exec(
        `UPDATE ${target} SET _rule = ${dupCode} FROM _dups WHERE ${target}._rule IS NULL AND ${target}.${k} = _dups.key AND ${target}._rowid <> _dups.first`,
      );
    await db.exec(`DROP TABLE _dups`);
  }

  const counts = await db.query<{ rule: number | null; n: number }>(`SELECT _rule AS rule, count(*) AS n FROM ${target} GROUP BY _rule`);
  let rowsUsed = 0;
  const excluded: Exclusion[] = [];
  const problems: Problem[] = [];
  const byRule = new Map<number, number>();
  for (const c of counts) {
    if (c.rule === null) rowsUsed = Number(c.n);
    else byRule.set(Number(c.rule), Number(c.n));
  }
  for (let i = 0; i < rules.length; i++) {
    const count = byRule.get(i + 1) ?? 0;
    if (!count) continue;
    const examples = await examplesFor(db, spec, rules[i], `_rule = ${i + 1}`);
    const r = rules[i];
    excluded.push({ reason: r.code, count, examples });
    problems.push({ severity: r.severity, code: r.code, message: r.message(count, examples[0]), file: raw.kind, count, examples });
  }

  if (spec.flags.length) {
    const fc = await db.query(
      `SELECT ${spec.flags.map((f, i) => `count_if(${f.cond}) AS f${i}`).join(", ")} FROM ${target} WHERE _rule IS NULL`,
    );
    for (let i = 0; i < spec.flags.length; i++) {
      const count = Number(fc[0][`f${i}`] ?? 0);
      if (!count) continue;
      const f = spec.flags[i];
      const examples = await examplesFor(db, spec, f, `_rule IS NULL AND (${f.cond})`);
      problems.push({ severity: f.severity, code: f.code, message: f.message(count, examples[0]), file: raw.kind, count, examples });
    }
  }

  if (rowsUsed < Number(counts.reduce((s, c) => s + Number(c.n), 0))) await db.exec(`DELETE FROM ${target} WHERE _rule IS NOT NULL`);
  for (const h of [...helpers, "_rule"]) await db.exec(`ALTER TABLE ${target} DROP COLUMN ${ident(h)}`);
  return { rowsUsed, excluded, problems };
}

async function examplesFor(db: Db, spec: StageSpec, rule: Rule, where: string): Promise<Example[]> {
  const target = ident(spec.target);
  const ids = await db.query<{ id: number }>(`SELECT _rowid AS id FROM ${target} WHERE ${where} ORDER BY _rowid LIMIT ${MAX_EXAMPLES}`);
  if (!ids.length) return [];
  const valueExpr = rule.value ?? (rule.column ? ident(rule.column) : "NULL");
  const vals = await db.query<{ id: number; v: string | null }>(
    `SELECT rowid AS id, CAST(${valueExpr} AS VARCHAR) AS v FROM ${ident(spec.raw.table)} WHERE rowid IN (${ids.map((r) => Number(r.id)).join(", ")})`,
  );
  const byId = new Map(vals.map((v) => [Number(v.id), v.v]));
  return ids.map(({ id }) => {
    const { row, line } = spec.raw.locate(Number(id));
    return { row, line, column: rule.column, value: byId.get(Number(id)) ?? null };
  });
}
