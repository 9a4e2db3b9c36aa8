/**
 * Opens the workbench in the browser: DuckDB-WASM, the active dataset (the
 * one the site was built with, or the analyst's own files chosen on the Data
 * page and kept in this browser), validated by the same loadDataset as the
 * CLI, then every model version recomputed. Pages call `openWorkbench()` once.
 */
import { FileAttachment } from "observablehq:stdlib";
import { loadDataset, type LoadProgress } from "../lib/dataset/load.js";
import type { ValidationReport } from "../lib/dataset/report.js";
import { parseDatasetDescription, type DatasetDescription } from "../lib/dataset/schema.js";
import type { Db } from "../lib/db/types.js";
import type { Model } from "../lib/model/schema.js";
import { recompute, type RecomputeResult } from "../lib/scoring/recompute.js";
import { currentVersion, parseModelFiles, versionLabel, type ModelEntry, type ModelFile } from "../lib/workbench/models.js";
import { openBrowserDb } from "./duckdb.js";
import { loadStoredDataset, type StoredDataset } from "./storage.js";

export interface Workbench {
  db: Db;
  /** "built-in" (the dataset the site was built with) or "browser" (the analyst's own files). */
  origin: "built-in" | "browser";
  description: DatasetDescription;
  report: ValidationReport;
  entries: ModelEntry[];
  /** The valid versions, in file order. */
  models: Model[];
  current: Model | undefined;
  recompute: RecomputeResult | null;
  /** Why scoring could not run (data unusable, or a model does not fit the data). */
  scoringError: string | null;
  label: (m: Model) => string;
  /** Milliseconds per step, shown on the Data page. */
  timings: Record<string, number>;
}

export type Progress = (message: string, fraction: number) => void;

async function builtIn(): Promise<{ description: DatasetDescription; files: Record<string, Uint8Array> }> {
  const meta = (await FileAttachment("../data/dataset/description.json").json()) as { description: unknown; built: string };
  const description = parseDatasetDescription(meta.description, `dataset description (${meta.built})`);
  // Always call .arrayBuffer() on the attachment itself: a bare FileAttachment("x.csv")
  // makes Framework add d3-dsv from its CDN (an outside request the build cannot make).
  const all = {
    leads: () => FileAttachment("../data/dataset/leads.csv").arrayBuffer(),
    deals: () => FileAttachment("../data/dataset/deals.csv").arrayBuffer(),
    activities: () => FileAttachment("../data/dataset/activities.csv").arrayBuffer(),
  };
  const files: Record<string, Uint8Array> = {};
  for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = new Uint8Array(await all[kind as keyof typeof all]());
  return { description, files };
}

/** Model files: the built-in versions plus drafts saved in this browser. */
export async function modelFiles(): Promise<ModelFile[]> {
  return (await FileAttachment("../data/models.json").json()) as ModelFile[];
}

export async function openWorkbench(progress: Progress = () => {}): Promise<Workbench> {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t0);
    t0 = now;
  };
  progress("Starting DuckDB-WASM and reading the dataset…", 0.02);
  // The engine starts while the files download: the two do not depend on each other.
  const stored: StoredDataset | null = await loadStoredDataset().catch(() => null);
  const [db, { description, files }] = await Promise.all([openBrowserDb(), stored ?? builtIn()]);
  lap("start DuckDB-WASM and fetch files");
  const report = await loadDataset(db, description, files, {
    onProgress: (p: LoadProgress) => progress(`Validating ${p.file ?? "the data"} (${p.phase})…`, 0.1 + 0.6 * p.fraction),
  });
  lap("load and validate");
  const entries = parseModelFiles(await modelFiles());
  const models = entries.flatMap((e) => (e.ok ? [e.model] : []));
  let result: RecomputeResult | null = null;
  let scoringError: string | null = null;
  if (!report.usable) scoringError = "The data has errors (see the Data page), so no scores were computed.";
  else if (models.length) {
    progress(`Recomputing ${models.length} model version(s) as of each lead's scoring date…`, 0.75);
    try {
      result = await recompute(db, models);
    } catch (e) {
      scoringError = (e as Error).message;
    }
  }
  lap("recompute scores");
  (globalThis as { __workbenchTimings?: unknown }).__workbenchTimings = timings;
  progress("Ready", 1);
  return {
    db, origin: stored ? "browser" : "built-in", description, report, entries, models,
    current: currentVersion(models), recompute: result, scoringError, label: versionLabel, timings,
  };
}
