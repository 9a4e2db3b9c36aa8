/**
 * The model versions of a workspace, checked one by one: an invalid file, a
 * duplicate version and a version that reads data the dataset does not have
 * each keep their reason, and never stop the other versions.
 *
 * @example versionEntries([{file: "a.json", text}], shape)
 * // => [{file: "a.json", status: "fits", model, id: "starting@1"}]
 */
import type { Model } from "../model/schema.js";
import { columnKind, kindMismatch, type DataShape } from "../scoring/check-data.js";
import { parseModelFiles, type ModelFile } from "../workbench/models.js";

import { versionId } from "./version-id.js";

export { versionId };

export type VersionStatus =
  /** Parsed, and the data has every column and activity type it reads. */
  | "fits"
  /** The file is not a valid model (JSON or schema error). */
  | "invalid"
  /** Another file already defines this id and version. */
  | "duplicate"
  /** It reads a column or activity type that the dataset does not have (or has with another type). */
  | "not-for-dataset"
  /** It fits, but its scoring SQL failed. */
  | "failed";

export interface VersionEntry {
  file: string;
  status: VersionStatus;
  /** Present unless the file is invalid. */
  model?: Model;
  /** id@version, when parsed. */
  id?: string;
  /** Why the version is not scored, in one plain sentence with what to do. */
  reason?: string;
  /** For not-for-dataset: what the model reads that the data lacks. */
  missing?: string[];
}

/** Parses model files and drops duplicate versions (the first file wins). No data needed. */
export function parseVersions(files: readonly ModelFile[]): VersionEntry[] {
  const seen = new Map<string, string>();
  return parseModelFiles(files).map((e): VersionEntry => {
    if (!e.ok) return { file: e.file, status: "invalid", reason: e.error };
    const id = versionId(e.model);
    const first = seen.get(id);
    if (first !== undefined)
      return { file: e.file, status: "duplicate", model: e.model, id, reason: `${e.file}: version ${id} is also defined in ${first}; this file was skipped. Give each version its own number.` };
    seen.set(id, e.file);
    return { file: e.file, status: "fits", model: e.model, id };
  });
}

/**
 * What `model` reads that `shape` lacks: missing leads columns, columns of
 * another kind, and activity types that never occur (or no activities at all).
 * Empty when the model fits the data.
 */
export function missingData(model: Model, shape: DataShape): string[] {
  const missing: string[] = [];
  for (const [name, kind] of Object.entries(model.dataset.columns)) {
    const type = shape.leadColumns.get(name);
    if (type === undefined) missing.push(`column ${JSON.stringify(name)} is missing`);
    else if (columnKind(type) !== kind) missing.push(kindMismatch(name, kind, type));
  }
  for (const a of model.dataset.activityTypes) if (!shape.activityTypes.has(a)) missing.push(`activity type ${JSON.stringify(a)} does not occur in the data`);
  return missing;
}

/** One line saying what the data has, for a "not for this dataset" message. */
export function dataHas(shape: DataShape): string {
  const cols = [...shape.leadColumns.keys()].filter((c) => c !== "lead_id" && c !== "created_at" && c !== "label");
  const acts = [...shape.activityTypes];
  const list = (xs: string[], max = 12) => xs.slice(0, max).map((x) => JSON.stringify(x)).join(", ") + (xs.length > max ? ` and ${xs.length - max} more` : "");
  return `The data has the columns ${list(cols) || "(none)"}` + (acts.length ? ` and the activity types ${list(acts)}.` : " and no activities.");
}

/** Marks every parsed, non-duplicate version that reads data the dataset lacks as not-for-dataset. */
export function checkVersions(entries: VersionEntry[], shape: DataShape): VersionEntry[] {
  return entries.map((e) => {
    if (e.status !== "fits" || !e.model) return e;
    const missing = missingData(e.model, shape);
    if (!missing.length) return e;
    return {
      ...e, status: "not-for-dataset", missing,
      reason: `model ${e.model.id} v${e.model.version}: not for this dataset: ${missing.join("; ")}. ${dataHas(shape)} Use it with the data it was made for, or build a version for these columns.`,
    };
  });
}
