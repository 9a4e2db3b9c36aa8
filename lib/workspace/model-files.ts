/**
 * A workspace's model files: the ones it started with (for the built-in
 * workspace, the site's data/models), plus the versions saved in the browser
 * (which replace a file of the same name), minus the ones deleted.
 */
import type { JsonFile } from "../json-files.js";
import type { Model } from "../model/schema.js";
import { nextDraftVersion } from "../model/draft-version.js";

export interface ModelOverlay {
  /** Saved or changed files; a name equal to a base file replaces it. */
  added: readonly JsonFile[];
  /** Base files deleted in the browser. */
  removed: readonly string[];
}

/** base + overlay, in base order then added order. */
export function mergeModelFiles(base: readonly JsonFile[], overlay: ModelOverlay): JsonFile[] {
  const added = new Map(overlay.added.map((f) => [f.file, f]));
  const removed = new Set(overlay.removed);
  const out = base.filter((f) => !removed.has(f.file)).map((f) => added.get(f.file) ?? f);
  const seen = new Set(out.map((f) => f.file));
  for (const f of overlay.added) if (!seen.has(f.file) && !removed.has(f.file)) out.push(f);
  return out;
}

/** The file name a version saved in the browser gets: "workspace/<id>-v<version>.json". */
export function browserModelFile(model: Pick<Model, "id" | "version">): string {
  const safe = model.id.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80) || "model";
  return `workspace/${safe}-v${model.version}.json`;
}

/** The model's JSON text, as written to a file (2-space indent, trailing newline). */
export function modelText(model: Model): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** The next free version number of model `id` among `models` (1 when there is none): lib/model nextDraftVersion from version 0. */
export function nextVersion(models: readonly Pick<Model, "id" | "version">[], id: string): number {
  return nextDraftVersion({ id, version: 0 }, { versions: models });
}
