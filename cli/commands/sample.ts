import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError, type Command } from "./types.js";

export const sample: Command = {
  summary: "write the synthetic sample dataset (leads, activities, deals) as CSV files",
  usage: `Usage: leadscore sample --out DIR [--seed N] [--leads N]

Writes leads.csv, activities.csv and deals.csv of the seeded synthetic B2B
funnel that the workbench uses as its default data. The same seed always
gives byte-identical files.

Options:
  --out DIR     folder to write to (created if missing)      [required]
  --seed N      random seed                                  [default: 42]
  --leads N     number of leads                              [default: the sample's size]`,
  options: { out: { type: "string" }, seed: { type: "string" }, leads: { type: "string" } },
  async run(values) {
    const out = values.out as string | undefined;
    if (!out) throw new UsageError("--out DIR is required");
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    const leads = values.leads === undefined ? undefined : Number(values.leads);
    for (const [flag, v] of [["--seed", seed], ["--leads", leads]] as const) {
      if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new UsageError(`${flag} must be a non-negative integer, got "${values[flag.slice(2)]}"`);
    }
    const { generateSample, toCsv } = await import("../../lib/sample/index.js");
    const data = generateSample({ ...(seed !== undefined && { seed }), ...(leads !== undefined && { leads }) });
    mkdirSync(out, { recursive: true });
    for (const [name, text] of Object.entries(toCsv(data))) {
      writeFileSync(path.join(out, name), text);
      console.log(`wrote ${path.join(out, name)} (${text.split("\n").length - 2} rows)`);
    }
    return 0;
  },
};
