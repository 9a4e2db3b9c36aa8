/**
 * Timing of the fitting core (lib/fit), in Node and in headless Chromium inside
 * a Web Worker (as the suggestion page runs it), against the targets of
 * "Suggested points and thresholds":
 *
 * 1. 1,000,000 leads × 40 sparse criteria (each met with probability
 *    0.05–0.4): design checks, collapse, criterion diagnostics, points fit with
 *    integer refinement (suggestPoints, PDO scale) — target ≤ 3 s in the
 *    browser, with progress shown and the page responsive;
 * 2. 100,000 leads × 40 criteria: 200 bootstrap refits as the page runs them
 *    (bootstrapInChunks) — target ≤ 10 s;
 * 3. page responsiveness while the worker computes: longest gap between
 *    requestAnimationFrame callbacks and between 10 ms interval ticks on the
 *    page — each should stay < 100 ms; and, for information, the slowest round
 *    trip of a page.evaluate probe sent every 100 ms from Node (it also counts
 *    CDP and OS scheduling on a loaded machine).
 *
 * The workloads (bench/fit-browser/workload.ts) are shared by both engines;
 * in the browser the data is generated inside the worker with the same seeded
 * generator and the timings are taken there.
 *
 *   npx tsx bench/fit.ts [--no-node] [--no-browser] [--only=fit|bootstrap] [--direct]
 *
 * --direct also times bootstrapPoints in one call (Node; the figure this bench
 * printed before the browser part existed).
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bootstrapWorkload, fitWorkload, type BootstrapFigures, type FitFigures } from "./fit-browser/workload.js";
import type { FitBenchRequest } from "./fit-browser/worker.js";
import type { Responsiveness } from "./fit-browser/page.js";
import { CHROMIUM, s as fmt } from "./scoring.js";
import { launchBench } from "./browser-session.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice(7);
const REQ: FitBenchRequest = { fitLeads: 1_000_000, bootLeads: 100_000, replicates: 200, fit: only !== "bootstrap", bootstrap: only !== "fit" };
const FIT_TARGET = 3000;
const BOOT_TARGET = 10_000;
const GAP_TARGET = 100;

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

interface Engine {
  fit: FitFigures | null;
  bootstrap: BootstrapFigures | null;
}
interface BrowserRun extends Engine {
  responsiveness: Responsiveness;
  probeMax: number;
  probes: number;
  chromium: string;
}

async function buildPage(dir: string) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [path.join(here, "fit-browser/page.ts"), path.join(here, "fit-browser/worker.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: dir,
    logLevel: "error",
  });
  writeFileSync(path.join(dir, "index.html"), readFileSync(path.join(here, "fit-browser/index.html")));
}

async function runBrowser(log: (s: string) => void): Promise<BrowserRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fit-bench-"));
  await buildPage(dir);
  const { server, browser } = await launchBench(dir);
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => log(`  [browser error] ${String(e)}`));
    page.on("console", (m) => log(`  [browser] ${m.text()}`));
    await page.goto(`${server.url}/index.html`, { waitUntil: "load" });
    await page.waitForFunction(() => typeof window.runFitBench === "function");
    // an outside probe: how long a trivial evaluate waits for the main thread
    let running = true;
    let probeMax = 0;
    let probes = 0;
    let shown = "";
    const prober = (async () => {
      while (running) {
        const t = performance.now();
        const status = await page.evaluate(() => document.querySelector("#status")?.textContent ?? "");
        probeMax = Math.max(probeMax, performance.now() - t);
        probes++;
        if (status !== shown && /fit:|bootstrap: \d+0?0 of/.test(status) && !/ 25 of| 75 of| 125 of| 175 of/.test(status)) log(`  page shows: ${status}`);
        shown = status;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const out = await page.evaluate((o) => window.runFitBench(o), REQ);
    running = false;
    await prober;
    return { fit: out.reply.fit, bootstrap: out.reply.bootstrap, responsiveness: out.responsiveness, probeMax, probes, chromium: browser.version() };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Row {
  figure: string;
  node: string;
  browser: string;
  target: string;
  ok: boolean | null;
}

function report(node: Engine | null, br: BrowserRun | null): Row[] {
  const rows: Row[] = [];
  const add = (figure: string, n: string, b: string, target = "", ok: boolean | null = null) => rows.push({ figure, node: n, browser: b, target, ok });
  const nf = node?.fit ?? null;
  const bf = br?.fit ?? null;
  if (nf || bf) {
    const f = (nf ?? bf)!;
    add(`1M × 40 (${f.nnz} active indicators, ${f.distinct} distinct vectors)`, "", "");
    for (const st of f.steps) {
      const b = bf?.steps.find((x) => x.key === st.key);
      const n = nf?.steps.find((x) => x.key === st.key);
      add(`  ${st.label}`, fmt(n?.ms), fmt(b?.ms));
    }
    add("  diagnostics + fit + refinement", fmt(nf?.coreMs), fmt(bf?.coreMs), `browser ≤ ${fmt(FIT_TARGET)}`, bf ? bf.coreMs <= FIT_TARGET : null);
    add("  checks + collapse + diagnostics + fit + refinement", fmt(nf?.pipelineMs), fmt(bf?.pipelineMs), `browser ≤ ${fmt(FIT_TARGET)}`, bf ? bf.pipelineMs <= FIT_TARGET : null);
    const it = (x: FitFigures | null) => (x ? `${x.newtonIterations} it., ${x.converged ? "conv." : "NOT conv."}, ×${x.multiplier.toFixed(3)}, ${x.moves} moves` : "—");
    add("  fit: iterations, refinement multiplier, ±1 moves", it(nf), it(bf));
    if (nf && bf) add("  same integer points in both engines", "", nf.points.join() === bf.points.join() ? "yes" : "NO", "yes", nf.points.join() === bf.points.join());
  }
  const nb = node?.bootstrap ?? null;
  const bb = br?.bootstrap ?? null;
  if (nb || bb) {
    const b = (nb ?? bb)!;
    add(`100k × 40 (${b.distinct} distinct vectors): bootstrap, ${b.replicates} refits`, "", "");
    add("  bootstrapInChunks (as the page, chunks of 25)", fmt(nb?.ms), fmt(bb?.ms), `≤ ${fmt(BOOT_TARGET)}`, bb ? bb.ms <= BOOT_TARGET : nb ? nb.ms <= BOOT_TARGET : null);
    if (nb?.directMs != null) add("  bootstrapPoints, one call", fmt(nb.directMs), "—");
    add("  refits not converged", nb ? String(nb.notConverged) : "—", bb ? String(bb.notConverged) : "—");
    if (nb && bb) {
      const d = Math.max(...nb.lo.map((v, j) => Math.abs(v - bb.lo[j])), ...nb.hi.map((v, j) => Math.abs(v - bb.hi[j])));
      add("  max |interval bound difference| Node vs browser (points)", "", d.toExponential(1), "≤ 1e-6", d <= 1e-6);
    }
  }
  if (br) {
    const r = br.responsiveness;
    add(`page while the worker computes (${fmt(r.wallMs)} wall, ${r.progressMessages} progress messages)`, "", "");
    add(`  longest gap between animation frames (${r.frames} frames)`, "", r.frames > 1 ? fmt(r.maxFrameGap) : "no frames", `< ${GAP_TARGET} ms`, r.frames > 1 ? r.maxFrameGap < GAP_TARGET : null);
    add(`  longest gap between 10 ms interval ticks (${r.ticks} ticks)`, "", fmt(r.maxTickGap), `< ${GAP_TARGET} ms`, r.maxTickGap < GAP_TARGET);
    add(`  slowest page.evaluate round trip from Node (${br.probes} probes; includes CDP and OS scheduling)`, "", fmt(br.probeMax));
  }
  return rows;
}

function table(rows: Row[]): string {
  const head = ["figure", "Node", "Chromium worker", "target", ""];
  const cells = rows.map((x) => [x.figure, x.node, x.browser, x.target, x.ok === null ? "" : x.ok ? "ok" : "MISSED"]);
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd();
  return [line(head), w.map((x) => "-".repeat(x)).join("  "), ...cells.map(line)].join("\n");
}

console.log(`fit bench: node ${process.version}, ${os.cpus().length} cores, load average ${load()} (timings inflate when other work shares the cores)`);
let node: Engine | null = null;
if (!args.includes("--no-node")) {
  console.log(`Node … (load ${load()})`);
  const fit = REQ.fit ? fitWorkload(REQ.fitLeads, 1) : null;
  const bootstrap = REQ.bootstrap ? bootstrapWorkload(REQ.bootLeads, 2, REQ.replicates, undefined, args.includes("--direct")) : null;
  node = { fit, bootstrap };
}
let br: BrowserRun | null = null;
if (!args.includes("--no-browser")) {
  if (!existsSync(CHROMIUM)) console.log(`Chromium: SKIPPED (not found at ${CHROMIUM}; bash scripts/ensure-chromium.sh or set CHROMIUM_PATH)`);
  else {
    console.log(`headless Chromium, Web Worker … (load ${load()})`);
    br = await runBrowser((x) => console.log(x));
    console.log(`  Chromium ${br.chromium}`);
  }
}
console.log(`load average at the end: ${load()}`);
const rows = report(node, br);
console.log(table(rows));
console.log("Targets apply to the browser figures (Node's are shown for reference). Times are wall-clock inside the worker / Node process.");
