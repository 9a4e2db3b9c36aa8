/**
 * The model versions of a workbench: raw files parsed one by one, so that an
 * invalid file carries its error (shown in place on a page, printed by the
 * CLI) while the other versions keep working.
 */
import { parseJsonFiles, type JsonFile } from "../json-files.js";
import { parseModel } from "../model/parse.js";
import type { Model } from "../model/schema.js";

export type ModelFile = JsonFile;

export type ModelEntry = { file: string; ok: true; model: Model } | { file: string; ok: false; error: string };

/** Parses each file with parseModel; JSON syntax errors name the file too. */
export function parseModelFiles(files: readonly ModelFile[]): ModelEntry[] {
  return parseJsonFiles(files, parseModel).map((e) => (e.ok ? { file: e.file, ok: true, model: e.value } : e));
}

/** A short, unique name for a version: "starting v2". */
export function versionLabel(model: Pick<Model, "id" | "version">): string {
  return `${model.id} v${model.version}`;
}

/**
 * The version a team works with now: the newest published one (by
 * effectiveFrom, then version), else the newest of any status.
 */
export function currentVersion(models: readonly Model[]): Model | undefined {
  const byDate = [...models].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version);
  return byDate.filter((m) => m.status === "published").at(-1) ?? byDate.at(-1);
}
