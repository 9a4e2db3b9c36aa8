/**
 * The one way to open a workspace (a dataset with its model versions), used
 * by the command line and by the site: load and validate the dataset, parse
 * the model files (duplicates dropped with a reason), check each version
 * against the data, then score every version that fits, each on its own, so
 * that one failure stays one failure. No DOM, no Node: the caller brings the
 * database, the file bytes and the model texts.
 */
import type { LoadOptions, LoadProgress } from "../dataset/load.js";
import { loadDataset } from "../dataset/load.js";
import type { ValidationReport } from "../dataset/report.js";
import type { DatasetDescription } from "../dataset/schema.js";
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { checkDataset, readDataShape, type DataShape } from "../scoring/check-data.js";
import { scoreTableSql } from "../scoring/compile.js";
import { scoresTableName } from "../scoring/names.js";
import { inputColumns, missingFeatures, recompute, scoresSql, type RecomputeOptions, type RecomputeResult } from "../scoring/recompute.js";
import { render } from "../sql/index.js";
import type { ModelFile } from "../workbench/models.js";
import { checkVersions, parseVersions, versionId, type VersionEntry } from "./versions.js";

export interface WorkspaceInput {
  description: DatasetDescription;
  /** Bytes per files.*.path of the description. */
  files: Record<string, Uint8Array>;
  models: readonly ModelFile[];
}

export interface OpenOptions extends Pick<RecomputeOptions, "scoringDates" | "rows"> {
  /** Score only these versions (id@version); the others are listed but not scored. Default: every version that fits. */
  only?: readonly string[];
  onProgress?: (message: string, fraction: number) => void;
  /** Options of the dataset load (e.g. maxFileBytes). */
  load?: Omit<LoadOptions, "onProgress">;
}

export interface OpenedWorkspace {
  report: ValidationReport;
  shape: DataShape | null;
  /** Every model file with its status (fits / invalid / duplicate / not-for-dataset / failed). */
  entries: VersionEntry[];
  /** The versions scored, in file order. */
  models: Model[];
  recompute: RecomputeResult | null;
  /** Why nothing could be scored, in one plain sentence (null when something was). */
  scoringError: string | null;
  timings: Record<string, number>;
}

/** Loads the data (when `loaded` is not given), then checks and scores the versions. */
export async function openWorkspace(db: Db, input: WorkspaceInput, options: OpenOptions = {}): Promise<OpenedWorkspace> {
  const progress = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t0);
    t0 = now;
  };
  const report = await loadDataset(db, input.description, input.files, {
    ...options.load,
    onProgress: (p: LoadProgress) => progress(`Validating ${p.file ?? "the data"} (${p.phase})…`, 0.05 + 0.65 * p.fraction),
  });
  lap("load and validate");
  const opened = await scoreVersions(db, report, input.models, options);
  Object.assign(timings, opened.timings);
  return { ...opened, timings };
}

/** Checks and scores the versions on data already loaded by loadDataset (its report given). */
export async function scoreVersions(db: Db, report: ValidationReport, models: readonly ModelFile[], options: OpenOptions = {}): Promise<OpenedWorkspace> {
  const progress = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  let entries = parseVersions(models);
  if (!report.usable) {
    return { report, shape: null, entries, models: [], recompute: null, scoringError: "The data has errors (see the Data page, or run leadscore validate), so no scores were computed.", timings };
  }
  const shape = await readDataShape(db);
  entries = checkVersions(entries, shape);
  const wanted = options.only ? new Set(options.only) : null;
  const fitting = entries.flatMap((e) => (e.status === "fits" && e.model && (!wanted || wanted.has(versionId(e.model))) ? [e.model] : []));
  let result: RecomputeResult | null = null;
  let scoringError: string | null = null;
  if (fitting.length) {
    progress(`Recomputing ${fitting.length} model version(s) as of each lead's scoring date…`, 0.75);
    try {
      result = await recompute(db, fitting, { scoringDates: options.scoringDates, rows: options.rows, isolate: true });
    } catch (e) {
      // The shared steps (scoring dates, features) failed: try each version alone to name the one at fault.
      const versions: RecomputeResult["versions"] = [];
      const failed: RecomputeResult["failed"] = [];
      for (const m of fitting) {
        try {
          const r = await recompute(db, [m], { scoringDates: options.scoringDates, rows: options.rows, isolate: true });
          versions.push(...r.versions);
          failed.push(...r.failed);
          result ??= r;
        } catch (e2) {
          failed.push({ model: m, error: (e2 as Error).message });
        }
      }
      if (result) result = { ...result, versions, failed };
      else scoringError = `Scoring failed: ${(e as Error).message}`;
    }
    // A version scored alone after a batch failure may have dropped the features of the others:
    // the last recompute's lead_features cover only its own version, so rebuild them for all that scored.
    if (result && result.versions.length > 1 && result.versions.length < fitting.length) {
      result = await recompute(db, result.versions.map((v) => v.model), { scoringDates: options.scoringDates, rows: options.rows, isolate: true });
    }
  }
  if (result) {
    entries = markFailed(entries, result.failed);
    if (!result.versions.length) scoringError = "No version could be scored (see each version's reason on the Models page).";
  } else if (!scoringError) {
    scoringError = entries.some((e) => e.status === "not-for-dataset")
      ? "No model version fits this dataset: each reads a column or activity type the data does not have. Build one for these columns in the criteria builder."
      : "There is no valid model version yet. Build one in the criteria builder, or add a model file.";
  }
  timings["recompute scores"] = Math.round(performance.now() - t0);
  const scored = new Set(result?.versions.map((v) => versionId(v.model)) ?? []);
  return {
    report, shape, entries,
    models: entries.flatMap((e) => (e.model && e.status === "fits" && scored.has(versionId(e.model)) ? [e.model] : [])),
    recompute: result, scoringError, timings,
  };
}

/** The entries of versions that fit but failed to score, marked failed with the engine's reason. */
function markFailed(entries: VersionEntry[], failed: RecomputeResult["failed"]): VersionEntry[] {
  const failedIds = new Map(failed.map((f) => [versionId(f.model), f.error]));
  return entries.map((e) => (e.id && failedIds.has(e.id) && e.status === "fits" ? { ...e, status: "failed", reason: `${e.id} could not be scored: ${failedIds.get(e.id)}` } : e));
}

/**
 * When the only change since `before` is versions added (a version saved in
 * the browser, a model file uploaded): scores just those, on the scoring
 * dates and lead features already in the engine, and keeps every other
 * version's score table. Returns null when that is not the case, and the
 * caller rescores everything (scoreVersions): a version removed or changed,
 * nothing added, or an added version that reads a feature or a column the
 * lead features lack. A failing added version is reported as failed, like
 * in scoreVersions; the others are not touched.
 */
export async function scoreAddedVersions(db: Db, report: ValidationReport, models: readonly ModelFile[], before: { models: readonly Model[]; recompute: RecomputeResult | null }): Promise<OpenedWorkspace | null> {
  if (!report.usable || !before.recompute || !before.models.length) return null;
  const t0 = performance.now();
  const shape = await readDataShape(db);
  let entries = checkVersions(parseVersions(models), shape);
  const fitting = entries.flatMap((e) => (e.status === "fits" && e.model ? [e.model] : []));
  const now = new Map(fitting.map((m) => [versionId(m), m]));
  const same = (m: Model) => JSON.stringify(now.get(versionId(m))) === JSON.stringify(m);
  if (!before.models.every(same)) return null;
  const had = new Set(before.models.map(versionId));
  const added = fitting.filter((m) => !had.has(versionId(m)));
  if (!added.length) return null;
  // lead_features was built for the versions before: the added ones must need nothing more from it.
  const columnsOf = (ms: Model[]) => JSON.stringify(inputColumns(shape, ms));
  if (columnsOf([...before.models]) !== columnsOf([...before.models, ...added])) return null;
  if ((await missingFeatures(db, added)).length) return null;

  const versions: RecomputeResult["versions"] = [];
  const failed: RecomputeResult["failed"] = [];
  for (const model of added) {
    const t = performance.now();
    const name = scoresTableName(model);
    try {
      await db.exec(render(scoreTableSql(model, name)));
      versions.push({ model, table: name, sql: scoresSql(model, name), ms: Math.round(performance.now() - t) });
    } catch (e) {
      failed.push({ model, error: (e as Error).message });
    }
  }
  entries = markFailed(entries, failed);
  const scored = new Set([...had, ...versions.map((v) => versionId(v.model))]);
  const order = new Map(fitting.map((m, i) => [versionId(m), i]));
  const recomputed: RecomputeResult = {
    ...before.recompute,
    versions: [...before.recompute.versions, ...versions].sort((a, b) => (order.get(versionId(a.model)) ?? 0) - (order.get(versionId(b.model)) ?? 0)),
    failed: [...before.recompute.failed, ...failed],
    warnings: [...before.recompute.warnings, ...added.flatMap((m) => checkDataset(m, shape))],
  };
  return {
    report, shape, entries,
    models: fitting.filter((m) => scored.has(versionId(m))),
    recompute: recomputed,
    scoringError: null,
    timings: { "score the added versions": Math.round(performance.now() - t0) },
  };
}
