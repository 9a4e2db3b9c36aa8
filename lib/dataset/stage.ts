/**
 * The one validation step every file goes through, in a single pass over
 * the CSV: `CREATE TABLE <target> AS SELECT <canonical columns>, <first rule
 * broken> FROM read_csv(...)`. Rules that need another table (unknown lead,
 * duplicates) are applied after with UPDATE. Rows that broke an exclusion
 * rule are then deleted, rows that raised a "flag" (warning) are kept.
 *
 * Row numbers: the target table's rowid is the position of the record among
 * the records DuckDB kept (insertion order = file order); with the records
 * DuckDB rejected (their byte positions, mapped by the JavaScript record
 * index) this gives the data row and line. Example values come from the
 * file itself (the record re-parsed in JavaScript), exactly as written.
 */
import type { Db } from "../db/types.js";
import { collectRejects, locator, type CsvSource } from "./read.js";
import { MAX_EXAMPLES, type Example, type Exclusion, type Problem, type Severity } from "./report.js";
import { ident } from "./sql.js";

export interface Rule {
  code: string;
  severity: Severity;
  /** SQL condition (true = the row breaks the rule): over the read_csv columns and staged names for `rules`; over `t.` (the target) for `postRules` and `flags`. */
  cond: string;
  /** Source column whose value the examples show. */
  column: string | null;
  message(count: number, first: Example | undefined): string;
}

export interface StageSpec {
  source: CsvSource;
  /** Canonical table to create, e.g. "leads". */
  target: string;
  /**
   * Intermediate columns computed once and reused by `columns` (each level
   * can use the read_csv columns and the earlier levels), so that a cleaned
   * value is not recomputed in every expression that needs it.
   */
  levels?: { name: string; expr: string }[][];
  /** Staged columns: name → SQL over the read_csv columns (double-quoted source names) and the levels. */
  columns: { name: string; expr: string }[];
  /** Columns of the canonical table, in this order (a subset of `columns`; the others are helpers, dropped at the end). */
  keep: string[];
  /** Exclusion rules evaluated while reading, first match wins. */
  rules: Rule[];
  /** Exclusion rules evaluated afterwards, in order, on rows not yet excluded (may use `join`). */
  postRules?: Rule[];
  /** Warnings on kept rows (may use `join`). */
  flags: Rule[];
  /** Join clause for postRules and flags, e.g. `LEFT JOIN leads AS l ON l.lead_id = t.lead_id`. */
  join?: string;
  /** Keep only the first row (file order) per key among rows not excluded; later ones are excluded with `rule`. */
  unique?: { key: string; rule: Rule };
}

export interface StageResult {
  rowsRead: number;
  rowsUsed: number;
  excluded: Exclusion[];
  problems: Problem[];
  /** Data row and line of the record at target rowid `id` (before `finish`). */
  locate(id: number): { row: number; line: number | null };
  /** Deletes excluded rows and drops helper columns (call after reading helpers). */
  finish(): Promise<void>;
}

/** Thrown when DuckDB cannot read the file even with malformed records set aside. */
export class UnreadableCsv extends Error {}

export async function runStage(db: Db, spec: StageSpec): Promise<StageResult> {
  const { source } = spec;
  const target = ident(spec.target);
  const caseExpr = spec.rules.length ? `CASE ${spec.rules.map((r, i) => `WHEN ${r.cond} THEN ${i + 1}`).join(" ")} END` : "NULL::INTEGER";
  const helpers = spec.columns.map((c) => c.name).filter((n) => !spec.keep.includes(n));
  const from = (rejects: boolean) =>
    (spec.levels ?? []).reduce(
      (inner, level) => (level.length ? `(SELECT *, ${level.map((c) => `${c.expr} AS ${ident(c.name)}`).join(", ")} FROM ${inner})` : inner),
      source.readSql(rejects),
    );
  const create = (rejects: boolean) =>
    db.exec(
      `CREATE OR REPLACE TABLE ${target} AS SELECT ${[...spec.keep, ...helpers].map(ident).join(", ")}, ${caseExpr} AS _rule FROM (` +
        `SELECT ${spec.columns.map((c) => `${c.expr} AS ${ident(c.name)}`).join(", ")} FROM ${from(rejects)})`,
    );
  const problems: Problem[] = [];
  const excluded: Exclusion[] = [];
  let rejectedRows: number[] = [];
  try {
    await create(false);
  } catch {
    // Malformed records make the strict read fail: read again, setting them aside (slower, so only now).
    await db.exec(`DROP TABLE IF EXISTS ${ident(source.rejectTable)}; DROP TABLE IF EXISTS ${ident(source.rejectScan)}`);
    try {
      await create(true);
    } catch (e) {
      throw new UnreadableCsv((e as Error).message.split("\n")[0]);
    }
    const rej = await collectRejects(db, source);
    rejectedRows = rej.rejectedRows;
    excluded.push(...rej.excluded);
    problems.push(...rej.problems);
    await db.exec(`DROP TABLE IF EXISTS ${ident(source.rejectTable)}; DROP TABLE IF EXISTS ${ident(source.rejectScan)}`);
  }
  const locate = locator(source.index, rejectedRows);

  const rules = [...spec.rules];
  const after = [...(spec.postRules ?? [])];
  const join = spec.join ?? "";
  for (const r of after) {
    rules.push(r);
    await db.exec(
      `UPDATE ${target} SET _rule = ${rules.length} WHERE rowid IN (SELECT t.rowid FROM ${target} AS t ${join} WHERE t._rule IS NULL AND (${r.cond}))`,
    );
  }
  if (spec.unique) {
    const k = ident(spec.unique.key);
    rules.push(spec.unique.rule);
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE _dups AS SELECT ${k} AS key, min(rowid) AS first FROM ${target} WHERE _rule IS NULL GROUP BY ${k} HAVING count(*) > 1`,
    );
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM _dups`);
    if (Number(n) > 0)
      await db.exec(
        `UPDATE ${target} SET _rule = ${rules.length} WHERE rowid IN (SELECT t.rowid FROM ${target} AS t JOIN _dups ON t.${k} = _dups.key WHERE t._rule IS NULL AND t.rowid <> _dups.first)`,
      );
    await db.exec(`DROP TABLE _dups`);
  }

  const counts = await db.query<{ rule: number | null; n: number }>(`SELECT _rule AS rule, count(*) AS n FROM ${target} GROUP BY _rule`);
  const byRule = new Map<number, number>();
  let rowsUsed = 0;
  let kept = 0;
  for (const c of counts) {
    kept += Number(c.n);
    if (c.rule === null) rowsUsed = Number(c.n);
    else byRule.set(Number(c.rule), Number(c.n));
  }
  const examples = (rule: Rule, where: string, withJoin: boolean) => examplesFor(db, spec, locate, rule, where, withJoin ? join : "");
  for (let i = 0; i < rules.length; i++) {
    const count = byRule.get(i + 1) ?? 0;
    if (!count) continue;
    const r = rules[i];
    const ex = await examples(r, `t._rule = ${i + 1}`, false);
    excluded.push({ reason: r.code, count, examples: ex });
    problems.push({ severity: r.severity, code: r.code, message: r.message(count, ex[0]), file: source.kind, count, examples: ex });
  }
  if (spec.flags.length) {
    const [fc] = await db.query(`SELECT ${spec.flags.map((f, i) => `count_if(${f.cond}) AS f${i}`).join(", ")} FROM ${target} AS t ${join} WHERE t._rule IS NULL`);
    for (let i = 0; i < spec.flags.length; i++) {
      const count = Number(fc[`f${i}`] ?? 0);
      if (!count) continue;
      const f = spec.flags[i];
      const ex = await examples(f, `t._rule IS NULL AND (${f.cond})`, true);
      problems.push({ severity: f.severity, code: f.code, message: f.message(count, ex[0]), file: source.kind, count, examples: ex });
    }
  }
  const finish = async () => {
    if (rowsUsed < kept) await db.exec(`DELETE FROM ${target} WHERE _rule IS NOT NULL`);
    for (const h of [...helpers, "_rule"]) await db.exec(`ALTER TABLE ${target} DROP COLUMN ${ident(h)}`);
  };
  return { rowsRead: kept + rejectedRows.length, rowsUsed, excluded, problems, locate, finish };
}

async function examplesFor(db: Db, spec: StageSpec, locate: StageResult["locate"], rule: Rule, where: string, join: string): Promise<Example[]> {
  const ids = await db.query<{ id: number }>(`SELECT t.rowid AS id FROM ${ident(spec.target)} AS t ${join} WHERE ${where} ORDER BY t.rowid LIMIT ${MAX_EXAMPLES}`);
  const col = rule.column === null ? -1 : spec.source.columns.indexOf(rule.column);
  return ids.map(({ id }) => {
    const { row, line } = locate(Number(id));
    const fields = col >= 0 ? spec.source.index.fieldsOfRow(row) : null;
    return { row, line, column: rule.column, value: fields?.[col] ?? null };
  });
}
