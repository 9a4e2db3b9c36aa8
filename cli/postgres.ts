/**
 * The `--engine postgres` options shared by load, score and sql (issue 18):
 * the server URL and where the three source tables live.
 */
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
                   [default: leads, activities, deals]`;

/** The --pg URL (or $LEADSCORE_PG); a usage error when neither is given. */
export function pgUrl(values: Record<string, unknown>): string {
  const url = (values.pg as string | undefined) ?? process.env.LEADSCORE_PG;
  if (!url) throw new UsageError("--engine postgres needs --pg URL (or $LEADSCORE_PG)");
  return url;
}

/** The source tables from --table leads=NAME activities=NAME deals=NAME (an empty NAME: no such table). */
export function sourceTables(values: Record<string, unknown>): SourceTables {
  const out: SourceTables = { schema: null, leads: "leads", activities: "activities", deals: "deals" };
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
