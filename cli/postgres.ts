/**
 * The `--engine postgres` options shared by load, score and sql (issue 18):
 * the server URL and where the three source tables live.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseDatasetDescription } from "../lib/dataset/schema.js";
import type { SourceTables } from "../lib/scoring/warehouse.js";
import { listOption } from "./models.js";
import { UsageError } from "./commands/types.js";

export const PG_OPTIONS = {
  pg: { type: "string" },
  table: { type: "string", multiple: true },
} as const;

export const PG_USAGE = `  --pg URL         PostgreSQL server, postgres://user[:password]@host:port/db   [default: $LEADSCORE_PG]
                   (another schema than public: add ?options=-csearch_path%3Dmyschema)
  --table K=NAME   the table holding leads, activities or deals (repeatable; "deals=" for none)
                   [default: the dataset description's "tables", else leads, activities, deals]`;

/** The --pg URL (or $LEADSCORE_PG); a usage error when neither is given. */
export function pgUrl(values: Record<string, unknown>): string {
  const url = (values.pg as string | undefined) ?? process.env.LEADSCORE_PG;
  if (!url) throw new UsageError("--engine postgres needs --pg URL (or $LEADSCORE_PG)");
  return url;
}

/**
 * The source tables: the dataset description's "tables" names (--dataset
 * FILE or $LEADSCORE_DATASET; only the description is read, not its files),
 * then --table leads=NAME activities=NAME deals=NAME (an empty NAME: no such table).
 */
export function sourceTables(values: Record<string, unknown>): SourceTables {
  const out: SourceTables = { schema: null, leads: "leads", activities: "activities", deals: "deals" };
  const descriptionPath = (values.dataset as string | undefined) ?? (process.env.LEADSCORE_DATASET || undefined);
  if (descriptionPath) {
    if (!existsSync(descriptionPath)) throw new Error(`dataset description ${JSON.stringify(descriptionPath)} not found`);
    const d = parseDatasetDescription(readFileSync(descriptionPath, "utf8"), descriptionPath);
    Object.assign(out, d.tables ?? {});
    if (!d.files.activities && !d.tables?.activities) out.activities = null;
    if (!d.files.deals && !d.tables?.deals) out.deals = null;
  }
  for (const t of listOption(values.table)) {
    const m = /^(leads|activities|deals)=(.*)$/.exec(t);
    if (!m) throw new UsageError(`--table must look like leads=NAME, activities=NAME or deals=NAME; got ${JSON.stringify(t)}`);
    const name = m[2].trim();
    if (m[1] === "leads") {
      if (!name) throw new UsageError("--table leads= needs a table name");
      out.leads = name;
    } else out[m[1] as "activities" | "deals"] = name || null;
  }
  return out;
}

/**
 * evaluate --engine postgres: scores in PostgreSQL (lib/warehouse/postgres.ts),
 * pulls back only the per-lead scores, outcomes and dates into an in-memory
 * native DuckDB, so the calibration code reads them as after a DuckDB
 * recompute. The dataset's report is the one `leadscore load` stored.
 */
export async function openPgSession(values: Record<string, unknown>, options: { inputs?: boolean } = {}) {
  const url = pgUrl(values);
  const src = sourceTables(values);
  const { loadModels, selectVersions, versionId } = await import("./models.js");
  const { windowOption, openEngine } = await import("./session.js");
  const windowDays = windowOption(values.window);
  const loaded = await loadModels(values.models as string | undefined);
  const selected = selectVersions(loaded.models, listOption(values.version));
  const failed = [...loaded.errors];
  const err = (line: string) => process.stderr.write(`${line}\n`);
  if (!selected.length) {
    err(`error: no valid model version in ${loaded.dir}`);
    return { code: 1 as number };
  }
  const { openPg } = await import("../lib/db/postgres.js");
  const { scoreInPostgres, pullScoresToLocal, readLoadReport } = await import("../lib/warehouse/postgres.js");
  const pg = await openPg(url);
  try {
    const report = await readLoadReport(pg);
    if (!report) {
      err("error: PostgreSQL holds no load report (table leadscore_load_report): load the data with `leadscore load --engine postgres` first.");
      return { code: 1 as number };
    }
    const scoringDates = windowDays === undefined ? undefined : { kind: "firstCloseOrWindow" as const, windowDays };
    const r = await scoreInPostgres(pg, selected, { scoringDates, sources: src, rows: false });
    for (const f of r.failed) {
      failed.push(versionId(f.model));
      err(`error: ${versionId(f.model)} could not be scored: ${f.error}`);
    }
    for (const w of new Set(r.warnings)) err(`warning: ${w}`);
    if (!r.versions.length) {
      err("error: no model version could be scored");
      return { code: 1 as number };
    }
    const db = await openEngine("native");
    try {
      await pullScoresToLocal(pg, db, r, src, undefined, options);
    } catch (e) {
      await db.close();
      throw e;
    }
    const scored = r.versions.map((v) => ({ model: v.model, table: v.table, sql: "", ms: v.ms }));
    return { code: null as null, db, report, loaded, scored, failed };
  } finally {
    await pg.close();
  }
}
