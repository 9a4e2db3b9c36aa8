/**
 * Storage benchmark: the kept copy of a workspace (validated tables, features,
 * scores) for when the shared DuckDB-WASM worker has ended — (a) Arrow IPC in
 * IndexedDB (lib/db/snapshot.ts + src/components/idb.ts, what the site does)
 * vs (b) DuckDB-WASM's own database file on the origin-private file system
 * (ATTACH 'opfs://…' from a dedicated worker, COPY FROM DATABASE).
 *
 *   npx tsx bench/storage.ts [--small]
 *
 * Data: bench/synthetic.ts (keyed) + recompute of benchModel(1..3), in
 * headless Chromium. Every phase runs in its own browser over one temporary
 * profile (IndexedDB and OPFS persist, the engine and renderer do not):
 * write-idb, read-idb, write-opfs, read-opfs (+ a second worker and a second
 * tab opening the file while it is held), cleanup. Memory: Σ VmHWM of the
 * renderer processes at the end of each phase (CDP SystemInfo.getProcessInfo,
 * /proc/<pid>/status).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_BIN, statusKb } from "./browser-session.js";
import { serve } from "../cli/static-server.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

async function buildPage(dir: string) {
  const { build } = await import("esbuild");
  await build({ entryPoints: [path.join(here, "storage-browser/page.ts")], bundle: true, format: "esm", platform: "browser", target: "es2022", outfile: path.join(dir, "page.js"), logLevel: "error" });
  writeFileSync(path.join(dir, "index.html"), readFileSync(path.join(here, "browser/index.html")));
  for (const f of ["duckdb-eh.wasm", "duckdb-browser-eh.worker.js"]) cpSync(require.resolve(`@duckdb/duckdb-wasm/dist/${f}`), path.join(dir, f));
}

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const mb = (b: number | null | undefined) => (b == null ? "—" : `${(b / 2 ** 20).toFixed(0)} MB`);
const s = (x: number | null | undefined) => (x == null ? "—" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

/** One phase in its own browser over the shared profile; `run` gets the page (and the context, for a second tab). */
async function phase<T>(url: string, profile: string, log: (s: string) => void, run: (page: Page, context: BrowserContext, hwmNow: () => Promise<number>) => Promise<T>): Promise<T & { hwm: number; load: string }> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_BIN, args: ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => log(`  [browser] ${m.text()}`));
    page.on("pageerror", (e) => log(`  [browser error] ${String(e)}`));
    await page.goto(`${url}/index.html`, { waitUntil: "load" });
    await page.waitForFunction(() => typeof window.storageBench === "object");
    const hwmNow = async () => {
      const browser = context.browser();
      if (!browser) return 0;
      const bcdp = await browser.newBrowserCDPSession();
      const info = (await bcdp.send("SystemInfo.getProcessInfo")) as unknown as { processInfo: { type: string; id: number }[] };
      return info.processInfo.filter((p) => p.type === "renderer").reduce((sum, p) => sum + statusKb(p.id, "VmHWM"), 0);
    };
    const r = await run(page, context, hwmNow);
    return { ...r, hwm: await hwmNow(), load: load() };
  } finally {
    await context.close();
  }
}

export async function runStorageBench(o: { sizes: [number, number][]; log?: (s: string) => void }) {
  const log = o.log ?? ((x: string) => console.log(x));
  const dir = mkdtempSync(path.join(os.tmpdir(), "storage-bench-"));
  await buildPage(dir);
  const server: { url: string; close(): Promise<void> } = await serve(dir, 0);
  log(`machine: ${os.cpus().length} cores, load average ${load()}`);
  try {
    for (const [leads, activities] of o.sizes) {
      const profile = mkdtempSync(path.join(os.tmpdir(), "storage-bench-profile-"));
      try {
        log(`\n--- ${leads.toLocaleString("en")} leads × ${activities.toLocaleString("en")} activities`);
        const p = { leads, activities };
        let attachError: string | null = null;
        const wi = await phase(server.url, profile, log, (pg) => pg.evaluate((x) => window.storageBench.write({ ...x, method: "idb" }), p) as Promise<R>);
        log(`  write idb: generate ${s(wi.generateMs)}, score ${s(wi.scoreMs)}, snapshot ${s(wi.snapshotMs)}, put ${s(wi.putMs)}, ${mb(wi.bytes)} IPC (load ${wi.load})`);
        const ri = await phase(server.url, profile, log, (pg) => pg.evaluate(() => window.storageBench.readIdb()) as Promise<R>);
        log(`  read idb: ${JSON.stringify({ ...ri, typical: undefined })}`);
        // OPFS, first as the issue suggests (registerOPFSFileName + ATTACH); if that fails, the engine opened on the file (db.open).
        let wo = await phase(server.url, profile, log, (pg) => pg.evaluate((x) => window.storageBench.write({ ...x, method: "opfs" }), p) as Promise<R>);
        log(`  write opfs (ATTACH): ${JSON.stringify({ ...wo, typical: undefined, objects: undefined })}`);
        let route: "attach" | "open" = "attach";
        if (wo.error) {
          attachError = wo.error;
          await phase(server.url, profile, log, (pg) => pg.evaluate(() => window.storageBench.cleanup()) as Promise<R>);
          route = "open";
          wo = await phase(server.url, profile, log, (pg) => pg.evaluate((x) => window.storageBench.write({ ...x, method: "opfs-open" }), p) as Promise<R>);
          log(`  write opfs (db.open): ${JSON.stringify({ ...wo, typical: undefined, objects: undefined })}`);
        }
        let ro: R = { error: "not run (the OPFS write failed)" };
        const locks: R = {};
        if (!wo.error) {
          ro = await phase(server.url, profile, log, async (pg, ctx, hwmNow) => {
            const r = (await pg.evaluate((r) => window.storageBench.readOpfs(r), route)) as R;
            // The read's own peak, before the lock tests start more engines and a second tab.
            r.hwmRead = await hwmNow();
            r.loadRead = load();
            if (r.error) return r;
            locks.sameTab = await pg.evaluate((r) => window.storageBench.secondOpen(r), route);
            const tab2 = await ctx.newPage();
            await tab2.goto(pg.url(), { waitUntil: "load" });
            await tab2.waitForFunction(() => typeof window.storageBench === "object");
            locks.otherTab = await tab2.evaluate((r) => window.storageBench.secondOpen(r), route);
            await pg.evaluate(() => window.storageBench.releaseHeld());
            locks.afterRelease = await tab2.evaluate((r) => window.storageBench.secondOpen(r), route);
            return r;
          });
          log(`  read opfs: ${JSON.stringify({ ...ro, typical: undefined })}`);
          log(`  locks: ${JSON.stringify(locks)}`);
        }
        const clean = await phase(server.url, profile, log, (pg) => pg.evaluate(() => window.storageBench.cleanup()) as Promise<R>);
        log(`  cleanup: ${JSON.stringify({ ...clean, hwm: undefined })}`);
        report(log, { wi, ri, wo, ro, locks, attachError, route });
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(log: (s: string) => void, { wi, ri, wo, ro, locks, attachError, route }: R) {
  const same = (a: R | undefined, b: R | undefined) => JSON.stringify(a) === JSON.stringify(b);
  const rows: [string, string, string][] = [
    ["copy: generate + score (not part of the copy)", `${s(wi.generateMs)} + ${s(wi.scoreMs)}`, `${s(wo.generateMs)} + ${s(wo.scoreMs)}`],
    [`copy: write (IDB: snapshot + put; OPFS: ${route === "open" ? "COPY FROM DATABASE into the opened file + checkpoint" : "attach + COPY FROM DATABASE + checkpoint + detach"})`, `${s(wi.snapshotMs)} + ${s(wi.putMs)} = ${s(wi.snapshotMs + wi.putMs)}`, wo.error ? "failed" : s(wo.writeMs)],
    ["bytes stored (IDB: Arrow IPC; OPFS: .duckdb + .wal files)", `${mb(wi.bytes)} (storage usage ${mb(wi.usage)})`, wo.error ? "—" : `${mb(wo.size)} (storage usage ${mb(wo.usage)})`],
    ["write tab peak: renderer VmHWM", mb(wi.hwm), mb(wo.hwm)],
    ["fresh worker: start DuckDB-WASM", s(ri.openMs), s(ro.openMs)],
    [`fresh worker: open the copy (IDB: get + restore; OPFS: ${route === "open" ? "db.open on the file" : "register + ATTACH"})`, ri.error ? ri.error : `${s(ri.getMs)} + ${s(ri.restoreMs)} = ${s(ri.getMs + ri.restoreMs)}`, ro.error ? "failed" : s(ro.attachMs)],
    ["typical query (count, mean score by tier; scores ⋈ leads): first", s(ri.firstMs), s(ro.firstMs)],
    ["typical query: second", s(ri.secondMs), s(ro.secondMs)],
    ["start + copy ready + first query", s(ri.openMs + ri.getMs + ri.restoreMs + ri.firstMs), ro.error ? "—" : s(ro.openMs + ro.attachMs + ro.firstMs)],
    ["read tab peak: renderer VmHWM", mb(ri.hwm), mb(ro.hwmRead ?? ro.hwm)],
    ["rows and query result as written", same(ri.rows, wi.rows) && same(ri.typical, wi.typical) ? "same" : "DIFFER", ro.error ? "—" : same(ro.rows, wo.rows) && same(ro.typical, wo.typical) ? "same" : "DIFFER"],
    ["load average (1/5/15 min) after write / read", `${wi.load} / ${ri.load}`, `${wo.load} / ${ro.loadRead ?? "—"}`],
  ];
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(9, ...rows.map((r) => r[1].length)), Math.max(4, ...rows.map((r) => r[2].length))];
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd();
  log("");
  log(line(["figure", "IndexedDB", "OPFS"]));
  log(w.map((x) => "-".repeat(x)).join("  "));
  for (const r of rows) log(line(r));
  const lockText = (x: R | undefined) => (x ? (x.ok ? `opens (${x.steps.join(", ")})` : x.error ? `fails after [${x.steps.join(", ")}]: ${x.error}` : x.steps.join("; ")) : "not tried");
  if (attachError) log(`OPFS by registerOPFSFileName + ATTACH: ${attachError}; measured instead: the engine opened on the file (db.open({ path: 'opfs://…' })).`);
  if (wo.error || ro.error) {
    log(`OPFS in this DuckDB-WASM build: ${wo.error ?? ro.error}`);
    if (wo.probe) log(`  ${wo.probe}`);
  }
  else {
    log(`OPFS file held by one worker, a second worker in the same tab: ${lockText(locks.sameTab)}`);
    log(`OPFS file held by one tab, another tab: ${lockText(locks.otherTab)}`);
    log(`after the first one detached and ended: ${lockText(locks.afterRelease)}`);
  }
  // The conclusion, from the numbers above.
  if (wo.error || ro.error || ri.error) {
    log(`Conclusion: ${ri.error ? "IndexedDB failed" : "OPFS does not work here"}; keep ${ri.error ? "OPFS" : "IndexedDB"}.`);
    return;
  }
  // With db.open the start of the engine is inside attachMs: compare like with like (start + open copy + first query).
  const idbReady = ri.openMs + ri.getMs + ri.restoreMs + ri.firstMs, opfsReady = ro.openMs + ro.attachMs + ro.firstMs;
  const idbWrite = wi.snapshotMs + wi.putMs;
  const faster = opfsReady < idbReady ? "OPFS" : "IndexedDB";
  const ratio = Math.max(idbReady, opfsReady) / Math.min(idbReady, opfsReady);
  const multi = locks.otherTab?.ok ? "a second tab can open the OPFS file too" : "the OPFS file cannot be opened by a second tab or worker while one holds it";
  log(
    `Conclusion: a fresh worker has the copy ready for the first query ${ratio.toFixed(1)}× faster with ${faster} (IndexedDB ${s(idbReady)}, OPFS ${s(opfsReady)}); ` +
      `writing it takes IndexedDB ${s(idbWrite)} vs OPFS ${s(wo.writeMs)}, stores ${mb(wi.bytes)} vs ${mb(wo.size)}, read tab peak ${mb(ri.hwm)} vs ${mb(ro.hwmRead ?? ro.hwm)}; ${multi}.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const small = process.argv.includes("--small");
  const sizes: [number, number][] = [[24_000, 500_000]];
  if (!small) sizes.push([1_000_000, 20_000_000]);
  await runStorageBench({ sizes });
}
