/**
 * loadDataset: the one path from a dataset description and the bytes of its
 * files to the canonical tables (leads, deals, activities, and the view
 * lead_outcomes) plus a ValidationReport. The CLI (`leadscore validate`) and
 * the browser data page both call it; only how the bytes are obtained
 * differs.
 */
import type { Db } from "../db/types.js";
import { dropCanonical, keyTables } from "../canonical.js";
import { buildActivities } from "./activities.js";
import { MAX_CATEGORIES, findMerges } from "./categories.js";
import { buildDeals } from "./deals.js";
import { buildLeads } from "./leads.js";
import { createOutcomes } from "./outcomes.js";
import { prepareCsv, type CsvSource } from "./read.js";
import { UnreadableCsv } from "./stage.js";
import { ROW_CONVENTION, checkInvariant, fmt, type FileReport, type Problem, type ValidationReport } from "./report.js";
import { FILE_KINDS, type DatasetDescription, type FileKind } from "./schema.js";
import {
  addInterval, agg, as, cmp, col, crossJoin, cte, drop, isNotNull, lit, render, script, select, subquery, table, unionAll, withCtes,
} from "../sql/index.js";
import { OUTLIER_DAYS_AFTER_P99 } from "./limits.js";
import { dropLeadBase } from "../workbench/lead-base.js";

export interface LoadProgress {
  /** key: lead keys and the compact activity table (lib/canonical.ts keyTables), the last step. */
  phase: "read" | "validate" | "outcomes" | "key" | "done";
  file?: FileKind;
  /** 0..1 over the whole load. */
  fraction: number;
}

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  /** Largest CSV file accepted, in bytes (default DEFAULT_MAX_FILE_BYTES, 1 GiB). */
  maxFileBytes?: number;
}

/**
 * Loads and validates a dataset. `files` maps each `files.*.path` of the
 * description (exactly as written there) to the file's bytes. Never throws
 * on bad data: every problem is in the report; `usable` is false when any is
 * an error, and then the canonical tables must not be used.
 */
export async function loadDataset(
  db: Db,
  description: DatasetDescription,
  files: Record<string, Uint8Array>,
  options: LoadOptions = {},
): Promise<ValidationReport> {
  const report: ValidationReport = {
    dataset: description.name, usable: false, asOf: null, asOfSource: null,
    maturityDays: description.maturityDays, rowConvention: ROW_CONVENTION,
    files: {}, problems: [], suggestions: [], outcomes: null,
  };
  const progress = (phase: LoadProgress["phase"], fraction: number, file?: FileKind) => options.onProgress?.({ phase, file, fraction });
  await dropLeadBase(db); // the leads and their outcomes are written again
  try {
    await run(db, description, files, report, progress, options);
  } catch (e) {
    report.problems.push({
      severity: "error", code: "internal_error", file: null, count: 1, examples: [],
      message: `loadDataset failed unexpectedly: ${(e as Error).message}. This is a bug in the workbench; please report it with the file`,
    });
  }
  report.usable = !report.problems.some((p) => p.severity === "error");
  progress("done", 1);
  return report;
}

async function run(
  db: Db, d: DatasetDescription, files: Record<string, Uint8Array>, report: ValidationReport,
  progress: (phase: LoadProgress["phase"], fraction: number, file?: FileKind) => void,
  options: LoadOptions,
) {
  await dropCanonical(db);
  const kinds = FILE_KINDS.filter((k) => d.files[k]);
  const raws: Partial<Record<FileKind, CsvSource>> = {};
  for (const [i, kind] of kinds.entries()) {
    progress("read", (0.5 * i) / kinds.length, kind);
    const spec = d.files[kind]!;
    const bytes = files[spec.path];
    if (!bytes) {
      report.files[kind] = emptyReport(kind, spec.path);
      report.problems.push({
        severity: "error", code: "file_not_provided", file: kind, count: 1, examples: [],
        message: `the ${kind} file ${JSON.stringify(spec.path)} was not provided (given: ${Object.keys(files).map((f) => JSON.stringify(f)).join(", ") || "none"})`,
      });
      continue;
    }
    const r = await prepareCsv(db, kind, spec, bytes, options.maxFileBytes);
    report.files[kind] = r.report;
    report.problems.push(...r.problems);
    if (r.source) raws[kind] = r.source;
  }

  const explicitAsOf = d.asOf;
  let leadsOk = false;
  if (raws.leads) {
    progress("validate", 0.5, "leads");
    const res = await guard(report, "leads", () => buildLeads(db, d, raws.leads!, explicitAsOf));
    if (res && !res.ok) report.problems.push(...res.problems);
    if (res?.ok) {
      apply(report.files.leads!, res);
      report.files.leads!.columns = res.columns;
      report.problems.push(...res.problems);
      leadsOk = res.rowsUsed > 0;
      if (res.rowsRead === 0) report.problems.push(err("leads", "no_data_rows", `leads file ${JSON.stringify(raws.leads.report.path)} has a header but no data rows`));
      else if (!leadsOk) report.problems.push(err("leads", "no_usable_leads", "no lead row is usable: see the other problems of the leads file"));
      report.suggestions.push(...res.suggestions);
    }
  }
  for (const kind of ["deals", "activities"] as const) {
    const raw = raws[kind];
    if (!raw) continue;
    if (!leadsOk) {
      report.problems.push({ severity: "warning", code: "not_checked", file: kind, count: 1, examples: [], message: `the ${kind} file was not checked: the leads are not usable` });
      continue;
    }
    progress("validate", kind === "deals" ? 0.7 : 0.8, kind);
    const res = await guard(report, kind, () => (kind === "deals" ? buildDeals(db, d, raw, explicitAsOf) : buildActivities(db, d, raw, explicitAsOf)));
    if (!res) continue;
    report.problems.push(...res.problems);
    if (res.ok) {
      apply(report.files[kind]!, res);
      if (res.rowsRead === 0) report.problems.push(err(kind, "no_data_rows", `${kind} file ${JSON.stringify(raw.report.path)} has a header but no data rows`));
    }
  }
  if (raws.activities && leadsOk && report.files.activities!.rowsUsed > 0) {
    const small = await smallColumns(db, "activities", ["activity_type"]);
    report.suggestions.push(...(await findMerges(db, "activities", "activities", small)));
  }
  for (const s of groupSuggestions(report)) report.problems.push(s);

  for (const kind of kinds) if (report.files[kind]) checkInvariant(report.files[kind]!);
  await dropScratch(db, kinds);
  if (!leadsOk || report.problems.some((p) => p.severity === "error")) return;

  progress("outcomes", 0.9);
  report.asOf = explicitAsOf ? normalise(explicitAsOf) : await maxDate(db, d, report);
  report.asOfSource = explicitAsOf ? "description" : "max date in data";
  report.outcomes = await createOutcomes(db, d, report.asOf);
  if (report.outcomes.won === 0 || report.outcomes.lost === 0)
    report.problems.push({
      severity: "warning", code: "one_outcome_only", file: null, count: report.outcomes.won + report.outcomes.lost, examples: [],
      message: `the data has ${fmt(report.outcomes.won)} won and ${fmt(report.outcomes.lost)} lost leads: scores cannot be calibrated without both`,
    });
  // Every activity left here matches a lead (unknown_lead above), so keying drops none.
  progress("key", 0.95);
  await keyTables(db);
}

function emptyReport(kind: FileKind, path: string): FileReport {
  return { kind, path, bytes: 0, delimiter: null, bom: false, rowsRead: 0, rowsUsed: 0, excluded: [], columns: [] };
}

function err(file: FileKind, code: string, message: string): Problem {
  return { severity: "error", code, message, file, count: 1, examples: [] };
}

function apply(f: FileReport, r: { rowsRead: number; rowsUsed: number; excluded: FileReport["excluded"] }) {
  f.rowsRead = r.rowsRead;
  f.rowsUsed = r.rowsUsed;
  f.excluded.push(...r.excluded);
}

/** Runs a build step; a file DuckDB cannot read at all becomes a "csv_unreadable" error instead of an exception. */
async function guard<T>(report: ValidationReport, kind: FileKind, f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof UnreadableCsv)) throw e;
    report.problems.push(err(kind, "csv_unreadable", `${kind} file ${JSON.stringify(report.files[kind]!.path)} could not be read as CSV: ${e.message}`));
    return null;
  }
}

/** Columns of `table` with at most MAX_CATEGORIES distinct values (approximate). */
async function smallColumns(db: Db, name: string, cols: string[]): Promise<string[]> {
  if (!cols.length) return [];
  const [r] = await db.query(render(select({ columns: cols.map((c, i) => as(agg("approx_count_distinct", [col(c)]), `d${i}`)), from: table(name) })));
  return cols.filter((_, i) => Number(r[`d${i}`]) <= MAX_CATEGORIES);
}

/** One warning per column that has merge suggestions. */
function groupSuggestions(report: ValidationReport): Problem[] {
  const byCol = new Map<string, ValidationReport["suggestions"]>();
  for (const s of report.suggestions) {
    const k = `${s.file}\u0000${s.column}`;
    byCol.set(k, [...(byCol.get(k) ?? []), s]);
  }
  return [...byCol.values()].map((list) => {
    const count = list.reduce((n, s) => n + s.variants.filter((v) => v.value !== s.suggested).reduce((a, v) => a + v.count, 0), 0);
    const desc = list.slice(0, 3).map((s) => `${s.variants.map((v) => JSON.stringify(v.value)).join(" / ")} → ${JSON.stringify(s.suggested)}`).join("; ");
    return {
      severity: "warning" as const, code: "inconsistent_spelling", file: list[0].file, count,
      examples: list.flatMap((s) => s.variants.filter((v) => v.value !== s.suggested).map((v) => ({ row: null, line: null, column: s.column, value: v.value }))).slice(0, 5),
      message: `${list[0].file} column ${JSON.stringify(list[0].column)} spells the same value in several ways: ${desc}${list.length > 3 ? ` (+${list.length - 3} more)` : ""}; see suggestions, accept them with "leads.recode"`,
    };
  });
}

function normalise(asOf: string): string {
  return asOf.length === 10 ? `${asOf} 00:00:00` : asOf.length === 16 ? `${asOf}:00` : asOf;
}

/**
 * The data's end date: the latest date over leads.created_at, deals.created_at
 * / closed_at and activities.occurred_at that is not an outlier (more than
 * OUTLIER_DAYS_AFTER_P99 days after the 99th percentile of all those dates).
 * With outliers, a warning names the latest one and the date used instead.
 */
async function maxDate(db: Db, d: DatasetDescription, report: ValidationReport): Promise<string> {
  const dates = (tbl: string, c: string) => select({ columns: [as(col(c), "t")], from: table(tbl) });
  const parts = [dates("leads", "created_at")];
  if (d.deals) parts.push(dates("deals", "created_at"), dates("deals", "closed_at"));
  if (d.activities) parts.push(dates("activities", "occurred_at"));
  const t = col("t");
  const cut = col("cut", "c");
  const allDates = select({ columns: [as(t)], from: subquery(unionAll(...parts), "u"), where: isNotNull(t) });
  const cutoff = select({ columns: [as(addInterval(agg("quantile_disc", [t, lit(0.99)]), OUTLIER_DAYS_AFTER_P99, "DAY"), "cut")], from: table("d") });
  const [r] = await db.query<{ t: string; top: string; n: number; cut: string }>(
    render(withCtes([cte("d", allDates), cte("c", cutoff)], select({
      columns: [
        as(agg("max", [t], { filter: cmp("<=", t, cut) }), "t"), as(agg("max", [t]), "top"),
        as(agg("count_if", [cmp(">", t, cut)]), "n"), as(agg("min", [cut]), "cut"),
      ],
      from: table("d"), joins: [crossJoin(table("c"))],
    }))),
  );
  const n = Number(r.n);
  if (n > 0)
    report.problems.push({
      severity: "warning", code: "end_date_outlier", file: null, count: n, examples: [{ row: null, line: null, column: null, value: String(r.top) }],
      message:
        `the latest date in the data, ${r.top}${n > 1 ? `, and ${fmt(n - 1)} other(s),` : ""} lie more than ${OUTLIER_DAYS_AFTER_P99} days after the 99th percentile of all dates; ` +
        `the data's end date (asOf) was taken as ${r.t}, the latest date that is not an outlier. See the date_outlier warnings for the rows; set "asOf" in the description to choose another end date`,
    });
  return String(r.t);
}

async function dropScratch(db: Db, kinds: FileKind[]) {
  for (const k of kinds) await db.exec(render(script(...[`raw_${k}`, `stg_${k}`, `rej_${k}`, `rejscan_${k}`].map((name) => drop("table", name)))));
}
