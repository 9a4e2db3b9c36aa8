/**
 * The kept copy of a workspace on the origin-private file system (OPFS): one
 * DuckDB database file per workspace, `leadscore-<workspace>.duckdb`, holding
 * the validated tables, the features and scores, and the record of the
 * content they came from (lib/db/live-state.ts: the same keys as the shared
 * engine's, so a changed file replaces everything and a changed version only
 * the features and scores).
 *
 * Why this shape (measured in Chromium 156 with DuckDB-WASM 1.32): a shared
 * worker has no synchronous file access (`createSyncAccessHandle` is not
 * there, nor nested workers), so the shared engine cannot open the file
 * itself; and a database file DuckDB-WASM writes into its own memory file
 * system cannot be copied out (`copyFileToBuffer` fails, the detached file
 * stays locked). So:
 * - writing (after the page is ready): a short-lived DuckDB-WASM in this
 *   page's own dedicated worker opens the file (`db.open` on opfs://), takes
 *   what changed from the shared engine (Arrow IPC, a million rows at a time:
 *   lib/db/snapshot.ts copyTables), checkpoints and ends, letting go of the
 *   file at once;
 * - restoring (a fresh engine): the file is read as a plain `File` (no lock),
 *   attached READ_ONLY and copied with COPY FROM DATABASE: exact types,
 *   views and the content record included.
 * Both hold the Web Lock `leadscore-opfs <workspace>` (the writer
 * exclusively), so a second tab never meets a locked file: it waits, and a
 * failure of any kind only costs speed (the caller falls back to IndexedDB or
 * the files).
 */
import { clearLiveState, readLiveState, readLiveStateIn, writeLiveState } from "../lib/db/live-state.js";
import { currentDatabaseQuery } from "../lib/db/catalog.js";
import { copyTables, dropObjects, listObjects } from "../lib/db/snapshot.js";
import type { Db } from "../lib/db/types.js";
import { attach, checkpoint, copyDatabase, detach, render } from "../lib/sql/index.js";
import { openFileDb } from "./duckdb.js";
import { dropEngineFile, flushEngineFiles, registerBrowserFile } from "./duckdb-worker.js";

/** The file's name on OPFS (its directory root). */
export const keptFileName = (workspaceId: string) => `leadscore-${workspaceId.replace(/[^A-Za-z0-9_-]/g, "_")}.duckdb`;

/** Whether this browser can keep the copy on OPFS (else IndexedDB). */
export function opfsUsable(): boolean {
  return (
    typeof navigator !== "undefined" &&
    typeof navigator.storage?.getDirectory === "function" &&
    typeof navigator.locks?.request === "function" &&
    typeof Worker !== "undefined"
  );
}

const lockName = (workspaceId: string) => `leadscore-opfs ${workspaceId}`;

async function keptFile(workspaceId: string): Promise<File | null> {
  const root = await navigator.storage.getDirectory();
  try {
    return await (await root.getFileHandle(keptFileName(workspaceId))).getFile();
  } catch {
    return null;
  }
}

/**
 * Copies the kept file into `db` (a fresh engine, nothing loaded) when it
 * holds this content's validated tables (`contentKey`); the features and
 * scores come along and the caller drops them if their key differs.
 * Returns whether it copied; throws on a failure (the caller cleans up).
 */
export async function restoreFromOpfs(db: Db, workspaceId: string, contentKey: string): Promise<boolean> {
  return navigator.locks.request(lockName(workspaceId), { mode: "shared" }, async () => {
    const file = await keptFile(workspaceId);
    if (!file || !file.size) return false;
    const name = `${keptFileName(workspaceId)}.${Date.now().toString(36)}.read`;
    await registerBrowserFile(db, name, file);
    let attached = false;
    try {
      await db.exec(render(attach(name, "kept", true)));
      attached = true;
      const state = await readLiveStateIn(db, "kept");
      if (state.data?.key !== contentKey) return false;
      const target = (await db.query<{ name: string }>(render(currentDatabaseQuery())))[0].name;
      await db.exec(render(copyDatabase("kept", target)));
      return true;
    } finally {
      if (attached) await db.exec(render(detach("kept"))).catch(() => {});
      await dropEngineFile(db, name).catch(() => {});
    }
  });
}

/**
 * Brings the kept file to what the shared engine `db` holds now: the
 * validated tables if their key differs (then everything is replaced), the
 * features and scores if theirs differs. Returns the kinds written (or
 * already there); throws when the file cannot be written.
 */
export async function keepInOpfs(db: Db, workspaceId: string): Promise<Set<string>> {
  return navigator.locks.request(lockName(workspaceId), async () => {
    const live = await readLiveState(db);
    const done = new Set<string>();
    if (!live.data) return done;
    const file = await openFileDb(`opfs://${keptFileName(workspaceId)}`);
    try {
      const kept = await readLiveState(file);
      if (kept.data?.key !== live.data.key) {
        await dropObjects(file, await listObjects(file));
        await clearLiveState(file, "data");
        await clearLiveState(file, "scores");
        kept.scores = undefined;
        const meta = live.data.meta as { views?: string[] };
        await copyTables(db, file, { tables: live.data.tables, views: meta.views ?? [] });
        await writeLiveState(file, "data", { ...live.data, meta: { ...meta, kept: true } });
      }
      done.add("data");
      if (live.scores && kept.scores?.key !== live.scores.key) {
        if (kept.scores) {
          await dropObjects(file, { tables: kept.scores.tables });
          await clearLiveState(file, "scores");
        }
        await copyTables(db, file, { tables: live.scores.tables });
        await writeLiveState(file, "scores", { ...live.scores, meta: { ...(live.scores.meta as object), kept: true } });
      }
      if (live.scores) done.add("scores");
      await file.exec(render(checkpoint()));
      await flushEngineFiles(file);
      return done;
    } finally {
      await file.close().catch(() => {});
    }
  });
}

/** Deletes a workspace's kept file (and its write-ahead log); never throws: returns what is left, if anything. */
export async function deleteKeptFile(workspaceId: string): Promise<string[]> {
  if (!opfsUsable()) return [];
  const names = [keptFileName(workspaceId), `${keptFileName(workspaceId)}.wal`];
  try {
    return await navigator.locks.request(lockName(workspaceId), async () => {
      const root = await navigator.storage.getDirectory();
      const left: string[] = [];
      for (const n of names) {
        try {
          await root.removeEntry(n);
        } catch (e) {
          if ((e as DOMException)?.name !== "NotFoundError") left.push(n);
        }
      }
      return left;
    });
  } catch {
    return names;
  }
}
