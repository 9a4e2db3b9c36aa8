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
import { listObjects, restore, snapshot } from "../lib/db/snapshot.js";
import type { Db } from "../lib/db/types.js";
import type { JsonFile } from "../lib/json-files.js";
import type { Model } from "../lib/model/schema.js";
import type { RecomputeResult } from "../lib/scoring/recompute.js";
import { loadDataset } from "../lib/dataset/load.js";
import { currentVersion, versionLabel } from "../lib/workbench/models.js";
import { scoreVersions, type OpenedWorkspace } from "../lib/workspace/open.js";
import type { VersionEntry } from "../lib/workspace/versions.js";
import { openBrowserDb } from "./duckdb.js";
import { sha256 } from "./idb.js";
import { getCached, putCached } from "./workspace-cache.js";
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
  /** Whether the tables came from this browser's cache (data: validated tables; scores: features and scores). */
  cached: { data: boolean; scores: boolean };
}

export type Progress = (message: string, fraction: number) => void;

/** The site's own model files (built in). */
export const modelFiles = builtInModels;

type ScoresMeta = Pick<OpenedWorkspace, "entries" | "models" | "recompute" | "scoringError">;

export async function openWorkbench(progress: Progress = () => {}): Promise<Workbench> {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t0);
    t0 = now;
  };
  progress("Starting DuckDB-WASM and opening the workspace…", 0.02);
  const [db, ws] = await Promise.all([openBrowserDb(), activeWorkspace()]);
  lap("start DuckDB-WASM");
  const wsId = ws.record.id;
  const cached = { data: false, scores: false };

  // 1. The validated tables: from this browser's cache, else read and validated from the files.
  let report: ValidationReport;
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
    if (report.usable) {
      progress("Keeping the validated tables in this browser for the next page…", 0.68);
      await putCached(wsId, "data", ws.contentKey, { report }, await snapshot(db, await listObjects(db)));
      lap("keep tables in this browser");
    }
  }

  // 2. Features and scores of every version that fits: keyed by the data and the model files.
  const scoresKey = await sha256([ws.contentKey, ...ws.models.flatMap((f) => [f.file, f.text])]);
  let opened: ScoresMeta;
  const scores = report.usable ? await getCached<ScoresMeta>(wsId, "scores", scoresKey) : null;
  if (scores) {
    progress("Restoring the scores kept in this browser…", 0.8);
    await restore(db, scores.snapshot);
    opened = scores.meta;
    cached.scores = true;
    lap("restore scores (cached in this browser)");
  } else {
    const before = new Set((await listObjects(db)).tables);
    const o = await scoreVersions(db, report, ws.models, { onProgress: progress });
    opened = { entries: o.entries, models: o.models, recompute: o.recompute, scoringError: o.scoringError };
    lap("recompute scores");
    if (o.recompute) {
      const added = (await listObjects(db)).tables.filter((t) => !before.has(t));
      await putCached(wsId, "scores", scoresKey, opened, await snapshot(db, { tables: added }));
      lap("keep scores in this browser");
    }
  }
  (globalThis as { __workbenchTimings?: unknown }).__workbenchTimings = { ...timings, cached };
  progress("Ready", 1);
  return {
    db, workspace: { id: wsId, name: ws.record.name }, origin: ws.origin, description: ws.description, report,
    entries: opened.entries, models: opened.models, current: currentVersion(opened.models), recompute: opened.recompute,
    scoringError: opened.scoringError, label: versionLabel, modelFiles: ws.models, reviews: ws.reviews, votes: ws.votes, timings, cached,
  };
}
