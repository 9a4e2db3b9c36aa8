/**
 * Opens the active workspace in the browser (src/components/workspaces.ts):
 * DuckDB-WASM, the dataset validated by the same lib/workspace path as the
 * CLI, then every model version that fits the data scored on its own. What
 * was loaded is kept in this browser (workspace-cache.ts): the next page
 * restores the tables instead of reading, validating and scoring again.
 * Pages call `openWorkbench()` once.
 */
import type { ValidationReport } from "../lib/dataset/report.js";
import type { DatasetDescription } from "../lib/dataset/schema.js";
import { clearLiveState, readLiveState, writeLiveState, type LiveEntry } from "../lib/db/live-state.js";
import { dropObjects, listObjects, restore, snapshot } from "../lib/db/snapshot.js";
import type { Db } from "../lib/db/types.js";
import type { JsonFile } from "../lib/json-files.js";
import type { Model } from "../lib/model/schema.js";
import type { RecomputeResult } from "../lib/scoring/recompute.js";
import { loadDataset } from "../lib/dataset/load.js";
import { currentVersion, versionLabel } from "../lib/workbench/models.js";
import { scoreAddedVersions, scoreVersions, type OpenedWorkspace } from "../lib/workspace/open.js";
import type { VersionEntry } from "../lib/workspace/versions.js";
import { openBrowserDb } from "./duckdb.js";
import { sha256 } from "./idb.js";
import { keepInOpfs, opfsUsable, restoreFromOpfs } from "./opfs-copy.js";
import { onPageReady } from "./ui.js";
import { dropCached, getCached, putCached } from "./workspace-cache.js";
import { activeWorkspace, builtInModels } from "./workspaces.js";

export interface Workbench {
  db: Db;
  /** The active workspace. */
  workspace: { id: string; name: string };
  /** "built-in" (the dataset the site was built with) or "browser" (the analyst's own files). */
  origin: "built-in" | "browser";
  description: DatasetDescription;
  report: ValidationReport;
  /** Every model file with its status: fits (scored), invalid, duplicate, not-for-dataset, failed. */
  entries: VersionEntry[];
  /** The versions scored, in file order. */
  models: Model[];
  current: Model | undefined;
  recompute: RecomputeResult | null;
  /** Why nothing could be scored, in one plain sentence (data unusable, no version fits). */
  scoringError: string | null;
  label: (m: Model) => string;
  /** The workspace's model files (raw text), review decision files and workshop vote files. */
  modelFiles: JsonFile[];
  reviews: JsonFile[];
  votes: JsonFile[];
  /** Milliseconds per step, shown on the Data page. */
  timings: Record<string, number>;
  /** Whether the tables came from this browser's cache (data: validated tables; scores: features and scores; live: already open in the shared engine). */
  cached: { data: boolean; scores: boolean; live: boolean };
  /** Where this browser keeps the copy: OPFS (a DuckDB file per workspace) or, where OPFS is missing or fails, IndexedDB. */
  store: Store;
  /** Content keys: of the data files (data), and of the data with every model file (scores); results computed from the scores are kept under the latter (kept-results.ts). */
  keys: { data: string; scores: string };
}

export type Progress = (message: string, fraction: number) => void;

/** The site's own model files (built in). */
export const modelFiles = builtInModels;

type ScoresMeta = Pick<OpenedWorkspace, "entries" | "models" | "recompute" | "scoringError">;
type Store = "opfs" | "indexeddb";
type CopyKind = "data" | "scores";
/** A copy still to keep once the page is ready: written to IndexedDB by `idb` (the OPFS copy takes both kinds from the engine). */
type Keep = { kind: CopyKind; idb: () => Promise<void> };

export async function openWorkbench(progress: Progress = () => {}): Promise<Workbench> {
  // Milliseconds since the navigation started: the page's scripts loaded (the first lap).
  const timings: Record<string, number> = { "page scripts loaded": Math.round(performance.now()) };
  let t0 = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t0);
    t0 = now;
  };
  progress("Opening the workspace…", 0.01);
  const ws = await activeWorkspace();
  const wsId = ws.record.id;
  lap("read the active workspace");
  progress("Starting DuckDB-WASM…", 0.02);
  const { db } = await openBrowserDb(`leadscore-workbench ${wsId}`);
  lap("reach the engine's worker");
  // Two pages of one workspace opening at once must not load the same tables twice.
  const store: Store = opfsUsable() ? "opfs" : "indexeddb";
  const keep: Keep[] = [];
  const open = () => openIn(db, ws, store, keep, progress, lap);
  const got = typeof navigator !== "undefined" && navigator.locks ? await navigator.locks.request(`leadscore-open ${wsId}`, open) : await open();
  const { report, cached, scoresKey } = got;
  // Scores met again (open engine, kept copy) come back as JSON: the entries point at the same model objects as
  // `models` again, so that pages comparing them by identity (the current version) see one version once.
  const opened = relink(got.opened);
  (globalThis as { __workbenchTimings?: unknown }).__workbenchTimings = { ...timings, cached, store };
  if (keep.length) keepCopy(db, wsId, store, keep);
  (globalThis as { __workbenchOpenedAt?: number }).__workbenchOpenedAt = performance.now();
  afterReady(db, "", async () => {
    (globalThis as { __workbenchReadyAt?: number }).__workbenchReadyAt ??= performance.now();
  });
  progress("Ready", 1);
  return {
    db, workspace: { id: wsId, name: ws.record.name }, origin: ws.origin, description: ws.description, report,
    entries: opened.entries, models: opened.models, current: currentVersion(opened.models), recompute: opened.recompute,
    scoringError: opened.scoringError, label: versionLabel, modelFiles: ws.models, reviews: ws.reviews, votes: ws.votes, timings, cached, store,
    keys: { data: ws.contentKey, scores: scoresKey },
  };
}

function relink(o: ScoresMeta): ScoresMeta {
  const key = (m: Model) => `${m.id}@${m.version}`;
  const byKey = new Map(o.models.map((m) => [key(m), m]));
  return { ...o, entries: o.entries.map((e) => (e.model && byKey.has(key(e.model)) ? { ...e, model: byKey.get(key(e.model))! } : e)) };
}

/**
 * Brings the database to the workspace's content: what it already holds (a
 * shared engine kept between pages) is used as is when its keys match; else
 * the tables come from this browser's kept copy (OPFS, else IndexedDB) or the
 * files. What is not kept yet is added to `keep`.
 */
async function openIn(db: Db, ws: Awaited<ReturnType<typeof activeWorkspace>>, store: Store, keep: Keep[], progress: Progress, lap: (name: string) => void) {
  const wsId = ws.record.id;
  const cached = { data: false, scores: false, live: false };
  let live = await readLiveState(db);
  lap(live.data ? "connect to DuckDB-WASM (open since an earlier page)" : "start DuckDB-WASM");
  let fromOpfs = false;
  if (!live.data && !live.scores && store === "opfs") {
    // A fresh engine: the copy kept on OPFS, if it holds this content (a failure only costs speed).
    progress("Restoring the tables kept in this browser…", 0.1);
    try {
      fromOpfs = await restoreFromOpfs(db, wsId, ws.contentKey);
    } catch {
      fromOpfs = false;
    }
    if (fromOpfs) {
      live = await readLiveState(db);
      lap("restore (OPFS)");
    } else {
      // Whatever a failed copy left is dropped: the page starts from an empty database.
      await dropObjects(db, await listObjects(db)).catch(() => {});
      await clearLiveState(db, "data").catch(() => {});
      await clearLiveState(db, "scores").catch(() => {});
      live = {};
    }
  }
  const scoresKey = await sha256([ws.contentKey, ...ws.models.flatMap((f) => [f.file, f.text])]);

  // 1. The validated tables: already open, else from this browser's cache, else read and validated from the files.
  let report: ValidationReport;
  if (live.data?.key === ws.contentKey) {
    report = (live.data.meta as { report: ValidationReport }).report;
    cached.data = true;
    cached.live = !fromOpfs;
  } else {
    if (live.data || live.scores) {
      // Another content of this workspace (a file changed): start from an empty database.
      await dropObjects(db, await listObjects(db));
      await clearLiveState(db, "data");
      await clearLiveState(db, "scores");
      live.scores = undefined;
    }
    const data = await getCached<{ report: ValidationReport }>(wsId, "data", ws.contentKey);
    if (data) {
      progress("Restoring the validated tables kept in this browser…", 0.2);
      await restore(db, data.snapshot);
      report = data.meta.report;
      cached.data = true;
      lap("restore tables (cached in this browser)");
    } else {
      progress("Reading the data files…", 0.05);
      const files = await ws.files();
      lap("fetch files");
      report = await loadDataset(db, ws.description, files, {
        onProgress: (p) => progress(`Validating ${p.file ?? "the data"} (${p.phase})…`, 0.1 + 0.55 * p.fraction),
      });
      lap("load and validate");
    }
    const objects = await listObjects(db);
    await writeLiveState(db, "data", { key: ws.contentKey, meta: { report, kept: cached.data || !report.usable, views: objects.views }, tables: objects.tables });
    live.data = (await readLiveState(db)).data;
  }
  const dataMeta = live.data!.meta as { report: ValidationReport; kept: boolean; views: string[] };
  if (!dataMeta.kept) {
    // Kept in this browser once the page is ready (the open engine serves the next pages meanwhile).
    const entry = live.data!;
    keep.push({
      kind: "data",
      idb: async () => {
        if (await putCached(wsId, "data", ws.contentKey, { report }, await snapshot(db, { tables: entry.tables, views: dataMeta.views }))) {
          await writeLiveState(db, "data", { ...entry, meta: { ...dataMeta, kept: true } });
        }
      },
    });
  }

  // 2. Features and scores of every version that fits: keyed by the data and the model files.
  let opened: ScoresMeta;
  if (live.scores?.key === scoresKey) {
    const meta = live.scores.meta as ScoresMeta & { kept: boolean };
    opened = meta;
    cached.scores = true;
    if (!fromOpfs) lap("tables and scores already open (kept between pages)");
    if (!meta.kept) keep.push(keepScores(db, wsId, scoresKey, live.scores as LiveEntry<ScoresMeta & { kept: boolean }>));
    return { report, opened, cached, scoresKey };
  }
  let more: ScoresMeta | null = null;
  if (live.scores) {
    // Only versions added (one saved in the browser, a file uploaded): score those, keep the rest.
    const before = live.scores.meta as ScoresMeta;
    const added = await scoreAddedVersions(db, report, ws.models, before).catch(() => null);
    if (added) {
      more = { entries: added.entries, models: added.models, recompute: added.recompute, scoringError: added.scoringError };
      lap("score the added versions (the others kept)");
    } else {
      // Otherwise the model files changed: drop the old features and scores, keep the data.
      await dropObjects(db, { tables: live.scores.tables });
      await clearLiveState(db, "scores");
    }
  }
  const scores = more || !report.usable ? null : await getCached<ScoresMeta>(wsId, "scores", scoresKey);
  if (more) opened = more;
  else if (scores) {
    progress("Restoring the scores kept in this browser…", 0.8);
    await restore(db, scores.snapshot);
    opened = scores.meta;
    cached.scores = true;
    lap("restore scores (cached in this browser)");
  } else {
    const o = await scoreVersions(db, report, ws.models, { onProgress: progress });
    opened = { entries: o.entries, models: o.models, recompute: o.recompute, scoringError: o.scoringError };
    lap("recompute scores");
  }
  // Every table that is not the data's: a table another page made before (the what-if editor scores its
  // draft as scores_<id>_v<n>, which this recompute then replaces) belongs to the scores too, so the kept copy has it.
  const dataTables = new Set(live.data!.tables);
  const added = (await listObjects(db)).tables.filter((t) => !dataTables.has(t));
  const entry = { key: scoresKey, meta: { ...opened, kept: cached.scores || !opened.recompute }, tables: added };
  await writeLiveState(db, "scores", entry);
  if (!entry.meta.kept) keep.push(keepScores(db, wsId, scoresKey, entry));
  return { report, opened, cached, scoresKey };
}

function keepScores(db: Db, wsId: string, scoresKey: string, entry: LiveEntry<ScoresMeta & { kept: boolean }>): Keep {
  return {
    kind: "scores",
    idb: async () => {
      const { kept: _, ...meta } = entry.meta;
      if (await putCached(wsId, "scores", scoresKey, meta, await snapshot(db, { tables: entry.tables }))) {
        await writeLiveState(db, "scores", { ...entry, meta: { ...entry.meta, kept: true } });
      }
    },
  };
}

/**
 * Keeps the copy once the page is ready. OPFS: one write of what changed
 * (opfs-copy.ts); the shared engine then records it as kept. Where OPFS is
 * missing or the write fails, IndexedDB as before (never an error shown: a
 * missing copy only costs the next page's speed).
 */
function keepCopy(db: Db, wsId: string, store: Store, keep: Keep[]) {
  if (store === "indexeddb") {
    for (const k of keep) afterReady(db, k.kind === "data" ? "keep tables in this browser" : "keep scores in this browser", k.idb);
    return;
  }
  afterReady(db, "keep a copy in this browser (OPFS)", async () => {
    let written = new Set<string>();
    try {
      written = await keepInOpfs(db, wsId);
    } catch {
      written = new Set();
    }
    const live = await readLiveState(db);
    for (const kind of ["data", "scores"] as const) {
      const entry = live[kind];
      if (!entry || !written.has(kind)) continue;
      await writeLiveState(db, kind, { ...entry, meta: { ...(entry.meta as object), kept: true } });
    }
    if (written.has("data")) {
      // The OPFS copy replaces any older IndexedDB copy of this workspace.
      await dropCached(wsId).catch(() => {});
      return;
    }
    for (const k of keep) await k.idb().catch(() => {});
  });
}

/**
 * Runs `task` once the page has marked itself ready (data-ready="1"), so that
 * keeping a copy in IndexedDB never delays what the analyst is waiting for.
 * If the analyst leaves first, the next page finds the copy missing (the live
 * state says so) and makes it then. Timings go to `__workbenchKeep`.
 */
function afterReady(db: Db, name: string, task: () => Promise<void>) {
  if (typeof document === "undefined") return;
  const run = () => {
    const t = performance.now();
    task()
      .catch(() => {})
      .finally(() => {
        const g = globalThis as { __workbenchKeep?: Record<string, number> };
        if (name) (g.__workbenchKeep ??= {})[name] = Math.round(performance.now() - t);
      });
  };
  onPageReady(run);
  void db;
}
