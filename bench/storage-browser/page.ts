/**
 * The browser side of the storage benchmark (bench/storage.ts, bundled with
 * esbuild): each phase runs in a fresh browser over the same profile, so
 * IndexedDB and OPFS persist between phases while the engine does not.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import { tableToIPC } from "apache-arrow";
import { listObjects, restore, snapshot, type Snapshot } from "../../lib/db/snapshot.js";
import { SAFE_SETTINGS, type Db } from "../../lib/db/types.js";
import { wasmDb } from "../../lib/db/wasm-db.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { scoresTableName } from "../../lib/scoring/names.js";
import {
  as, agg, attach, checkpoint, col, copyDatabase, count, createTable, detach, fn, joinUsing, lit, render, script, select, table, use,
} from "../../lib/sql/index.js";
import { idbGet, idbPut, STORES } from "../../src/components/idb.js";
import { benchModel, syntheticSql } from "../synthetic.js";

const FILE = "opfs://storage-bench.duckdb";
const KEY = "storage-bench|all";
const SCORES = scoresTableName(benchModel(1));
/** A typical page query: count and mean score by tier, a score table joined with leads (of an attached database `schema`, if given). */
export const TYPICAL = (schema: string | null = null) =>
  render(select({
    columns: [as(col("tier", "s")), as(count(), "n"), as(agg("avg", [col("score", "s")]), "mean"), as(count(col("created_at", "l")), "c")],
    from: table(SCORES, "s", schema),
    joins: [joinUsing(table("leads", "l", schema), ["lead_key"])],
    groupBy: [col("tier", "s")],
    orderBy: [col("tier", "s")],
  }));
/** The row count (as n) of a table, optionally in another attached database. */
const countSql = (name: string, schema: string | null = null) => render(select({ columns: [as(count(), "n")], from: table(name, null, schema) }));
/** The OPFS file attached as `kept`. */
const attachKept = (readOnly = false) => render(attach(FILE, "kept", readOnly));

async function openRaw(path?: string, accessMode = duckdb.DuckDBAccessMode.READ_WRITE): Promise<{ adb: duckdb.AsyncDuckDB; conn: duckdb.AsyncDuckDBConnection; db: Db; openMs: number; fileOpenMs: number }> {
  const t = performance.now();
  const adb = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(new URL("./duckdb-browser-eh.worker.js", location.href).href));
  await adb.instantiate(new URL("./duckdb-eh.wasm", location.href).href);
  const t1 = performance.now();
  if (path) await adb.open({ path, accessMode });
  const fileOpenMs = performance.now() - t1;
  const conn = await adb.connect();
  for (const s of SAFE_SETTINGS) await conn.query(s);
  const db = wasmDb({
    query: (sql) => conn.query(sql),
    send: (sql) => conn.send(sql, true),
    registerFile: (name, data) => adb.registerFileBuffer(name, data),
    exportIpc: async (sql) => tableToIPC(await conn.query(sql), "stream"),
    importIpc: (name, ipc) => conn.insertArrowFromIPCStream(ipc, { name, create: true }),
    async close() {
      await conn.close();
      await adb.terminate();
    },
  });
  return { adb, conn, db, openMs: performance.now() - t - fileOpenMs, fileOpenMs };
}

const err = (e: unknown) => (e instanceof Error ? e.message : String(e));
const ms = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
};

async function opfsSize(): Promise<number | null> {
  try {
    const root = await navigator.storage.getDirectory();
    let n = 0;
    for await (const [name, h] of (root as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries())
      if (name.startsWith("storage-bench") && h.kind === "file") n += (await (h as FileSystemFileHandle).getFile()).size;
    return n;
  } catch {
    return null;
  }
}

async function counts(db: Db, schema: string | null = null): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["leads", "activity_events", "lead_features", SCORES]) out[t] = Number((await db.query<{ n: number }>(countSql(t, schema)))[0].n);
  return out;
}

/** The other way in: a database opened on an OPFS path (db.open({ path: "opfs://…" })), a one-row table, checkpoint. */
async function probeOpen(): Promise<string> {
  const path = "opfs://storage-bench-probe.duckdb";
  const adb = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(new URL("./duckdb-browser-eh.worker.js", location.href).href));
  try {
    await adb.instantiate(new URL("./duckdb-eh.wasm", location.href).href);
    await adb.open({ path, accessMode: duckdb.DuckDBAccessMode.READ_WRITE });
    const c = await adb.connect();
    await c.query(render(createTable("t", select({ columns: [as(lit(42), "x")], from: null }), { orReplace: false })));
    await c.query(render(checkpoint()));
    return `db.open({ path: '${path}' }) works: table written`;
  } catch (e) {
    return `db.open({ path: '${path}', READ_WRITE }) fails too: ${err(e)}`;
  } finally {
    await adb.terminate().catch(() => {});
  }
}

let held: Awaited<ReturnType<typeof openRaw>> | null = null;

const phases = {
  /** Generate + score, then copy into IndexedDB (o.method = "idb") or into an OPFS DuckDB file ("opfs"). */
  async write(o: { leads: number; activities: number; method: "idb" | "opfs" | "opfs-open" }) {
    // "opfs-open": the engine's own database is the OPFS file (db.open), the work happens in an attached in-memory one.
    const { adb, db } = await openRaw(o.method === "opfs-open" ? FILE : undefined);
    let fileDb = "";
    let attachMs = 0;
    if (o.method === "opfs") {
      // Attached before the data is made (an empty file), so that a build where ATTACH fails says so at once.
      try {
        [, attachMs] = await ms(async () => {
          await adb.registerOPFSFileName(FILE);
          await adb.registerOPFSFileName(`${FILE}.wal`);
          await db.exec(attachKept());
        });
      } catch (e) {
        const error = `OPFS write failed (registerOPFSFileName + attach '${FILE}'): ${err(e)}`;
        await adb.dropFiles().catch(() => {});
        return { error, probe: await probeOpen() };
      }
    }
    if (o.method === "opfs-open") {
      fileDb = (await db.query<{ d: string }>(render(select({ columns: [as(fn("current_database"), "d")], from: null }))))[0].d;
      await db.exec(render(script(attach(":memory:", "mem"), use("mem"))));
    }
    const [, generateMs] = await ms(async () => {
      for (const s of syntheticSql(o.leads, o.activities, true)) await db.exec(s);
    });
    const [, scoreMs] = await ms(() => recompute(db, [benchModel(1), benchModel(2), benchModel(3)]));
    const objects = await listObjects(db);
    const rows = await counts(db);
    const typical = await db.query(TYPICAL());
    if (o.method === "idb") {
      let snap: Snapshot | null;
      const [s, snapshotMs] = await ms(() => snapshot(db, objects));
      snap = s;
      const bytes = snap.bytes;
      const [, putMs] = await ms(() => idbPut(STORES.cache, KEY, { meta: {}, snapshot: snap, savedAt: new Date().toISOString() }));
      snap = null;
      const usage = (await navigator.storage.estimate()).usage ?? null;
      return { generateMs, scoreMs, objects, rows, typical, snapshotMs, putMs, bytes, usage };
    }
    if (o.method === "opfs-open") {
      try {
        const [, writeMs] = await ms(async () => {
          await db.exec(render(copyDatabase("mem", fileDb)));
          await db.exec(render(checkpoint(fileDb)));
          await adb.flushFiles();
        });
        const size = await opfsSize();
        const usage = (await navigator.storage.estimate()).usage ?? null;
        await db.close();
        return { generateMs, scoreMs, objects, rows, typical, writeMs, size, usage, route: "db.open({ path: 'opfs://…' }) + attach ':memory:', COPY FROM DATABASE mem to the file, CHECKPOINT" };
      } catch (e) {
        return { generateMs, scoreMs, objects, rows, typical, error: `OPFS write failed (db.open on '${FILE}' + COPY FROM DATABASE into the file): ${err(e)}` };
      }
    }
    // OPFS: register the file (and its WAL), attach it, copy the database, checkpoint, detach.
    try {
      let [, writeMs] = await ms(async () => {
        await db.exec(render(copyDatabase("memory", "kept")));
        await db.exec(render(checkpoint("kept")));
        await db.exec(render(detach("kept")));
        await adb.flushFiles();
      });
      writeMs += attachMs;
      const size = await opfsSize();
      const usage = (await navigator.storage.estimate()).usage ?? null;
      return { generateMs, scoreMs, objects, rows, typical, writeMs, size, usage };
    } catch (e) {
      return { generateMs, scoreMs, objects, rows, typical, error: `OPFS write failed (COPY FROM DATABASE into the attached file): ${err(e)}` };
    }
  },

  /** A fresh engine: read the IndexedDB copy, restore it, then the typical query twice. */
  async readIdb() {
    const { db, openMs } = await openRaw();
    const [entry, getMs] = await ms(() => idbGet<{ snapshot: Snapshot }>(STORES.cache, KEY));
    if (!entry) return { error: "no IndexedDB entry" };
    const [, restoreMs] = await ms(() => restore(db, entry.snapshot));
    const [typical, firstMs] = await ms(() => db.query(TYPICAL()));
    const [, secondMs] = await ms(() => db.query(TYPICAL()));
    return { openMs, getMs, restoreMs, firstMs, secondMs, typical, rows: await counts(db) };
  },

  /** A fresh engine: attach the OPFS file (kept attached, for the lock tests), then the typical query twice. */
  async readOpfs(route: "attach" | "open" = "attach") {
    if (route === "open") {
      try {
        held = await openRaw(FILE);
        const { db, openMs, fileOpenMs: attachMs } = held;
        const [typical, firstMs] = await ms(() => db.query(TYPICAL()));
        const [, secondMs] = await ms(() => db.query(TYPICAL()));
        return { openMs, attachMs, firstMs, secondMs, typical, rows: await counts(db) };
      } catch (e) {
        return { error: `OPFS open failed: ${err(e)}` };
      }
    }
    held = await openRaw();
    const { adb, db, openMs } = held;
    try {
      const [, attachMs] = await ms(async () => {
        await adb.registerOPFSFileName(FILE);
        await adb.registerOPFSFileName(`${FILE}.wal`);
        await db.exec(attachKept());
      });
      const [typical, firstMs] = await ms(() => db.query(TYPICAL("kept")));
      const [, secondMs] = await ms(() => db.query(TYPICAL("kept")));
      return { openMs, attachMs, firstMs, secondMs, typical, rows: await counts(db, "kept") };
    } catch (e) {
      return { openMs, error: `OPFS open failed: ${err(e)}` };
    }
  },

  /** While another engine holds the file: what opening it again does (a second worker here, or in another tab). */
  async secondOpen(route: "attach" | "open" = "attach") {
    const steps: string[] = [];
    if (route === "open") {
      for (const [mode, name] of [[duckdb.DuckDBAccessMode.READ_ONLY, "READ_ONLY"], [duckdb.DuckDBAccessMode.READ_WRITE, "READ_WRITE"]] as const) {
        try {
          const second = await openRaw(FILE, mode);
          const r = await second.db.query(countSql("leads"));
          steps.push(`db.open ${name} ok, query ok (${r[0].n} leads)`);
          await second.db.close().catch(() => {});
        } catch (e) {
          steps.push(`db.open ${name} fails: ${err(e)}`);
        }
      }
      return { ok: steps.every((x) => !x.includes("fails")), steps };
    }
    const second = await openRaw();
    try {
      await second.adb.registerOPFSFileName(FILE);
      steps.push("registerOPFSFileName ok");
      await second.db.exec(attachKept(true));
      steps.push("attach (READ_ONLY) ok");
      const r = await second.db.query(countSql("leads", "kept"));
      steps.push(`query ok (${r[0].n} leads)`);
      return { ok: true, steps };
    } catch (e) {
      return { ok: false, steps, error: err(e) };
    } finally {
      await second.db.close().catch(() => {});
    }
  },

  async releaseHeld() {
    if (!held) return;
    await held.db.exec(render(detach("kept"))).catch(() => {});
    await held.adb.flushFiles().catch(() => {});
    await held.adb.dropFiles().catch(() => {});
    await held.db.close().catch(() => {});
    held = null;
  },

  /** Deletes the IndexedDB database and the OPFS files; says what is left. */
  async cleanup() {
    const deleted = await new Promise<string>((resolve) => {
      const r = indexedDB.deleteDatabase("leadscore-workbench");
      r.onsuccess = () => resolve("deleted");
      r.onerror = () => resolve(`error ${r.error?.message}`);
      r.onblocked = () => resolve("blocked");
    });
    const root = await navigator.storage.getDirectory();
    const removed: string[] = [];
    const errors: string[] = [];
    for await (const [name] of (root as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
      try {
        await root.removeEntry(name, { recursive: true });
        removed.push(name);
      } catch (e) {
        errors.push(`${name}: ${err(e)}`);
      }
    }
    const left: string[] = [];
    for await (const [name] of (root as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) left.push(name);
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    return { idb: deleted, removed, errors, opfsLeft: left, idbLeft: dbs };
  },
};

declare global {
  interface Window {
    storageBench: typeof phases;
  }
}
window.storageBench = phases;
