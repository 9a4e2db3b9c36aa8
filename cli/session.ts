/**
 * Opening the engine, the dataset and the model versions for the commands
 * (score, evaluate, validate, suggest, report): shared here so that no
 * command imports another. Heavy modules are imported lazily.
 */
import type { ValidationReport } from "../lib/dataset/report.js";
import type { Db } from "../lib/db/types.js";
import type { Model } from "../lib/model/schema.js";
import type { RecomputeResult, VersionScores } from "../lib/scoring/recompute.js";
import type { DatasetSource } from "./dataset-source.js";
import { listOption, versionId, type LoadedModels } from "./models.js";
import { UsageError } from "./commands/types.js";
import { terminalSafe } from "./terminal.js";

const err = (line: string) => process.stderr.write(`${terminalSafe(line)}\n`);

/** Parses --window (positive whole days) or returns undefined. */
export function windowOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const w = Number(value);
  if (!Number.isInteger(w) || w < 1 || w > 36_500) throw new UsageError(`--window must be a whole number of days from 1 to 36500, got ${JSON.stringify(value)}`);
  return w;
}

/** Opens DuckDB-WASM (default) or native DuckDB. */
export async function openEngine(engine: string | undefined): Promise<Db> {
  if (engine === undefined || engine === "wasm") return (await import("../lib/db/node-wasm.js")).openWasmDb();
  if (engine === "native") return (await import("../lib/db/native.js")).openNativeDb();
  throw new UsageError(`--engine must be wasm or native, got ${JSON.stringify(engine)}`);
}

/** The dataset description and files: clear errors for a missing description, an invalid one or missing files. */
export async function readSource(descriptionPath: string | undefined): Promise<DatasetSource> {
  const { existsSync } = await import("node:fs");
  const given = descriptionPath ?? (process.env.LEADSCORE_DATASET || undefined);
  if (given !== undefined && !existsSync(given)) throw new Error(`dataset description ${JSON.stringify(given)} not found`);
  const { datasetSource } = await import("./dataset-source.js");
  return datasetSource(given);
}

export type Session =
  | { code: number }
  | {
      code: null;
      db: Db;
      source: DatasetSource;
      report: ValidationReport;
      loaded: LoadedModels;
      /** The versions asked for (all valid ones by default). */
      selected: Model[];
      /** The versions scored, in the order asked. */
      scored: VersionScores[];
      /** Invalid model files and versions that could not be scored (already printed). */
      failed: string[];
      recompute: RecomputeResult | null;
    };

/**
 * Reads the models and the dataset, validates the data and recomputes the
 * chosen versions. Returns an exit code instead when nothing can be scored
 * (unusable data, no valid version); prints every error to stderr.
 */
export async function openSession(values: Record<string, unknown>): Promise<Session> {
  const windowDays = windowOption(values.window);
  const { loadModels, selectVersions } = await import("./models.js");
  const loaded = await loadModels(values.models as string | undefined);
  const selected = selectVersions(loaded.models, listOption(values.version));
  const failed = [...loaded.errors];
  if (!selected.length) {
    err(`error: no valid model version in ${loaded.dir}`);
    return { code: 1 };
  }
  const source = await readSource(values.dataset as string | undefined);
  const db = await openEngine(values.engine as string | undefined);
  try {
    // The one way to open a dataset with its versions (lib/workspace), shared with the site.
    const { openWorkspace } = await import("../lib/workspace/open.js");
    const { maxFileBytes } = await import("../lib/dataset/node.js");
    const options = windowDays === undefined ? {} : { scoringDates: { kind: "firstCloseOrWindow" as const, windowDays } };
    const opened = await openWorkspace(db, { description: source.description, files: source.files, models: loaded.files }, { ...options, only: selected.map(versionId), load: { maxFileBytes: maxFileBytes() } });
    const report = opened.report;
    if (!report.usable) {
      const { formatProblems } = await import("./validation-text.js");
      const errors = report.problems.filter((p) => p.severity === "error");
      err(`error: the dataset "${report.dataset}" is not usable (${errors.length} error(s)); nothing was scored. Run \`leadscore validate\` for the full report.`);
      err(formatProblems(errors));
      await db.close();
      return { code: 1 };
    }
    const wanted = new Set(selected.map(versionId));
    for (const e of opened.entries) {
      if (!e.id || !wanted.has(e.id) || (e.status !== "not-for-dataset" && e.status !== "failed")) continue;
      failed.push(e.id);
      err(`error: ${e.reason}`);
    }
    const result = opened.recompute;
    // In the order asked for.
    const byId = new Map((result?.versions ?? []).map((v) => [versionId(v.model), v]));
    const scored: VersionScores[] = selected.flatMap((m) => byId.get(versionId(m)) ?? []);
    for (const w of new Set(result?.warnings ?? [])) err(`warning: ${w}`);
    if (!scored.length) {
      err("error: no model version could be scored");
      await db.close();
      return { code: 1 };
    }
    return { code: null, db, source, report, loaded, selected, scored, failed, recompute: result };
  } catch (e) {
    await db.close();
    throw e;
  }
}
