// Streams DuckDB-WASM's web worker from node_modules (same origin as the site).
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
createReadStream(createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js")).pipe(process.stdout);
