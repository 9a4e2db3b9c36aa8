/**
 * `npm run bench`: runs every benchmark in its own process (so one's memory
 * does not weigh on the next) and prints their figures against the targets.
 * Speed and memory targets are checked here, never in timed unit tests.
 *
 *   npm run bench                 # all
 *   npm run bench -- scoring fit  # some
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHES: Record<string, { file: string; what: string }> = {
  scoring: { file: "scoring.ts", what: "recompute: 1,000,000 leads × 20,000,000 activities, 30 criteria (features once, per version, what-if), DuckDB-WASM in Chromium vs native" },
  fit: { file: "fit.ts", what: "fit speed: 1,000,000 leads × 40 criteria diagnostics + fit + integer refinement, 200 bootstrap refits on 100,000 leads, in Node and in a Web Worker in Chromium" },
  suggest: { file: "suggest.ts", what: "suggestion quality: integer vs unrounded AUC, X Education test AUC and slope, ground-truth recovery, out-of-time comparison" },
  workspace: { file: "workspace.ts", what: "workspaces: page ready after the first load (every page, the sample), saving a version and seeing it on another page" },
  "from-data": { file: "from-data.ts", what: "model from data: X Education integer model vs unrestricted L2 LR, sample ground-truth recovery, integer vs unrounded ΔAUC, speed of candidates + binning + selection + refinement on 1,000,000 leads × 30 columns" },
  storage: { file: "storage.ts", what: "the kept copy of a workspace: Arrow IPC in IndexedDB vs a DuckDB file on OPFS (write, fresh-worker open + typical query, bytes, memory; 24,000 × 500,000 and 1,000,000 × 20,000,000, --small for the first only)" },
  dataset: { file: "dataset.ts", what: "import: 1,000,000-row × 20-column leads CSV, read vs read + validation" },
  postgres: { file: "postgres.ts", what: "scoring in PostgreSQL (--engine postgres): features and each version for 1,000,000 leads × 20,000,000 activities beside native DuckDB, ratio and the features plan's hot spot" },
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith("-"));
/** Flags (e.g. --small) go to every chosen benchmark. */
const flags = process.argv.slice(2).filter((a) => a.startsWith("-"));
const names = chosen.length ? chosen : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  const b = BENCHES[name];
  if (!b) {
    console.error(`bench: unknown benchmark "${name}"; choose from ${Object.keys(BENCHES).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n=== ${name}: ${b.what}\n`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, b.file), ...flags], { stdio: "inherit", env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" } });
  console.log(`\n(${name} took ${((performance.now() - t) / 1000).toFixed(1)} s, exit code ${r.status})`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
