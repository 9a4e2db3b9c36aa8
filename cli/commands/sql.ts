import { UsageError, type Command } from "./types.js";
import { listOption } from "../models.js";

export const sql: Command = {
  summary: "print a version's scoring SQL for PostgreSQL, BigQuery, Snowflake or DuckDB (or write dbt models)",
  usage: `Usage: leadscore sql --dialect bigquery|snowflake|postgres|duckdb [--version ID@N ...] [--models DIR]
                    [--dbt DIR] [--dataset FILE] [--table K=NAME ...] [--schema NAME] [--window DAYS]

Prints, for each chosen version, a view named leadscore_scores_<id>_v<N>
whose query is the scoring SQL over the three source tables alone (leads,
activities, deals): one row per lead with lead_id, scoring_at, one column per criterion
id (its points), fit_score, engagement_score, score and tier, the same
values \`leadscore score\` computes. Nothing is read from any data.

With --dbt DIR, writes dbt models instead: leadscore_lead_features.sql (the
per-lead inputs, over {{ source('leadscore', …) }}), one
leadscore_scores_<id>_v<N>.sql per version over it, and schema.yml
documenting the sources and every model's columns.

Options:
  --dialect D      bigquery, snowflake, postgres or duckdb   (required)
  --version ID@N   the version to compile (repeatable)   [default: every valid version]
  --models DIR     folder of model files   [default: data/models]
  --dbt DIR        write dbt models into DIR (created if missing)
  --dataset FILE   dataset description whose "tables" names the source tables (its files are not read)
  --table K=NAME   the source table of leads, activities or deals (repeatable; "deals=" for none)
  --schema NAME    schema (BigQuery: dataset) of the source tables   [default: none]
  --window DAYS    scoring window after lead creation, whole days   [default: 30]`,
  options: {
    dialect: { type: "string" },
    dataset: { type: "string" },
    version: { type: "string", multiple: true },
    models: { type: "string" },
    dbt: { type: "string" },
    table: { type: "string", multiple: true },
    schema: { type: "string" },
    window: { type: "string" },
  },
  async run(values) {
    const { DIALECTS } = await import("../../lib/sql/dialects/index.js");
    const name = values.dialect as string | undefined;
    if (!name || !Object.hasOwn(DIALECTS, name)) throw new UsageError(`--dialect must be one of ${Object.keys(DIALECTS).join(", ")}; got ${JSON.stringify(name ?? null)}`);
    const dialect = DIALECTS[name as keyof typeof DIALECTS];
    const { sourceTables } = await import("../postgres.js");
    const src = { ...sourceTables(values), schema: (values.schema as string | undefined) || null };
    const { windowOption } = await import("../session.js");
    const windowDays = windowOption(values.window);
    const scoringDates = windowDays === undefined ? undefined : { kind: "firstCloseOrWindow" as const, windowDays };
    const { loadModels, selectVersions } = await import("../models.js");
    const loaded = await loadModels(values.models as string | undefined);
    const models = selectVersions(loaded.models, listOption(values.version));
    if (!models.length) {
      process.stderr.write(`error: no valid model version in ${loaded.dir}\n`);
      return 1;
    }
    const { dbtFiles, viewsSql } = await import("../../lib/warehouse/export.js");
    if (values.dbt === undefined) {
      process.stdout.write(viewsSql(models, dialect, src, { scoringDates }));
      return loaded.errors.length ? 1 : 0;
    }
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const path = await import("node:path");
    const dir = values.dbt as string;
    mkdirSync(dir, { recursive: true });
    for (const f of dbtFiles(models, dialect, src, { scoringDates })) {
      writeFileSync(path.join(dir, f.path), f.text);
      process.stderr.write(`wrote ${path.join(dir, f.path)}\n`);
    }
    return loaded.errors.length ? 1 : 0;
  },
};
