/**
 * Model versions for the CLI: every *.json file of a folder (default
 * data/models; option --models DIR), parsed one by one with parseModelFiles.
 * An invalid file's error is printed to stderr and the other versions go on.
 * Versions are named "id@version" on the command line (e.g. "starting@2").
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readJsonFolder } from "../lib/json-folder.js";
import type { Model } from "../lib/model/schema.js";
import type { ModelFile } from "../lib/workbench/models.js";
import type { VersionEntry } from "../lib/workspace/versions.js";
import { UsageError } from "./commands/types.js";
import { terminalSafe } from "./terminal.js";

// Light at the top (no zod): commands import this module for their options; the parser is loaded in loadModels.
export const DEFAULT_MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../data/models");

/** The options every command that reads models takes. */
export const MODEL_OPTIONS = {
  models: { type: "string" },
  version: { type: "string", multiple: true },
} as const;

export const MODEL_USAGE = `  --models DIR     folder of model files (*.json; *.schema.json skipped)  [default: data/models]
  --version ID@N   only this version, e.g. starting@2 (repeatable)      [default: every valid version]`;

import { versionId } from "../lib/workspace/version-id.js";

/** "starting@2" (lib/workspace versionId). */
export { versionId };

export interface LoadedModels {
  dir: string;
  files: ModelFile[];
  entries: VersionEntry[];
  /** The valid versions, in file order, without duplicates. */
  models: Model[];
  /** Invalid files and duplicate versions (already printed to stderr). */
  errors: string[];
}

/** The raw model files of `dir` (names relative to the working folder), for lib/workspace. Throws when the folder cannot be read or holds no model file. */
export function readModelFiles(dir: string = DEFAULT_MODELS_DIR): { dir: string; files: ModelFile[] } {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new Error(`models folder ${JSON.stringify(dir)} does not exist (give a folder of model files with --models DIR)`);
  const shown = (f: string) => path.relative(process.cwd(), path.join(abs, f)) || f;
  const files = readJsonFolder(abs, shown);
  if (!files.length) throw new Error(`models folder ${JSON.stringify(dir)} holds no model file (*.json)`);
  return { dir: abs, files };
}

/** Reads and parses the model files of `dir` (lib/workspace parseVersions: duplicates dropped); prints each invalid file's error to stderr. */
export async function loadModels(dir: string = DEFAULT_MODELS_DIR, stderr: (line: string) => void = (l) => process.stderr.write(`${terminalSafe(l)}\n`)): Promise<LoadedModels> {
  const { parseVersions } = await import("../lib/workspace/versions.js");
  const read = readModelFiles(dir);
  const entries = parseVersions(read.files);
  const errors = entries.flatMap((e) => (e.status === "invalid" || e.status === "duplicate" ? [e.reason!] : []));
  const models = entries.flatMap((e) => (e.status === "fits" && e.model ? [e.model] : []));
  for (const error of errors) stderr(`error: ${error}`);
  return { dir: read.dir, files: read.files, entries, models, errors };
}

/** Parses "--version" values ("id@N"); unknown versions are a usage error naming the available ones. */
export function selectVersions(models: Model[], wanted: readonly string[]): Model[] {
  if (!wanted.length) return models;
  const byId = new Map(models.map((m) => [versionId(m), m]));
  return wanted.map((w) => {
    const at = w.lastIndexOf("@");
    const version = Number(w.slice(at + 1));
    if (at <= 0 || !Number.isInteger(version) || version < 1) throw new UsageError(`--version must look like ID@N (e.g. starting@2); got ${JSON.stringify(w)}`);
    const m = byId.get(`${w.slice(0, at)}@${version}`);
    if (!m) throw new UsageError(`version ${JSON.stringify(w)} is not among the valid model versions: ${[...byId.keys()].join(", ") || "none"}`);
    return m;
  });
}

/** The values of a string option that may be given several times. */
export function listOption(value: unknown): string[] {
  return value === undefined ? [] : ([] as unknown[]).concat(value).map(String);
}
