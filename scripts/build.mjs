#!/usr/bin/env node
// Builds the static site. The dataset and the model versions come from
// LEADSCORE_DATASET (a dataset description file; default: the bundled sample)
// and LEADSCORE_MODELS (a folder; default data/models); its review decisions
// and workshop votes from LEADSCORE_REVIEWS and LEADSCORE_WORKSHOP (folders;
// data/reviews and data/workshop belong to the bundled sample and are used
// only when LEADSCORE_DATASET is unset). Framework caches data
// loader output by source file, not by environment, so the cached outputs of
// those loaders are removed first: a build never shows another dataset's data.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cache = path.join(root, "src/.observablehq/cache/data");
for (const p of ["dataset", "models.json", "reviews.json", "workshop.json"]) rmSync(path.join(cache, p), { recursive: true, force: true });
// Nor by what a loader imports (and a build uses an outdated output as it is): the DuckDB workers
// include src/data/duckdb/instantiate-guard.js, so they are made again each time (< 1 s).
for (const p of ["duckdb-browser-eh.worker.js", "duckdb-shared.worker.js"]) rmSync(path.join(cache, "duckdb", p), { force: true });
// Framework clears only an output folder inside the project; clear an outside one
// too, but only when it is empty or holds a previous build (never a user's folder).
const out = process.env.LEADSCORE_OUT && path.resolve(process.env.LEADSCORE_OUT);
if (out && existsSync(out)) {
  const entries = readdirSync(out);
  if (entries.length && !entries.includes("_observablehq")) {
    console.error(`build: ${out} is not empty and does not hold a previous build of the site; choose an empty or new folder.`);
    process.exit(1);
  }
  rmSync(out, { recursive: true, force: true });
}
const env = { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" };
for (const k of ["LEADSCORE_DATASET", "LEADSCORE_MODELS", "LEADSCORE_REVIEWS", "LEADSCORE_WORKSHOP", "LEADSCORE_OUT"]) if (env[k]) env[k] = path.resolve(env[k]);
const r = spawnSync("npx", ["observable", "build", ...process.argv.slice(2)], { cwd: root, stdio: "inherit", env });
if (r.status !== 0) process.exit(r.status ?? 1);
// One script per page instead of ~200 local modules (scripts/bundle-pages.mjs).
const { bundlePages } = await import("./bundle-pages.mjs");
const pages = await bundlePages(out ?? path.join(root, "dist"));
console.log(`bundled the local modules of ${pages.length} pages and workers (${pages.reduce((a, p) => a + p.modules, 0)} module files → ${pages.length})`);
