/**
 * Reading a folder of JSON files (Node only: CLI, data loaders, report):
 * every `*.json` file except JSON Schemas (`*.schema.json`), in name order,
 * as raw text for lib/json-files.ts parseJsonFiles (or lib/workspace), so an
 * invalid file keeps its own error while the others work.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { JsonFile } from "./json-files.js";

/** Whether a file name is a JSON data file of such a folder (not a schema). */
export const isJsonDataFile = (name: string): boolean => name.endsWith(".json") && !name.endsWith(".schema.json");

/**
 * The JSON files of `dir` except `*.schema.json`, sorted by name, each with its
 * text; `label(name)` gives the name shown in messages (default the file name).
 * @throws when the folder cannot be read (callers decide whether a missing folder is an error).
 * @example readJsonFolder("data/models", (f) => `models/${f}`) // [{ file: "models/starting-v1.json", text: "{…}" }, …]
 */
export function readJsonFolder(dir: string, label: (name: string) => string = (name) => name): JsonFile[] {
  return readdirSync(dir)
    .filter(isJsonDataFile)
    .sort()
    .map((name) => ({ file: label(name), text: readFileSync(path.join(dir, name), "utf8") }));
}
