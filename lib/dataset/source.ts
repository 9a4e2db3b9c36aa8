/**
 * Which dataset a command (or the site build) works on: the description file
 * given by --dataset / the LEADSCORE_DATASET environment variable, or the
 * bundled synthetic sample. Node only (lib/dataset/node.ts reads the files):
 * the CLI and the site's data loaders share it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readDescribedFiles } from "./node.js";
import { parseDatasetDescription, type DatasetDescription, type FileKind } from "./schema.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SAMPLE_DESCRIPTION = path.join(ROOT, "data/sample.dataset.json");

export interface DatasetSource {
  /** The description file, or null for the sample. */
  descriptionPath: string | null;
  description: DatasetDescription;
  /** Bytes per files.*.path (ready for loadDataset). */
  files: Record<string, Uint8Array>;
}

/** Loads the description and file bytes; throws naming any missing file. */
export async function datasetSource(descriptionPath = process.env.LEADSCORE_DATASET || undefined): Promise<DatasetSource> {
  if (!descriptionPath) {
    const description = parseDatasetDescription(readFileSync(SAMPLE_DESCRIPTION, "utf8"), "data/sample.dataset.json");
    const { generateSample, toCsv } = await import("../sample/index.js");
    const csv = toCsv(generateSample());
    const enc = new TextEncoder();
    const files: Record<string, Uint8Array> = {};
    for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = enc.encode(csv[`${kind as FileKind}.csv`]);
    return { descriptionPath: null, description, files };
  }
  const read = await readDescribedFiles(descriptionPath);
  if (read.missing.length) throw new Error(`${descriptionPath}: file(s) not found: ${read.missing.join(", ")}. Paths in a dataset description are relative to the description file.`);
  if (read.refused.length) throw new Error(`${descriptionPath}: file(s) not read: ${read.refused.join("; ")}`);
  return { descriptionPath, description: read.description, files: read.files };
}

/** The description with each file renamed to "<kind>.csv", as the site's data loaders serve them. */
export function siteDescription(d: DatasetDescription): DatasetDescription {
  const files = Object.fromEntries(Object.entries(d.files).filter(([, s]) => s).map(([kind, s]) => [kind, { ...s!, path: `${kind}.csv` }]));
  return { ...d, files: files as DatasetDescription["files"] };
}

/** The bytes of one kind's file (empty when the dataset has none). */
export function fileOf(source: DatasetSource, kind: FileKind): Uint8Array {
  const spec = source.description.files[kind];
  return spec ? source.files[spec.path] : new Uint8Array();
}
