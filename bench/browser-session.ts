/**
 * What every browser benchmark needs: the folder it built served on
 * 127.0.0.1 and Debian's Chromium launched headless (flags from PLATFORM.md).
 */
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
