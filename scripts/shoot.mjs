#!/usr/bin/env node
// Screenshots of built pages, for looking at them as a user would:
//   npx tsx scripts/shoot.mjs [--dist DIR] [--out DIR] /page1 /page2 ...
// Prints how long each page took to be ready, its load timings and any problem
// (console errors, page errors, failed or outside requests, error cells).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../cli/static-server.ts";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const dist = opt("--dist", "dist");
const out = opt("--out", "test-results/screens");
const pages = args.length ? args : ["/"];
mkdirSync(out, { recursive: true });
const server = await serve(dist, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
for (const p of pages) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  const origin = new URL(server.url).origin;
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  page.on("request", (r) => !r.url().startsWith("data:") && !r.url().startsWith("blob:") && new URL(r.url()).origin !== origin && problems.push(`outside: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
  const t = performance.now();
  await page.goto(server.url + p);
  try {
    await page.waitForFunction(() => document.documentElement.dataset.ready === "1" || document.querySelector(".observablehq--error"), undefined, { timeout: 60000 });
  } catch {
    problems.push("not ready after 60 s");
  }
  const ms = Math.round(performance.now() - t);
  // Every chart drawn (those further down are drawn once the page is idle, src/components/chart.ts), and
  // nothing pending: a section computed after ready, or the Suggestions page's bootstrap (its final result
  // draws its charts anew).
  await page.waitForFunction(() => [...document.querySelectorAll("[data-chart]")].every((c) => c.dataset.marks !== undefined) && !document.querySelector("[data-pending]"), undefined, { timeout: 60000 }).catch(() => problems.push("charts or sections not drawn after 60 s"));
  await page.waitForTimeout(1000);
  const errorCells = await page.evaluate(() => [...document.querySelectorAll(".observablehq--error")].map((e) => e.textContent));
  const timings = await page.evaluate(() => globalThis.__workbenchTimings ?? null);
  const file = path.join(out, `${p === "/" ? "index" : p.replace(/^\//, "").replace(/\//g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${p}: ready in ${ms} ms ${timings ? JSON.stringify(timings) : ""} → ${file}`);
  for (const x of [...problems, ...errorCells.map((e) => `error cell: ${e}`)]) console.log(`  PROBLEM ${x}`);
  await page.close();
}
await browser.close();
await server.close();
