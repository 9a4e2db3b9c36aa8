/**
 * The model versions of a workbench: raw files parsed one by one, so that an
 * invalid file carries its error (shown in place on a page, printed by the
 * CLI) while the other versions keep working.
 */
import { parseModel } from "../model/parse.js";
import type { Model } from "../model/schema.js";

export interface ModelFile {
  /** Where the text came from, as shown in messages (e.g. "models/starting-v1.json"). */
  file: string;
  text: string;
}

export type ModelEntry = { file: string; ok: true; model: Model } | { file: string; ok: false; error: string };

/** Parses each file with parseModel; JSON syntax errors name the file too. */
export function parseModelFiles(files: readonly ModelFile[]): ModelEntry[] {
  return files.map(({ file, text }) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { file, ok: false, error: `${file}: not valid JSON: ${(e as Error).message}` };
    }
    try {
      return { file, ok: true, model: parseModel(json, file) };
    } catch (e) {
      return { file, ok: false, error: (e as Error).message };
    }
  });
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
