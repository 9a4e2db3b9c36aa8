/**
 * Node-only helpers (CLI and tests): read a description file and the CSV
 * files it names, paths resolved relative to the description file. The
 * browser gets the same bytes from file inputs and calls loadDataset alike.
 */
import { readFile, stat } from "node:fs/promises";
import { DEFAULT_MAX_FILE_BYTES } from "./limits.js";
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
  /** Paths that exist but were not read: not a regular file, or over the size limit (with the reason). */
  refused: string[];
}

/** The CSV size limit: LEADSCORE_MAX_FILE_MB (megabytes) when set, else DEFAULT_MAX_FILE_BYTES (1 GiB). */
export function maxFileBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.LEADSCORE_MAX_FILE_MB);
  return env.LEADSCORE_MAX_FILE_MB && Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
}

/** Reads and validates a description file, then reads every file it names that exists. */
export async function readDescribedFiles(descriptionPath: string, limit = maxFileBytes()): Promise<DescribedFiles> {
  const info = await stat(descriptionPath);
  if (!info.isFile()) throw new Error(`${descriptionPath}: not a regular file; give the dataset description (a JSON file)`);
  if (info.size > 5 * 1024 * 1024) throw new Error(`${descriptionPath}: ${(info.size / 1048576).toFixed(1)} MB is too large for a dataset description (limit 5 MB); check that this is the description file`);
  const text = await readFile(descriptionPath, "utf8");
  const description = parseDatasetDescription(text, descriptionPath);
  const dir = path.dirname(path.resolve(descriptionPath));
  const files: Record<string, Uint8Array> = {};
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  const refused: string[] = [];
  for (const spec of Object.values(description.files)) {
    if (!spec) continue;
    const abs = path.resolve(dir, spec.path);
    resolved[spec.path] = abs;
    let size: number;
    try {
      const s = await stat(abs);
      // Devices, pipes and folders are never read: /dev/zero would be read until memory runs out.
      if (!s.isFile()) {
        refused.push(`${abs} is not a regular file (a device, pipe or folder); give a CSV file`);
        continue;
      }
      size = s.size;
    } catch {
      missing.push(abs);
      continue;
    }
    if (size > limit) {
      refused.push(`${abs} is ${(size / 1048576).toFixed(1)} MB, over the limit of ${(limit / 1048576).toFixed(0)} MB; split the file or raise the limit with LEADSCORE_MAX_FILE_MB=<megabytes>`);
      continue;
    }
    try {
      files[spec.path] = new Uint8Array(await readFile(abs));
    } catch {
      missing.push(abs);
    }
  }
  return { description, files, resolved, missing, refused };
}
