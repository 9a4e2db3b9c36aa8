/**
 * Speed of loadDataset (read + validation + canonical tables + outcomes)
 * against a plain DuckDB read_csv of the same file into a table, on
 * DuckDB-WASM in Node (blocking bundle) and in headless Chromium (a page
 * bundling lib/dataset with esbuild, DuckDB in a web worker, as on the site).
 *
 *   npx tsx bench/dataset.ts [rows=1000000] [--no-browser] [--no-node]
 *
 * Target (issue "bring your own data"): in the browser, a 1,000,000-row ×
 * 20-column leads CSV loads, validates and is ready for scoring in ≤ 5 s,
 * tab memory < 2 GB, and loadDataset ≤ 2 × the plain read_csv.
 *
 * Generates a leads CSV of `rows` × 20 columns (about 150 MB at 1 M rows):
 * id, created_at, label, categories (one with "Select" markers and a
 * Google/google variant), numbers, Yes/No flags and free text.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openWasmDb } from "../lib/db/node-wasm.js";
import type { Db } from "../lib/db/types.js";
import { loadDataset } from "../lib/dataset/load.js";
import { parseDatasetDescription } from "../lib/dataset/schema.js";
import { launchBench, statusKb } from "./browser-session.js";
import { plainReadSql, warmSql } from "./dataset-sql.js";
import { mulberry32 as rng } from "../lib/prng.js";


export function generateLeadsCsv(n: number): Uint8Array {
  const r = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const hex = (k: number) => Array.from({ length: k }, () => "0123456789abcdef"[Math.floor(r() * 16)]).join("");
  const sources = ["Google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference", "Welingak Website", "Referral Sites", "Facebook"];
  const origins = ["API", "Landing Page Submission", "Lead Add Form", "Lead Import"];
  const countries = ["India", "United States", "United Arab Emirates", "Singapore", "Saudi Arabia", "United Kingdom", ""];
  const specs = ["Select", "Finance Management", "Human Resource Management", "Marketing Management", "Operations Management", "Business Administration", ""];
  const occup = ["Unemployed", "Working Professional", "Student", "Other", "Housewife", "Businessman"];
  const acts = ["Email Opened", "SMS Sent", "Olark Chat Conversation", "Page Visited on Website", "Converted to Lead", "Email Bounced"];
  const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];
  const header = [
    "lead_id", "created_at", "converted", "lead_origin", "lead_source", "country", "specialization", "occupation",
    "last_activity", "total_visits", "time_on_site", "page_views_per_visit", "lead_number", "score",
    "do_not_email", "do_not_call", "free_copy", "city", "notes", "campaign",
  ];
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [enc.encode(header.join(",") + "\n")];
  const start = Date.UTC(2022, 0, 1);
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = new Date(start + Math.floor(r() * 730 * 86400) * 1000).toISOString().slice(0, 19).replace("T", " ");
    const src = i % 997 === 0 ? "google" : pick(sources);
    buf.push(
      [
        `${hex(8)}-${hex(4)}-${hex(12)}`, created, r() < 0.385 ? "1" : "0", pick(origins), src, pick(countries), pick(specs),
        pick(occup), pick(acts), String(Math.floor(r() * 20)), String(Math.floor(r() * 2000)), (r() * 6).toFixed(2), String(600000 + i),
        (r() * 100).toFixed(1), r() < 0.08 ? "Yes" : "No", r() < 0.01 ? "Yes" : "No", r() < 0.3 ? "Yes" : "No",
        pick(["Mumbai", "Thane & Outskirts", "Other Cities", "Select", ""]), `"${pick(words)}, ${pick(words)}"`, `c${Math.floor(r() * 50)}`,
      ].join(","),
    );
    if (buf.length === 10_000) {
      chunks.push(enc.encode(buf.join("\n") + "\n"));
      buf = [];
    }
  }
  if (buf.length) chunks.push(enc.encode(buf.join("\n") + "\n"));
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [(performance.now() - t) / 1000, v];
}

/** With BENCH_VERBOSE=1, logs every statement slower than 30 ms. */
function traced(db: Db): Db {
  if (!process.env.BENCH_VERBOSE) return db;
  const log = (kind: string, sql: string, t: number) => {
    const dt = performance.now() - t;
    if (dt > 30) console.log(`  ${kind} ${dt.toFixed(0).padStart(5)} ms  ${sql.replace(/\s+/g, " ").slice(0, 110)}`);
    if (process.env.BENCH_VERBOSE === "sql" && dt > 30) console.log(sql);
  };
  return {
    ...db,
    engine: db.engine,
    query: async (sql) => { const t = performance.now(); const r = await db.query(sql); log("Q", sql, t); return r as never; },
    exec: async (sql) => { const t = performance.now(); await db.exec(sql); log("E", sql, t); },
    registerFile: (n, b) => db.registerFile(n, b),
    queryColumns: (sql) => db.queryColumns(sql),
    close: () => db.close(),
  };
}

async function warm(db: Db) {
  // The first query pays for compiling the WASM module's hot paths; do not bill it to either side.
  await db.registerFile("warm.csv", new TextEncoder().encode("a,b\n1,x\n2,y\n"));
  await db.query(warmSql("warm.csv"));
}


const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const secs = (x: number) => `${x.toFixed(2)} s`;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

export const BENCH_DESCRIPTION = {
  name: "bench",
  files: { leads: { path: "leads.csv" } },
  leads: { id: "lead_id", createdAt: "created_at", label: { column: "converted" } },
  missingValues: ["", "Select"],
};

interface Figures { readMs: number; readVarcharMs: number; loadMs: number; phases: Record<string, number>; summary: string }

async function runNode(bytes: Uint8Array): Promise<Figures> {
  const description = parseDatasetDescription(BENCH_DESCRIPTION);
  let readMs = 0, readVarcharMs = 0;
  {
    const db = await openWasmDb();
    await warm(db);
    [readMs] = await timed(async () => {
      await db.registerFile("plain.csv", bytes.slice());
      await db.exec(plainReadSql("plain", "plain.csv"));
    });
    [readVarcharMs] = await timed(() => db.exec(plainReadSql("plain2", "plain.csv", { allVarchar: true, orReplace: true })));
    await db.close();
  }
  const db = traced(await openWasmDb());
  await warm(db);
  const phases: Record<string, number> = {};
  let last = performance.now();
  let lastPhase = "start";
  const [loadMs, report] = await timed(() =>
    loadDataset(db, description, { "leads.csv": bytes }, {
      onProgress: (p) => {
        const now = performance.now();
        phases[lastPhase] = (phases[lastPhase] ?? 0) + (now - last);
        last = now;
        lastPhase = p.phase;
      },
    }),
  );
  await db.close();
  return { readMs: readMs * 1000, readVarcharMs: readVarcharMs * 1000, loadMs: loadMs * 1000, phases, summary: summary(report) };
}

function summary(report: Awaited<ReturnType<typeof loadDataset>>): string {
  const f = report.files.leads!;
  return `usable ${report.usable}; rowsRead ${f.rowsRead}, rowsUsed ${f.rowsUsed}; problems: ${report.problems.map((p) => `${p.code}(${p.count})`).join(", ")}; ` +
    `outcomes won ${report.outcomes?.won} lost ${report.outcomes?.lost} open ${report.outcomes?.open}`;
}

/**
 * The browser page: DuckDB-WASM in a web worker (engine and worker served
 * next to the page, as bench/browser/page.ts does), the CSV fetched from the
 * same origin (standing in for File.arrayBuffer), then the same two
 * measurements as in Node, each on a fresh database.
 */
const PAGE_ENTRY = `
import { openDuckDbWorker } from "../src/components/duckdb-worker.js";
import { loadDataset } from "../lib/dataset/load.js";
import { parseDatasetDescription } from "../lib/dataset/schema.js";
import { plainReadSql, warmSql } from "./dataset-sql.js";

const openPageDb = () =>
  openDuckDbWorker(new URL("./duckdb-eh.wasm", location.href).href, new URL("./duckdb-browser-eh.worker.js", location.href).href);
async function warm(db) {
  await db.registerFile("warm.csv", new TextEncoder().encode("a,b\\n1,x\\n2,y\\n"));
  await db.query(warmSql("warm.csv"));
}
window.runDatasetBench = async (descriptionJson) => {
  const bytes = new Uint8Array(await (await fetch("./leads.csv")).arrayBuffer());
  let db = await openPageDb();
  await warm(db);
  let t = performance.now();
  await db.registerFile("plain.csv", bytes.slice());
  await db.exec(plainReadSql("plain", "plain.csv"));
  const readMs = performance.now() - t;
  t = performance.now();
  await db.exec(plainReadSql("plain2", "plain.csv", { allVarchar: true }));
  const readVarcharMs = performance.now() - t;
  await db.close();
  db = await openPageDb();
  await warm(db);
  const phases = {};
  let last = performance.now(), lastPhase = "start";
  t = performance.now();
  const report = await loadDataset(db, parseDatasetDescription(descriptionJson), { "leads.csv": bytes }, {
    onProgress: (p) => { const now = performance.now(); phases[lastPhase] = (phases[lastPhase] ?? 0) + now - last; last = now; lastPhase = p.phase; },
  });
  const loadMs = performance.now() - t;
  await db.close();
  return { readMs, readVarcharMs, loadMs, phases, report };
};
`;


async function runBrowser(bytes: Uint8Array): Promise<Figures & { peakRss: number; hwm: number }> {
  if (!existsSync(CHROMIUM)) throw new Error(`bench/dataset.ts: Chromium not found at ${CHROMIUM}; install it (bash scripts/ensure-chromium.sh) or set CHROMIUM_PATH, or pass --no-browser`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "dataset-bench-"));
  const require = createRequire(import.meta.url);
  const { build } = await import("esbuild");
  await build({
    stdin: { contents: PAGE_ENTRY, resolveDir: here, loader: "ts", sourcefile: "dataset-page.ts" },
    bundle: true, format: "esm", platform: "browser", target: "es2022", outfile: path.join(dir, "page.js"), logLevel: "error",
  });
  writeFileSync(path.join(dir, "index.html"), readFileSync(path.join(here, "browser/index.html")));
  for (const f of ["duckdb-eh.wasm", "duckdb-browser-eh.worker.js"]) cpSync(require.resolve(`@duckdb/duckdb-wasm/dist/${f}`), path.join(dir, f));
  writeFileSync(path.join(dir, "leads.csv"), bytes);
  const { server, browser } = await launchBench(dir);
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.log(`  [browser error] ${String(e)}`));
    await page.goto(`${server.url}/index.html`, { waitUntil: "load" });
    await page.waitForFunction(() => typeof (window as unknown as { runDatasetBench?: unknown }).runDatasetBench === "function");
    const bcdp = await browser.newBrowserCDPSession();
    const renderers = async () => {
      const info = (await bcdp.send("SystemInfo.getProcessInfo")) as unknown as { processInfo: { type: string; id: number }[] };
      return info.processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
    };
    const pids = await renderers();
    let peakRss = 0;
    let running = true;
    const sampler = (async () => {
      while (running) {
        peakRss = Math.max(peakRss, pids.reduce((s, pid) => s + statusKb(pid, "VmRSS"), 0));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const r = (await page.evaluate((d) => (window as unknown as { runDatasetBench(d: unknown): Promise<unknown> }).runDatasetBench(d), BENCH_DESCRIPTION)) as
      Omit<Figures, "summary"> & { report: Awaited<ReturnType<typeof loadDataset>> };
    running = false;
    await sampler;
    const hwm = pids.reduce((s, pid) => s + statusKb(pid, "VmHWM"), 0);
    return { readMs: r.readMs, readVarcharMs: r.readVarcharMs, loadMs: r.loadMs, phases: r.phases, summary: summary(r.report), peakRss, hwm };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(where: string, f: Figures) {
  const ratio = f.loadMs / f.readMs;
  console.log(`\n${where}`);
  console.log(`  ${f.summary}`);
  console.log(`  loadDataset phases: ${Object.entries(f.phases).map(([k, v]) => `${k} ${secs(v / 1000)}`).join(", ")}`);
  console.log(`  plain read_csv (auto-detect, typed)    ${secs(f.readMs / 1000)}`);
  console.log(`  plain read_csv (all_varchar)           ${secs(f.readVarcharMs / 1000)}`);
  console.log(`  loadDataset (read + validate + tables) ${secs(f.loadMs / 1000)}`);
  console.log(`  loadDataset / plain typed read         ${ratio.toFixed(2)}×  (target ≤ 2×: ${ratio <= 2 ? "ok" : "MISSED"})`);
  return ratio;
}

async function main() {
  const args = process.argv.slice(2);
  const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");
  const t0 = performance.now();
  const bytes = generateLeadsCsv(rows);
  console.log(`generated ${rows.toLocaleString("en-US")} rows × 20 columns, ${(bytes.length / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`machine: ${os.cpus().length} cores, load average ${load()} (timings inflate when other work shares the cores; the ratios less so)`);
  let ok = true;
  if (!args.includes("--no-node")) {
    const n = await runNode(bytes);
    ok = print("DuckDB-WASM in Node (blocking bundle)", n) <= 2 && ok;
  }
  if (!args.includes("--no-browser")) {
    const b = await runBrowser(bytes);
    ok = print("DuckDB-WASM in headless Chromium (web worker)", b) <= 2 && ok;
    const ready = b.loadMs <= 5000;
    console.log(`  ready for scoring in the browser        ${secs(b.loadMs / 1000)}  (target ≤ 5 s: ${ready ? "ok" : "MISSED"})`);
    console.log(`  tab memory: renderer RSS peak ${mb(b.peakRss)}, VmHWM ${mb(b.hwm)}  (target < 2 GB: ${b.hwm < 2 * 2 ** 30 ? "ok" : "MISSED"})`);
    console.log("  (renderer RSS = Σ VmRSS of Chromium's renderer processes, sampled every 100 ms; VmHWM = the kernel's peak; both include the DuckDB worker)");
  }
  console.log(`load average at the end: ${load()}`);
}

if (process.argv[1]?.endsWith("dataset.ts")) await main();
