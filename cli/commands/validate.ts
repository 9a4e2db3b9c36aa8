import type { Command } from "./types.js";
import { formatReport } from "../validation-text.js";

export const validate: Command = {
  summary: "check a dataset (description + CSV files) and print what was read, used and excluded",
  usage: `Usage: leadscore validate [--dataset FILE] [--json] [--engine wasm|native]

Loads the dataset description and the CSV files it names (paths relative to
the description), validates them exactly as the workbench does, and prints
the report: per file the rows read = used + excluded by reason, every problem
with its count and first examples (row, line, column, value), spelling merge
suggestions, and the outcome counts by rule.

Exit code 0 when the data is usable, 1 when it has errors (or a file is
missing, or the description is invalid).

Options:
  --dataset FILE   dataset description (JSON)   [default: $LEADSCORE_DATASET, else the bundled sample]
  --json           print the validation report as JSON
  --engine E       wasm (DuckDB-WASM, as in the browser) or native (@duckdb/node-api)   [default: wasm]`,
  options: { dataset: { type: "string" }, json: { type: "boolean" }, engine: { type: "string" } },
  async run(values) {
    const { openEngine, readSource } = await import("../session.js");
    const source = await readSource(values.dataset as string | undefined);
    const db = await openEngine(values.engine as string | undefined);
    try {
      const { loadDataset } = await import("../../lib/dataset/load.js");
      const { maxFileBytes } = await import("../../lib/dataset/node.js");
      const report = await loadDataset(db, source.description, source.files, { maxFileBytes: maxFileBytes() });
      if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(formatReport(report, source.descriptionPath ?? "bundled sample (data/sample.dataset.json)"));
      return report.usable ? 0 : 1;
    } finally {
      await db.close();
    }
  },
};
