/**
 * The one validation step every file goes through, in a single pass over
 * the CSV: the target table is created from the file read by DuckDB, with the
 * canonical columns and, per row, the number of the first rule it broke.
 * Rules that need another table (unknown lead, duplicates) are applied after,
 * as updates of that number. Rows that broke an exclusion rule are then
 * removed; rows that raised a "flag" (warning) are kept.
 *
 * Row numbers: the target table's rowid is the position of the record among
 * the records DuckDB kept (insertion order = file order); with the records
 * DuckDB rejected (their byte positions, mapped by the JavaScript record
 * index) this gives the data row and line. Example values come from the
 * file itself (the record re-parsed in JavaScript), exactly as written.
 */
import type { Db } from "../db/types.js";
import {
  alterTable, and, as, caseWhen, cast, cmp, col, count, createTable, deleteFrom, drop, dropColumn, eq, fn, inQuery, isNotNull, isNull, join as joinOn, lit,
  render, script, select, star, subquery, table, update, verbatim, type Expr, type Join, type Select, type Source,
} from "../sql/index.js";
import { collectRejects, locator, type CsvSource } from "./read.js";
import { MAX_EXAMPLES, type Example, type Exclusion, type Problem, type Severity } from "./report.js";

/**
 * A condition or value of a rule or column: a SQL tree. Text is still taken,
 * as one parenthesised verbatim fragment, but no caller in the code base
 * passes it (test/dataset/stage-tree.test.ts checks both give the same table).
 */
export type SqlPart = Expr | string;
const part = (x: SqlPart): Expr => (typeof x === "string" ? verbatim(`(${x})`) : x);

export interface Rule {
  code: string;
  severity: Severity;
  /**
   * Condition (true = the row breaks the rule): over the read_csv columns and
   * staged names for `rules`; over `t.` (the target) for `postRules` and
   * `flags`. Not read for the `unique` rule (its condition is the duplicate
   * check itself), which may leave it null.
   */
  cond: SqlPart | null;
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
  levels?: { name: string; expr: SqlPart }[][];
  /** Staged columns: name → expression over the read_csv columns (double-quoted source names) and the levels. */
  columns: { name: string; expr: SqlPart }[];
  /** Columns of the canonical table, in this order (a subset of `columns`; the others are helpers, dropped at the end). */
  keep: string[];
  /** Exclusion rules evaluated while reading, first match wins. */
  rules: Rule[];
  /** Exclusion rules evaluated afterwards, in order, on rows not yet excluded (may use `join`). */
  postRules?: Rule[];
  /** Warnings on kept rows (may use `join`). */
  flags: Rule[];
  /**
   * Join for postRules and flags, against the target as `t`, e.g.
   * leftJoin(table("leads", "l"), eq(col("lead_id", "l"), col("lead_id", "t"))).
   * (As text, the whole clause: `LEFT JOIN leads AS l ON l.lead_id = t.lead_id`.)
   */
  join?: Join | string;
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

const RULE = "_rule";
const ROWID = "rowid";

function condOf(r: Rule): Expr {
  if (r.cond === null) throw new Error(`runStage: rule ${r.code} has no condition`);
  return part(r.cond);
}

/** The source read by the stage: the CSV reader (a tree, or its SQL text). */
function readSource(sql: Source | string): Source {
  return typeof sql === "string" ? verbatim(sql) : sql;
}

export async function runStage(db: Db, spec: StageSpec): Promise<StageResult> {
  const { source } = spec;
  const target = spec.target;
  const ruleOf = spec.rules.length ? caseWhen(spec.rules.map((r, i) => ({ when: condOf(r), then: lit(i + 1) }))) : cast(lit(null), "INTEGER");
  const helpers = spec.columns.map((c) => c.name).filter((n) => !spec.keep.includes(n));
  const from = (rejects: boolean): Source =>
    (spec.levels ?? []).reduce<Source>(
      (inner, level, i) =>
        level.length ? subquery(select({ columns: [as(star()), ...level.map((c) => as(part(c.expr), c.name))], from: inner }), `_level${i}`) : inner,
      readSource(source.readSql(rejects)),
    );
  const create = (rejects: boolean) => {
    const staged = select({ columns: spec.columns.map((c) => as(part(c.expr), c.name)), from: from(rejects) });
    const q = select({ columns: [...[...spec.keep, ...helpers].map((n) => as(col(n))), as(ruleOf, RULE)], from: subquery(staged, "_staged") });
    return db.exec(render(createTable(target, q)));
  };
  const dropRejects = () => db.exec(render(script(drop("table", source.rejectTable), drop("table", source.rejectScan))));
  const problems: Problem[] = [];
  const excluded: Exclusion[] = [];
  let rejectedRows: number[] = [];
  try {
    await create(false);
  } catch {
    // Malformed records make the strict read fail: read again, setting them aside (slower, so only now).
    await dropRejects();
    try {
      await create(true);
    } catch (e) {
      throw new UnreadableCsv((e as Error).message.split("\n")[0]);
    }
    const rej = await collectRejects(db, source);
    rejectedRows = rej.rejectedRows;
    excluded.push(...rej.excluded);
    problems.push(...rej.problems);
    await dropRejects();
  }
  const locate = locator(source.index, rejectedRows);

  const t = (name: string) => col(name, "t");
  const targetT = (withJoin: boolean) => targetFrom(target, withJoin ? spec.join : undefined);
  /** Marks with rule number `n` the not-yet-excluded target rows that `rows` (a SELECT of t.rowid) returns. */
  const mark = (n: number, rows: Select) => db.exec(render(update(target, [{ column: RULE, value: lit(n) }], inQuery(col(ROWID), rows))));
  const rules = [...spec.rules];
  const after = [...(spec.postRules ?? [])];
  for (const r of after) {
    rules.push(r);
    await mark(rules.length, select({ columns: [as(t(ROWID))], ...targetT(true), where: and(isNull(t(RULE)), condOf(r)) }));
  }
  if (spec.unique) {
    const k = spec.unique.key;
    const DUPS = "_dups";
    rules.push(spec.unique.rule);
    const dups = select({
      columns: [as(col(k), "key"), as(fn("min", col(ROWID)), "first")],
      from: table(target),
      where: isNull(col(RULE)),
      groupBy: [col(k)],
      having: cmp(">", count(), lit(1)),
    });
    await db.exec(render(createTable(DUPS, dups, { temp: true })));
    const [{ n }] = await db.query<{ n: number }>(render(select({ columns: [as(count(), "n")], from: table(DUPS) })));
    if (Number(n) > 0)
      await mark(
        rules.length,
        select({
          columns: [as(t(ROWID))],
          from: table(target, "t"),
          joins: [joinOn(table(DUPS), eq(t(k), col("key", DUPS)))],
          where: and(isNull(t(RULE)), cmp("<>", t(ROWID), col("first", DUPS))),
        }),
      );
    await db.exec(render(drop("table", DUPS, false)));
  }

  const counts = await db.query<{ rule: number | null; n: number }>(
    render(select({ columns: [as(col(RULE), "rule"), as(count(), "n")], from: table(target), groupBy: [col(RULE)] })),
  );
  const byRule = new Map<number, number>();
  let rowsUsed = 0;
  let kept = 0;
  for (const c of counts) {
    kept += Number(c.n);
    if (c.rule === null) rowsUsed = Number(c.n);
    else byRule.set(Number(c.rule), Number(c.n));
  }
  const examples = (rule: Rule, where: Expr, withJoin: boolean) => examplesFor(db, spec, locate, rule, where, targetT(withJoin));
  for (let i = 0; i < rules.length; i++) {
    const count = byRule.get(i + 1) ?? 0;
    if (!count) continue;
    const r = rules[i];
    const ex = await examples(r, eq(t(RULE), lit(i + 1)), false);
    excluded.push({ reason: r.code, count, examples: ex });
    problems.push({ severity: r.severity, code: r.code, message: r.message(count, ex[0]), file: source.kind, count, examples: ex });
  }
  if (spec.flags.length) {
    const q = select({
      columns: spec.flags.map((f, i) => as(fn("count_if", condOf(f)), `f${i}`)),
      ...targetT(true),
      where: isNull(t(RULE)),
    });
    const [fc] = await db.query(render(q));
    for (let i = 0; i < spec.flags.length; i++) {
      const count = Number(fc[`f${i}`] ?? 0);
      if (!count) continue;
      const f = spec.flags[i];
      const ex = await examples(f, and(isNull(t(RULE)), condOf(f)), true);
      problems.push({ severity: f.severity, code: f.code, message: f.message(count, ex[0]), file: source.kind, count, examples: ex });
    }
  }
  const finish = async () => {
    if (rowsUsed < kept) await db.exec(render(deleteFrom(target, isNotNull(col(RULE)))));
    for (const h of [...helpers, RULE]) await db.exec(render(alterTable(target, dropColumn(h))));
  };
  return { rowsRead: kept + rejectedRows.length, rowsUsed, excluded, problems, locate, finish };
}

/** FROM the target as `t`, with the spec's join if given (as text, the clause is pasted after `target AS t`). */
function targetFrom(target: string, j: Join | string | undefined): { from: Source; joins: Join[] } {
  const t = table(target, "t");
  if (j === undefined || j === "") return { from: t, joins: [] };
  if (typeof j !== "string") return { from: t, joins: [j] };
  return { from: verbatim(`${render(t)} ${j}`), joins: [] };
}

async function examplesFor(
  db: Db,
  spec: StageSpec,
  locate: StageResult["locate"],
  rule: Rule,
  where: Expr,
  from: { from: Source; joins: Join[] },
): Promise<Example[]> {
  const q = select({
    columns: [as(col(ROWID, "t"), "id")],
    ...from,
    where,
    orderBy: [col(ROWID, "t")],
    limit: MAX_EXAMPLES,
  });
  const ids = await db.query<{ id: number }>(render(q));
  const col_ = rule.column === null ? -1 : spec.source.columns.indexOf(rule.column);
  return ids.map(({ id }) => {
    const { row, line } = locate(Number(id));
    const fields = col_ >= 0 ? spec.source.index.fieldsOfRow(row) : null;
    return { row, line, column: rule.column, value: fields?.[col_] ?? null };
  });
}
