/**
 * Workspace benchmark: how fast the site is once a workspace has been loaded
 * (the validated tables, features and scores kept in this browser between
 * pages, src/components/workspace-cache.ts).
 *
 *   npx tsx bench/workspace.ts [--dist DIR]
 *
 * On the built site (dist/, built first when missing) with the bundled sample,
 * in one headless Chromium profile (IndexedDB persists between pages):
 *  first load     the Overview from the files (read, validate, score, keep)
 *  page ready     every page of the site in turn after that (navigation start
 *                 to the page's data-ready mark): each figure, median and max;
 *                 target ≤ 1.0 s
 *  save → seen    "Save as a new version" on the what-if editor, then the
 *                 Models page ready with the new version listed; target ≤ 1 s
 * Each page's own timings (DuckDB start, restore, recompute) are printed too.
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchBench } from "./browser-session.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const args = process.argv.slice(2);
const dist = path.resolve(args[args.indexOf("--dist") + 1] && args.includes("--dist") ? args[args.indexOf("--dist") + 1] : path.join(root, "dist"));
const PAGES = ["/", "/data", "/models", "/builder", "/what-if", "/distributions", "/calibration", "/suggest", "/review", "/workshop", "/report"];

if (!existsSync(path.join(dist, "index.html"))) {
  console.log(`building the site into ${dist}…`);
  const r = spawnSync("node", [path.join(root, "scripts/build.mjs")], { cwd: root, stdio: "inherit", env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" } });
  if (r.status !== 0) process.exit(1);
}

const { server, browser } = await launchBench(dist);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const errors: string[] = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

async function open(p: string, before?: () => Promise<unknown>): Promise<{ ms: number; timings: unknown }> {
  const t = performance.now();
  await Promise.all([page.waitForEvent("load"), before ? before() : page.goto(server.url + p)]);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "1" || document.querySelector(".observablehq--error"), undefined, { timeout: 300_000 });
  const ms = performance.now() - t;
  return { ms, timings: await page.evaluate(() => (globalThis as { __workbenchTimings?: unknown }).__workbenchTimings ?? null) };
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

try {
  const first = await open("/");
  console.log(`first load of the sample workspace (files → validated → scored → kept): ${s(first.ms)}   ${JSON.stringify(first.timings)}`);
  const ready: number[] = [];
  for (const p of PAGES) {
    const r = await open(p);
    ready.push(r.ms);
    console.log(`  ${p.padEnd(15)} ready in ${s(r.ms)}   ${JSON.stringify(r.timings)}`);
  }
  console.log(`page ready after the first load: median ${s(median(ready))}, max ${s(Math.max(...ready))}   target ≤ 1.00 s ${Math.max(...ready) <= 1000 ? "✓" : "✗"}`);

  await open("/what-if");
  await page.waitForSelector("[data-action=save-version]");
  const t = performance.now();
  await page.click("[data-action=save-version]");
  await page.waitForSelector("[data-saved]", { timeout: 60_000 });
  const saved = await page.getAttribute("[data-saved]", "data-saved");
  const seen = await open("/models");
  const listed = ((await (page as Page).textContent("main")) ?? "").includes(saved ?? "?");
  const total = performance.now() - t;
  console.log(`save a new version (${saved}) → Models page ready with it ${listed ? "listed" : "NOT LISTED"}: ${s(total)} (page ${s(seen.ms)})   target ≤ 1.00 s ${total <= 1000 && listed ? "✓" : "✗"}   ${JSON.stringify(seen.timings)}`);
  if (errors.length) console.log(`errors in the pages: ${errors.slice(0, 5).join(" | ")}`);
} finally {
  await browser.close();
  await server.close();
}
