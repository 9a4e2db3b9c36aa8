import type { Command } from "./types.js";
import { UsageError } from "./types.js";
import { PG_OPTIONS, PG_USAGE, pgUrl, sourceTables } from "../postgres.js";

export const load: Command = {
  summary: "validate a dataset and put its tables into PostgreSQL (for --engine postgres)",
  usage: `Usage: leadscore load --engine postgres --pg URL [--dataset FILE] [--table K=NAME ...]

Validates the dataset exactly as \`leadscore validate\` does (native DuckDB),
then copies the validated tables into PostgreSQL with COPY: leads (lead_id,
created_at, the attribute columns), activities (lead_id, activity_type,
occurred_at) and deals, under the names given by --table, and each lead's
outcome (lead_outcomes) and the validation report (leadscore_load_report,
for evaluate). Tables of those names are replaced. Afterwards \`leadscore score --engine postgres\` scores
them where they are.

Exit code 0 when loaded, 1 when the data has errors (nothing is loaded).

Options:
  --dataset FILE   dataset description   [default: $LEADSCORE_DATASET, else the bundled sample]
  --engine E       postgres (the only target)
${PG_USAGE}`,
  options: { dataset: { type: "string" }, engine: { type: "string" }, ...PG_OPTIONS },
  async run(values) {
    if (values.engine !== "postgres") throw new UsageError(`load needs --engine postgres (got ${JSON.stringify(values.engine ?? null)})`);
    const url = pgUrl(values);
    const src = sourceTables(values);
    const { openEngine, readSource } = await import("../session.js");
    const source = await readSource(values.dataset as string | undefined);
    const duck = await openEngine("native");
    try {
      const { loadDataset } = await import("../../lib/dataset/load.js");
      const { maxFileBytes } = await import("../../lib/dataset/node.js");
      const report = await loadDataset(duck, source.description, source.files, { maxFileBytes: maxFileBytes() });
      if (!report.usable) {
        const { formatProblems } = await import("../validation-text.js");
        const errors = report.problems.filter((p) => p.severity === "error");
        process.stderr.write(`error: the dataset "${report.dataset}" is not usable (${errors.length} error(s)); nothing was loaded.\n${formatProblems(errors)}\n`);
        return 1;
      }
      const { openPg } = await import("../../lib/db/postgres.js");
      const { loadIntoPostgres } = await import("../../lib/warehouse/postgres.js");
      const pg = await openPg(url);
      try {
        const r = await loadIntoPostgres(duck, pg, src, undefined, report);
        for (const t of r.tables) process.stderr.write(`loaded ${t.name}: ${t.rows} rows (${(t.ms / 1000).toFixed(2)} s)\n`);
        process.stderr.write(`done in ${(r.ms / 1000).toFixed(2)} s\n`);
        return 0;
      } finally {
        await pg.close();
      }
    } finally {
      await duck.close();
    }
  },
};
