#!/usr/bin/env node
// A tiny static server for the built site (dist/) on 127.0.0.1 only.
// Usage: node scripts/serve.mjs [dir] [port]   (port 0 = any free port)
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml",
  ".png": "image/png", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8", ".map": "application/json",
};

function resolveFile(root, urlPath) {
  const clean = decodeURIComponent(urlPath.split("?")[0]);
  const full = path.join(root, path.normalize(clean));
  if (!full.startsWith(root)) return null;
  for (const candidate of [full, `${full}.html`, path.join(full, "index.html")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return null;
}

/**
 * Framework names every built asset by its content (`_file/…/name.<hash>.ext`,
 * `_import`, `_npm`, `_node`, `_observablehq`), so those can be kept by the
 * browser for good; pages are checked again each time. Kept assets matter for
 * DuckDB-WASM: Chromium keeps the compiled engine (34 MB of WebAssembly) next
 * to a cached response and skips compiling it on the next page.
 */
export function cacheControl(urlPath) {
  return /^\/_(file|import|npm|node|observablehq)\//.test(urlPath) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** Serves `dir` on 127.0.0.1; resolves to {url, close}. */
export function serve(dir, port = 0) {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const file = resolveFile(root, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": cacheControl(req.url ?? "/") });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.argv[3] ?? 3001);
  serve(dir, port).then(({ url }) => console.log(`Serving ${dir} at ${url}`));
}
