/**
 * The one static server of the project: a built site or report folder on
 * 127.0.0.1 only, the way any static web host would serve it. Used by
 * `leadscore serve` (and `npm run serve`), the PDF print of the report, the
 * browser tests, the benchmarks and scripts/shoot.mjs.
 */
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml",
  ".png": "image/png", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8", ".map": "application/json",
};

/** The content type served for a file name (by extension; anything else is application/octet-stream). */
export function contentType(file: string): string {
  return TYPES[path.extname(file)] ?? "application/octet-stream";
}

/**
 * The file under `root` a URL path names: the path itself, else `<path>.html`,
 * else `<path>/index.html`; null when none exists or the path leaves `root`.
 */
export function resolveFile(root: string, urlPath: string): string | null {
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
export function cacheControl(urlPath: string): string {
  return /^\/_(file|import|npm|node|observablehq)\//.test(urlPath) ? "public, max-age=31536000, immutable" : "no-cache";
}

export interface StaticServer {
  /** e.g. "http://127.0.0.1:3001" (no trailing slash) */
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (`port` 0 = any free port); resolves once listening. */
export function serve(dir: string, port = 0): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const file = resolveFile(root, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": contentType(file), "cache-control": cacheControl(req.url ?? "/") });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${p}`, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}
