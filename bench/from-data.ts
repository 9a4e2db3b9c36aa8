/**
 * Quality bars and speed of a model proposed from data (suggestFromData), printed beside the targets:
 * 1. X Education (../shared/data, leak-free columns, stratified random 70/30, seed 1): the integer model
 *    (≤ 15 criteria) vs an unrestricted L2 logistic regression (C = 1) on every leak-free column
 *    (categories one-hot with missing as a level, numbers in quintile bands + missing) on the same split;
 *    calibration slope; integer vs unrounded ΔAUC.
 * 2. The sample (24,000 leads, random split): every ground-truth term with |β| ≥ 0.4 selected with the
 *    right sign; fitted half-lives beside the generator's 7 d (pricing_page) and 10 d (webinar).
 * 2b. The same generator at 150,000 leads (FROM_DATA_HL_LEADS), half-lives fitted on every training lead:
 *    recovery within ±30 % judged where the estimate is not dominated by sampling noise.
 * 3. Speed in a Web Worker in headless Chromium (part "speed"; "speed-node" runs the same in Node):
 *    candidates + binning + selection + refinement on 1,000,000 synthetic leads × 30 columns
 *    (10 numeric, 15 categorical, 5 activity types), each step's time beside the 15 s target.
 *
 *   npm run bench -- from-data        (FROM_DATA_LEADS=200000 for a smaller speed run;
 *                                      FROM_DATA_PARTS=xed,sample,halflife,speed,speed-node to run some parts)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { collapseRows } from "../lib/fit/collapse.js";
import { designFromLists } from "../lib/fit/design.js";
import { fitLogistic } from "../lib/fit/logistic.js";
import { loadDataset } from "../lib/dataset/load.js";
import { readDescribedFiles } from "../lib/dataset/node.js";
import { openWasmDb } from "../lib/db/node-wasm.js";
import { auc } from "../lib/metrics/auc.js";
import { recompute } from "../lib/scoring/recompute.js";
import { quantileCuts } from "../lib/suggest/candidates.js";
import type { FromDataInput } from "../lib/suggest/from-data-input.js";
import { readFromDataInput } from "../lib/suggest/from-data-read.js";
import { dataSplit } from "../lib/suggest/from-data-split.js";
import { suggestFromData, type FromDataResult } from "../lib/suggest/from-data.js";
import { LEAK_FREE, halfLifeRecovery, openSampleDb, termRecovery } from "../test/suggest/helpers.js";
import { launchBench } from "./browser-session.js";
import { speedWorkload, type SpeedFigures } from "./from-data-browser/workload.js";
import type {} from "./from-data-browser/page.js"; // its window.runFromDataBench declaration

const f = (x: number | null | undefined, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(d));
const met = (ok: boolean) => (ok ? "met" : "NOT met");

function rounding(name: string, r: FromDataResult) {
  const d = r.test.aucUnrounded - r.test.aucInteger;
  console.log(`  ${name}: integer vs unrounded test AUC ${f(r.test.aucInteger)} vs ${f(r.test.aucUnrounded)}, ΔAUC ${f(d)} (bar ≤ 0.003: ${met(d <= 0.003)})`);
}

function curve(r: FromDataResult) {
  for (const p of r.curve) console.log(`    k ${String(p.k).padStart(2)}  + ${p.added.padEnd(38)} CV ${f(p.cvAuc)} ± ${f(p.cvSe)}  test ${f(p.testAuc)}${p.k === r.k ? "  ← chosen" : ""}`);
}

/** Unrestricted L2 LR: every column one-hot (numbers: quintile bands), missing as a level. */
function baseline(input: FromDataInput, train: Int32Array, test: Int32Array): number {
  let nCols = 0;
  const codeCols: Int32Array[] = [];
  for (const c of input.columns) {
    const codes = new Int32Array(input.n);
    if (c.kind === "number") {
      const xs = Float64Array.from(Array.from(train, (i) => c.values[i]).filter((x) => !Number.isNaN(x))).sort();
      const cuts = quantileCuts(xs, 5);
      for (let i = 0; i < input.n; i++) {
        const x = c.values[i];
        codes[i] = Number.isNaN(x) ? cuts.length + 1 : cuts.filter((q) => x >= q).length;
      }
      for (let i = 0; i < input.n; i++) codes[i] += nCols;
      nCols += cuts.length + 2;
    } else {
      const lv = new Map<string, number>();
      for (let i = 0; i < input.n; i++) {
        const k = String(c.values[i]);
        if (!lv.has(k)) lv.set(k, lv.size);
        codes[i] = nCols + (lv.get(k) as number);
      }
      nCols += lv.size;
    }
    codeCols.push(codes);
  }
  const rows = (set: Int32Array) => Array.from(set, (i) => codeCols.map((c) => c[i]).sort((a, b) => a - b));
  const d = designFromLists(rows(train), Array.from(train, (i) => input.labels[i]), nCols);
  const fit = fitLogistic(collapseRows(d), { C: 1 });
  const eta = Float64Array.from(test, (i) => codeCols.reduce((s, c) => s + fit.coef[c[i]], fit.intercept));
  return auc(eta, Uint8Array.from(test, (i) => input.labels[i]));
}

console.log("Models from data: quality bars and speed");
const parts = (process.env.FROM_DATA_PARTS ?? "xed,sample,halflife,speed").split(",");
const XED = "../shared/data/x-education-leads/Leads.csv";
if (!parts.includes("xed")) console.log("X Education: not run (FROM_DATA_PARTS)");
else if (existsSync(XED)) {
  const t = performance.now();
  const db = await openWasmDb();
  const read = await readDescribedFiles("test/dataset/fixtures/x-education.dataset.json");
  await loadDataset(db, read.description, read.files);
  await recompute(db, []);
  const all = await readFromDataInput(db);
  await db.close();
  const input = { ...all, columns: all.columns.filter((c) => LEAK_FREE.includes(c.name)) };
  const r = suggestFromData(input, { split: "random", seed: 1, allowLeakage: true });
  const split = dataSplit(input.labels, input.createdMs, { kind: "random", seed: 1 });
  const base = baseline(input, split.train, split.test);
  const gap = base - r.test.aucInteger;
  console.log(`X Education (${((performance.now() - t) / 1000).toFixed(1)} s; ${input.columns.length} leak-free columns, stratified random 70/30, seed 1; ${r.split.nTrain} training / ${r.split.nTest} test leads)`);
  console.log(`  integer model, ${r.k} criteria (bar ≤ 15: ${met(r.k <= 15)}): test AUC ${f(r.test.aucInteger)}; unrestricted L2 LR on all ${input.columns.length} columns (one-hot + quintile bands): ${f(base)} → gap ${f(gap)} (bar ≤ 0.005: ${met(gap <= 0.005)})`);
  const slope = r.test.figures.slope;
  console.log(`  calibration slope ${f(slope, 3)} (bar 0.9–1.1: ${met(slope !== null && slope >= 0.9 && slope <= 1.1)})`);
  rounding("X Education", r);
  curve(r);
} else console.log(`X Education: SKIPPED (${XED} absent)`);

if (parts.includes("sample")) {
  const t = performance.now();
  const db = await openSampleDb();
  await recompute(db, []);
  const input = await readFromDataInput(db);
  await db.close();
  // the sample's window features cannot leak (the generator draws outcomes from them), so flagged columns are allowed
  const r = suggestFromData(input, { split: "random", seed: 1, allowLeakage: true });
  const flagged = r.candidates.filter((c) => c.leakage).map((c) => c.key);
  console.log(`sample (${((performance.now() - t) / 1000).toFixed(1)} s; ${input.n} labelled leads, random split): ${r.k} criteria, test AUC ${f(r.test.aucInteger)}, slope ${f(r.test.figures.slope, 3)}`);
  console.log(`  flagged by the leakage rule (IV > 0.5 or AUC > 0.9) but allowed here: ${flagged.join(", ") || "none"}`);
  rounding("sample", r);
  curve(r);
  const { checked, misses } = termRecovery(r);
  console.log(`  ground-truth terms with |β| ≥ 0.4: ${checked} checked, ${checked - misses.length} selected with the right sign (bar: all: ${met(misses.length === 0)})${misses.length ? `; misses: ${misses.join("; ")}` : ""}`);
  halfLives(r, `the sample, ${r.split.nTrain.toLocaleString("en")} training leads`);
}

/** Fitted half-lives beside the generator's (7 d pricing_page, 10 d web_visit), with the interval and whether it covers the truth. */
function halfLives(r: FromDataResult, what: string) {
  console.log(`  half-lives (${what}):`);
  const rec = halfLifeRecovery(r);
  for (const h of rec.judged)
    console.log(`    ${h.activity.padEnd(14)} fitted ${f(h.halfLife, 1)} d [95 % ${f(h.lo, 1)}, ${f(h.hi, 1)}] beside the generator's ${h.truth} d: ${f(h.error * 100, 0)} % (bar ±30 %: ${met(Math.abs(h.error) <= 0.3)}; interval covers it: ${h.covers ? "yes" : "no"}), LR ${f(h.lrt, 1)}`);
  if (rec.others.length) console.log(`    no recency effect in the generator: ${rec.others.map((h) => `${h.activity} ${f(h.halfLife, 1)} d (LR ${f(h.lrt, 1)})`).join(", ")}`);
  if (rec.missing.length) console.log(`    no half-life fitted for ${rec.missing.join(", ")} (NOT met)`);
  if (!rec.judged.length && !rec.missing.length) console.log("    the ground truth has no recency term; nothing to recover (NOT met)");
}

// Half-life recovery at a size where it can be judged: the default sample's 14,000 training leads hold
// about 2,500 leads with a pricing-page view and 2,000 with a webinar, and on data of that size the
// profile estimate of a 7-day half-life spreads from about 3 to 12 days across seeds (see
// test/suggest/decay.test.ts); the intervals say so. The same generator with more leads (same seed,
// same ground truth), all training leads used for the half-lives, judges the estimator, not the noise.
if (parts.includes("halflife")) {
  const leads = Number(process.env.FROM_DATA_HL_LEADS ?? 150_000);
  const t = performance.now();
  const db = await openSampleDb({ leads });
  await recompute(db, []);
  const input = await readFromDataInput(db);
  await db.close();
  const r = suggestFromData(input, { split: "random", seed: 1, allowLeakage: true, halfLifeRows: Number.POSITIVE_INFINITY });
  console.log(`sample generator at ${leads.toLocaleString("en")} leads (${((performance.now() - t) / 1000).toFixed(1)} s; ${input.n.toLocaleString("en")} labelled, random split): ${r.k} criteria, test AUC ${f(r.test.aucInteger)}`);
  halfLives(r, `${r.split.nTrain.toLocaleString("en")} training leads, all used`);
}

const STEP_TARGET_MS = 15_000;
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

function speedReport(where: string, x: SpeedFigures, extra = "") {
  const t = x.timings;
  const total = t.candidatesMs + t.selectionMs + t.refinementMs;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`speed, ${where} (${x.n.toLocaleString("en")} leads × 30 columns: 10 numeric, 15 categorical, 5 activity types; data generated in ${s(x.generateMs)}, not counted; ${x.k} criteria chosen, test AUC ${f(x.testAuc)})${extra}:`);
  console.log(`  ordering + split + candidates + binning ${s(t.candidatesMs).padStart(7)}`);
  console.log(`  selection (forward, 5-fold CV)          ${s(t.selectionMs).padStart(7)}`);
  console.log(`  refinement (refit, integer points)      ${s(t.refinementMs).padStart(7)}`);
  console.log(`  total                                   ${s(total).padStart(7)}   target ≤ ${s(STEP_TARGET_MS)} in a Web Worker in headless Chromium: ${where.startsWith("Chromium") ? met(total <= STEP_TARGET_MS) : "(Node, for reference)"}`);
  console.log(`  also (not in the target): decay half-lives ${s(t.halfLifeMs)}, thresholds + test figures + draft ${s(t.evaluationMs)}`);
}

if (parts.includes("speed-node")) {
  const n = Number(process.env.FROM_DATA_LEADS ?? 1_000_000);
  console.log(`load average before: ${loadavg()}`);
  speedReport("Node", speedWorkload(n));
}

// The speed target in a real Web Worker in headless Chromium: the workload bundled with esbuild (as the site
// bundles its worker), the page starts the worker, the worker generates the leads and runs suggestFromData.
if (parts.includes("speed")) {
  const n = Number(process.env.FROM_DATA_LEADS ?? 1_000_000);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = mkdtempSync(path.join(os.tmpdir(), "from-data-bench-"));
  const { build } = await import("esbuild");
  await build({ entryPoints: [path.join(here, "from-data-browser/page.ts"), path.join(here, "from-data-browser/worker.ts")], bundle: true, format: "esm", platform: "browser", target: "es2022", outdir: dir, logLevel: "error" });
  writeFileSync(path.join(dir, "index.html"), readFileSync(path.join(here, "from-data-browser/index.html")));
  const { server, browser } = await launchBench(dir);
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.log(`  [browser error] ${String(e)}`));
    await page.goto(`${server.url}/index.html`, { waitUntil: "load" });
    await page.waitForFunction(() => typeof window.runFromDataBench === "function");
    const before = loadavg();
    const out = await page.evaluate((k) => window.runFromDataBench(k), n);
    speedReport(`Chromium ${browser.version()}, Web Worker`, out.figures, `; load average before ${before}, after ${loadavg()}; progress shown: ${out.progress.length} messages`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
