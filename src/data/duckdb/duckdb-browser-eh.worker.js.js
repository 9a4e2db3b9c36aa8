// DuckDB-WASM's web worker from node_modules (same origin as the site), with
// the guard that always answers the engine's start (instantiate-guard.js).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { instantiateGuard } from "./instantiate-guard.js";

const engine = readFileSync(createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"), "utf8");
process.stdout.write(engine + instantiateGuard(engine));
