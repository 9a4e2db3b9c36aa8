/**
 * Workspace benchmark: how fast the site is once a workspace has been loaded
 * (the validated tables, features and scores kept in this browser between
 * pages, src/components/workspace-cache.ts).
 *
 *   npx tsx bench/workspace.ts [--dist DIR]
 *
 * On the built site (dist/, built first when missing) with the bundled sample,
 * in one headless Chromium profile (IndexedDB persists between pages):
 *  first load     the Overview from the files (read, validate, score, keep),
 *                 then every page prepared (the other pages' figures computed
 *                 in the background and kept, src/components/prepare.ts)
 *  page ready     every page of the site in turn after that (navigation start
 *                 to the page's data-ready mark with every chart and section on
 *                 the first screen drawn): each figure, median and max;
 *                 target ≤ 1.0 s
 *  again        the same walk once more: pages read the figures they
 *                 computed on the first visit (kept-results.ts)
 *  save → seen    "Save as a new version" on the what-if editor, then the
 *                 Models page ready with the new version listed; target ≤ 1 s
 * Each page's own timings (DuckDB start, restore, recompute) are printed too.
 *
 * With --large [leads] [activities] (default 1,000,000 and 20,000,000): the
 * scoring benchmark's synthetic data (bench/synthetic.ts) written as CSV
 * files by native DuckDB, a site built on them (LEADSCORE_DATASET, its three
 * benchmark versions), then the same walk: first load from the files to
 * every page ready, page ready after it (target ≤ 3 s), and the tab's memory
 * peak (renderer VmHWM, target ≤ 2 GB).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchBenchProfile, statusKb } from "./browser-session.js";
import { openNativeDb } from "../lib/db/native.js";
import { as, copyOption, copyTo, lit, render, select, star, table, type Statement } from "../lib/sql/index.js";
import { modelText } from "../lib/workspace/model-files.js";
import { benchModel, syntheticSql } from "./synthetic.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const args = process.argv.slice(2);
const dist = path.resolve(args[args.indexOf("--dist") + 1] && args.includes("--dist") ? args[args.indexOf("--dist") + 1] : path.join(root, "dist"));
const PAGES = ["/", "/data", "/models", "/builder", "/what-if", "/distributions", "/calibration", "/fit-engagement", "/suggest", "/review", "/workshop", "/report"];

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const large = args.includes("--large");
const nums = args.filter((a) => /^\d+$/.test(a)).map(Number);

/** The synthetic tables written as CSV files with a header (leads without its row number). */
function csvExports(dir: string): Statement[] {
  const csv = [copyOption("HEADER"), copyOption("DELIMITER", lit(","))];
  return [
    copyTo(select({ columns: [as(star(null, ["lead_no"]))], from: table("leads") }), path.join(dir, "leads.csv"), csv),
    copyTo("activities", path.join(dir, "activities.csv"), csv),
    copyTo("deals", path.join(dir, "deals.csv"), csv),
  ];
}

/** Writes the synthetic data as CSV files with a dataset description and the benchmark's versions; returns the description path. */
async function largeDataset(leads: number, activities: number): Promise<{ description: string; models: string; empty: string }> {
  const dir = path.join(root, ".bench", `workspace-${leads}-${activities}`);
  const description = path.join(dir, "large.dataset.json");
  const models = path.join(dir, "models");
  const empty = path.join(dir, "empty");
  mkdirSync(models, { recursive: true });
  mkdirSync(empty, { recursive: true });
  // The CSV files are made once (minutes at full size); the description and the model files are
  // written every time, so a change to them reaches a dataset made by an earlier run.
  if (!existsSync(path.join(dir, "leads.csv")) || !existsSync(path.join(dir, "deals.csv")) || !existsSync(path.join(dir, "activities.csv"))) {
    const t = performance.now();
    const db = await openNativeDb();
    try {
      for (const sql of syntheticSql(leads, activities, false)) await db.exec(sql);
      for (const stmt of csvExports(dir)) await db.exec(render(stmt));
    } finally {
      await db.close();
    }
    console.log(`wrote the CSV files into ${dir} in ${s(performance.now() - t)}`);
  }
  writeFileSync(description, JSON.stringify({
    name: `Benchmark funnel (${leads} leads, ${activities} activities)`,
    files: { leads: { path: "leads.csv" }, deals: { path: "deals.csv" }, activities: { path: "activities.csv" } },
    leads: { id: "lead_id", createdAt: "created_at", attributes: ["job_level", { column: "company_size", type: "number" }, "industry", "country", "email_domain_type", { column: "budget_confirmed", type: "text" }, "timeline", "lead_source", { column: "has_phone", type: "boolean" }, { column: "annual_revenue", type: "number" }] },
    deals: { leadId: "lead_id", dealId: "deal_id", outcome: { column: "status", won: ["won"], lost: ["lost"], open: ["open"] }, closeDate: "closed_at", createdAt: "created_at", amount: "amount" },
    activities: { leadId: "lead_id", type: "activity_type", timestamp: "occurred_at" },
    missingValues: [""], maturityDays: 90, asOf: "2024-06-01 00:00:00",
  }, null, 2));
  for (const v of [1, 2, 3]) writeFileSync(path.join(models, `bench-v${v}.json`), modelText(benchModel(v)));
  return { description, models, empty };
}

if (large) {
  const [leads = 1_000_000, activities = 20_000_000] = nums;
  const d = await largeDataset(leads, activities);
  const out = path.join(root, ".bench", `site-${leads}-${activities}`);
  // The site is rebuilt when the code changed since it was built (commit and uncommitted changes).
  const stamp = path.join(out, ".built-from");
  const source = spawnSync("bash", ["-c", "git rev-parse HEAD; git status --porcelain -- src lib | sha256sum"], { cwd: root, encoding: "utf8" }).stdout;
  if (!existsSync(path.join(out, "index.html")) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== source) {
    console.log(`building the site on ${d.description} into ${out}…`);
    const t = performance.now();
    const r = spawnSync("node", [path.join(root, "scripts/build.mjs")], {
      cwd: root, stdio: "inherit",
      env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", LEADSCORE_DATASET: d.description, LEADSCORE_MODELS: d.models, LEADSCORE_REVIEWS: d.empty, LEADSCORE_WORKSHOP: d.empty, LEADSCORE_OUT: out },
    });
    if (r.status !== 0) process.exit(1);
    writeFileSync(stamp, source);
    console.log(`built in ${s(performance.now() - t)}`);
  }
  await walk(out, 3000, 1000);
} else {
  if (!existsSync(path.join(dist, "index.html"))) {
    console.log(`building the site into ${dist}…`);
    const r = spawnSync("node", [path.join(root, "scripts/build.mjs")], { cwd: root, stdio: "inherit", env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" } });
    if (r.status !== 0) process.exit(1);
  }
  await walk(dist, 1000, 1000);
}


async function walk(site: string, pageTarget: number, saveTarget: number) {
const { server, context, close } = await launchBenchProfile(site);
const browser = context.browser()!;
const page = context.pages()[0] ?? await context.newPage();
const errors: string[] = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
const bcdp = await browser.newBrowserCDPSession();
const renderers = async () => ((await bcdp.send("SystemInfo.getProcessInfo")) as unknown as { processInfo: { type: string; id: number }[] }).processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
let hwm = 0;
const peak = async () => {
  hwm = Math.max(hwm, (await renderers()).reduce((sum, pid) => sum + statusKb(pid, "VmHWM"), 0));
};

async function open(p: string, before?: () => Promise<unknown>): Promise<{ ms: number; timings: unknown }> {
  const t = performance.now();
  await Promise.all([page.waitForEvent("load", { timeout: 600_000 }), before ? before() : page.goto(server.url + p, { timeout: 600_000 })]);
  // Ready: the page says so, and every chart on the first screen is drawn (charts further down are drawn
  // when the page is idle or scrolled near, src/components/chart.ts).
  await page.waitForFunction(() => {
    if (document.querySelector(".observablehq--error")) return true;
    if (document.documentElement.dataset.ready !== "1") return false;
    // Sections further down computed after the first screen (ui.ts Later) count when they are on it.
    // (No named helper here: the bundler would wrap it in a function the page does not have.)
    return [...document.querySelectorAll("[data-chart]")].every((c) => (c as HTMLElement).dataset.marks !== undefined || c.getBoundingClientRect().top >= innerHeight)
      && [...document.querySelectorAll("[data-pending=section]")].every((c) => c.getBoundingClientRect().top >= innerHeight);
  }, undefined, { timeout: 900_000, polling: 50 });
  const ms = performance.now() - t;
  await peak();
  const timings = await page.evaluate(() => {
    const g = globalThis as { __workbenchTimings?: Record<string, unknown>; __workbenchOpenedAt?: number; __workbenchReadyAt?: number };
    return g.__workbenchTimings ? { ...g.__workbenchTimings, "page's own work": g.__workbenchReadyAt && g.__workbenchOpenedAt ? Math.round(g.__workbenchReadyAt - g.__workbenchOpenedAt) : null } : null;
  });
  // The figures the page computed itself (not kept, not prepared), by name.
  const computed = await page.evaluate(() => ((globalThis as { __workbenchKeptReads?: { name: string; kept: boolean }[] }).__workbenchKeptReads ?? []).filter((r) => !r.kept).map((r) => r.name));
  if (timings && computed.length) (timings as Record<string, unknown>)["computed here"] = computed.join(", ");
  return { ms, timings };
}

try {
  const t0 = performance.now();
  const first = await open("/");
  console.log(`first load of the workspace (files → validated → scored → kept in the browser), Overview ready: ${s(first.ms)}   ${JSON.stringify(first.timings)}`);
  // Then the Overview prepares the other pages' figures in the background (src/components/prepare.ts).
  await page.waitForFunction(() => document.documentElement.dataset.prepared === "1", undefined, { timeout: 1_800_000, polling: 100 });
  await peak();
  const preparedLine = (await page.locator("[data-prepare]").textContent().catch(() => null)) ?? "(prepared on an earlier visit)";
  console.log(`first load to every page prepared (files → … → the other pages' figures computed and kept): ${s(performance.now() - t0)}   ${preparedLine.trim()}`);
  const ready: number[] = [];
  for (const p of PAGES) {
    const r = await open(p);
    ready.push(r.ms);
    console.log(`  ${p.padEnd(15)} ready in ${s(r.ms)}   ${JSON.stringify(r.timings)}`);
  }
  console.log(`page ready after the first load: median ${s(median(ready))}, max ${s(Math.max(...ready))}   target ≤ ${s(pageTarget)} ${Math.max(...ready) <= pageTarget ? "✓" : "✗"}`);

  // The same walk again: each page now finds what it computed on the first visit kept in this browser (kept-results.ts).
  const again: number[] = [];
  for (const p of PAGES) {
    const r = await open(p);
    again.push(r.ms);
    console.log(`  ${p.padEnd(15)} again in ${s(r.ms)}   ${JSON.stringify(r.timings)}`);
  }
  console.log(`page ready on a return visit (figures kept in this browser): median ${s(median(again))}, max ${s(Math.max(...again))}   (no target of its own; the target above is for the first visit)`);

  await open("/what-if");
  // No save button when no version is scored (e.g. every version is not for this dataset): said, and skipped.
  const canSave = await page.waitForSelector("[data-action=save-version]", { timeout: 60_000 }).then(() => true, () => false);
  if (canSave) {
    const t = performance.now();
    await page.click("[data-action=save-version]");
    await page.waitForSelector("[data-saved]", { timeout: 60_000 });
    const saved = await page.getAttribute("[data-saved]", "data-saved");
    const seen = await open("/models");
    const listed = ((await (page as Page).textContent("main")) ?? "").includes(saved ?? "?");
    const total = performance.now() - t;
    console.log(`save a new version (${saved}) → Models page ready with it ${listed ? "listed" : "NOT LISTED"}: ${s(total)} (page ${s(seen.ms)})   target ≤ ${s(saveTarget)} ${total <= saveTarget && listed ? "✓" : "✗"}   ${JSON.stringify(seen.timings)}`);
  } else {
    console.log(`save a new version: not measured, the what-if page has no save button (no version scored on this data: ${((await page.textContent("main")) ?? "").match(/Scores not computed[^\n]*/)?.[0] ?? "?"})`);
  }
  console.log(`tab memory peak (renderer VmHWM, the kernel's peak RSS, summed over renderers): ${(hwm / 2 ** 30).toFixed(2)} GB   target ≤ 2 GB ${hwm <= 2 * 2 ** 30 ? "✓" : "✗"}`);

  // The kept copy: once this page has kept it, end the shared engine (as the browser does a while
  // after the last page closes); the next page restores the copy (OPFS, else IndexedDB).
  const keptMs = await page.waitForFunction(() => {
    const k = (globalThis as { __workbenchKeep?: Record<string, number> }).__workbenchKeep ?? {};
    const t = (globalThis as { __workbenchTimings?: { store?: string } }).__workbenchTimings;
    return t?.store === "opfs" ? k["keep a copy in this browser (OPFS)"] : k["keep scores in this browser"] ?? (Object.keys(k).length ? -1 : 0);
  }, undefined, { timeout: 900_000, polling: 250 }).then((h) => h.jsonValue());
  await page.goto("about:blank");
  const workers = ((await bcdp.send("Target.getTargets")) as { targetInfos: { type: string; targetId: string }[] }).targetInfos.filter((x) => x.type === "shared_worker");
  for (const w of workers) await bcdp.send("Target.closeTarget", { targetId: w.targetId });
  hwm = 0;
  const restored = await open("/calibration");
  console.log(`kept copy written after ready in ${s(Number(keptMs))}; the shared engine ended, /calibration ready in ${s(restored.ms)}, tab peak ${(hwm / 2 ** 30).toFixed(2)} GB   ${JSON.stringify(restored.timings)}`);
  if (errors.length) console.log(`errors in the pages: ${errors.slice(0, 5).join(" | ")}`);
} finally {
  await close();
}
}
