/**
 * Speed of loadDataset (read + validation + canonical tables + outcomes)
 * against a plain DuckDB read_csv of the same file into a table, on the
 * DuckDB-WASM engine in Node (the browser's engine).
 *
 *   npx tsx bench/dataset.ts [rows=1000000]
 *
 * Generates a leads CSV of `rows` × 20 columns (about 150 MB at 1 M rows):
 * id, created_at, label, categories (one with "Select" markers and a
 * Google/google variant), numbers, Yes/No flags and free text.
 */
import { openWasmDb } from "../lib/db/node-wasm.js";
import type { Db } from "../lib/db/types.js";
import { loadDataset } from "../lib/dataset/load.js";
import { parseDatasetDescription } from "../lib/dataset/schema.js";

const rows = Number(process.argv[2] ?? 1_000_000);

/** Deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  await db.query("SELECT count(*) FROM read_csv('warm.csv')");
}

if (process.argv[1]?.endsWith("dataset.ts")) await main();

async function main() {
const t0 = performance.now();
const bytes = generateLeadsCsv(rows);
console.log(`generated ${rows.toLocaleString("en-US")} rows × 20 columns, ${(bytes.length / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const description = parseDatasetDescription({
  name: "bench",
  files: { leads: { path: "leads.csv" } },
  leads: { id: "lead_id", createdAt: "created_at", label: { column: "converted" } },
  missingValues: ["", "Select"],
});

const results: Record<string, number> = {};
{
  const db = await openWasmDb();
  await warm(db);
  const [s] = await timed(async () => {
    await db.registerFile("plain.csv", bytes);
    await db.exec("CREATE TABLE plain AS SELECT * FROM read_csv('plain.csv')");
  });
  const [s2] = await timed(async () => {
    await db.exec("CREATE OR REPLACE TABLE plain2 AS SELECT * FROM read_csv('plain.csv', all_varchar = true)");
  });
  results["plain read_csv (auto-detect, typed)"] = s;
  results["plain read_csv (all_varchar)"] = s2;
  await db.close();
}
{
  const db = traced(await openWasmDb());
  await warm(db);
  const phases: Record<string, number> = {};
  let last = performance.now();
  let lastPhase = "start";
  const [s, report] = await timed(() =>
    loadDataset(db, description, { "leads.csv": bytes }, {
      onProgress: (p) => {
        const now = performance.now();
        phases[lastPhase] = (now - last) / 1000;
        last = now;
        lastPhase = p.phase;
      },
    }),
  );
  results["loadDataset (read + validate + tables + outcomes)"] = s;
  console.log("loadDataset phases (s):", Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v.toFixed(2)])));
  const f = report.files.leads!;
  console.log(`usable ${report.usable}; rowsRead ${f.rowsRead}, rowsUsed ${f.rowsUsed}; problems: ${report.problems.map((p) => `${p.code}(${p.count})`).join(", ")}`);
  console.log("outcomes", JSON.stringify(report.outcomes));
  await db.close();
}
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(52)} ${v.toFixed(2)} s`);
const ratio = results["loadDataset (read + validate + tables + outcomes)"] / results["plain read_csv (auto-detect, typed)"];
console.log(`loadDataset / plain read = ${ratio.toFixed(2)} (validation costs ${((ratio - 1) * 100).toFixed(0)} % of the read)`);
}
