/**
 * Node-only helpers (CLI and tests): read a description file and the CSV
 * files it names, paths resolved relative to the description file. The
 * browser gets the same bytes from file inputs and calls loadDataset alike.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDatasetDescription, type DatasetDescription } from "./schema.js";

export interface DescribedFiles {
  description: DatasetDescription;
  /** Bytes per `files.*.path`, as written in the description (ready for loadDataset). */
  files: Record<string, Uint8Array>;
  /** Absolute path per `files.*.path`. */
  resolved: Record<string, string>;
  /** Paths named in the description that do not exist. */
  missing: string[];
}

/** Reads and validates a description file, then reads every file it names that exists. */
export async function readDescribedFiles(descriptionPath: string): Promise<DescribedFiles> {
  const text = await readFile(descriptionPath, "utf8");
  const description = parseDatasetDescription(text, descriptionPath);
  const dir = path.dirname(path.resolve(descriptionPath));
  const files: Record<string, Uint8Array> = {};
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const spec of Object.values(description.files)) {
    if (!spec) continue;
    const abs = path.resolve(dir, spec.path);
    resolved[spec.path] = abs;
    try {
      files[spec.path] = new Uint8Array(await readFile(abs));
    } catch {
      missing.push(abs);
    }
  }
  return { description, files, resolved, missing };
}
