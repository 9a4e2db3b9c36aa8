/**
 * What every browser benchmark needs: the folder it built served on
 * 127.0.0.1 and Debian's Chromium launched headless (flags from PLATFORM.md).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { serve } from "../cli/static-server.js";

export const CHROMIUM_BIN = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBench(dir: string): Promise<{ server: { url: string; close(): Promise<void> }; browser: Browser }> {
  const server: { url: string; close(): Promise<void> } = await serve(dir, 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return { server, browser };
}

/**
 * The served folder and Chromium with a real (temporary) profile, as an
 * analyst's browser has: its disk cache keeps the site's assets and the
 * compiled DuckDB-WASM engine between pages, which a private context never does.
 */
export async function launchBenchProfile(dir: string, viewport = { width: 1280, height: 900 }): Promise<{ server: { url: string; close(): Promise<void> }; context: BrowserContext; close(): Promise<void> }> {
  const server: { url: string; close(): Promise<void> } = await serve(dir, 0);
  const profile = mkdtempSync(path.join(os.tmpdir(), "leadscore-bench-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_BIN,
    viewport,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return {
    server, context,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A process's resident memory now (VmRSS) or its peak (VmHWM, the kernel's), in bytes, from /proc; 0 when unreadable. */
export function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
