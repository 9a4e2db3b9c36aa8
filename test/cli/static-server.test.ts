import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheControl, contentType, resolveFile, serve } from "../../cli/static-server.js";

describe("the static server (cli/static-server.ts)", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "static-server-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, "index.html"), "<p>home</p>");
  writeFileSync(path.join(root, "report.html"), "<p>report</p>");
  mkdirSync(path.join(root, "_file"));
  writeFileSync(path.join(root, "_file", "duckdb.abc123.wasm"), "\0asm");

  it("resolves extensionless pages and folders, refuses paths outside the root", () => {
    expect(resolveFile(root, "/report")).toBe(path.join(root, "report.html"));
    expect(resolveFile(root, "/report?x=1")).toBe(path.join(root, "report.html"));
    expect(resolveFile(root, "/")).toBe(path.join(root, "index.html"));
    expect(resolveFile(root, "/missing")).toBeNull();
    expect(resolveFile(root, "/../../etc/passwd")).toBeNull();
  });
  it("keeps content-named assets for good and checks pages again", () => {
    expect(cacheControl("/_file/duckdb.abc123.wasm")).toBe("public, max-age=31536000, immutable");
    expect(cacheControl("/_npm/vega@6/index.js")).toBe("public, max-age=31536000, immutable");
    expect(cacheControl("/report")).toBe("no-cache");
    expect(contentType("x.wasm")).toBe("application/wasm");
    expect(contentType("x.bin")).toBe("application/octet-stream");
  });
  it("serves on 127.0.0.1 with those headers, 404 for anything else", async () => {
    const server = await serve(root, 0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${server.url}/report`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await page.text()).toBe("<p>report</p>");
      const wasm = await fetch(`${server.url}/_file/duckdb.abc123.wasm`);
      expect(wasm.headers.get("content-type")).toBe("application/wasm");
      expect(wasm.headers.get("cache-control")).toContain("immutable");
      await wasm.arrayBuffer();
      const missing = await fetch(`${server.url}/nope`);
      expect(missing.status).toBe(404);
      await missing.text();
    } finally {
      await server.close();
    }
  });
});
