// Streams DuckDB-WASM's engine from node_modules, so the site never asks a CDN for it.
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
createReadStream(createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm")).pipe(process.stdout);
