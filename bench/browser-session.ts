/**
 * What every browser benchmark needs: the folder it built served on
 * 127.0.0.1 and Debian's Chromium launched headless (flags from PLATFORM.md).
 */
import { readFileSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
// @ts-expect-error plain ESM script without types
import { serve } from "../scripts/serve.mjs";

export const CHROMIUM_BIN = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBench(dir: string): Promise<{ server: { url: string; close(): Promise<void> }; browser: Browser }> {
  const server: { url: string; close(): Promise<void> } = await serve(dir, 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return { server, browser };
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
