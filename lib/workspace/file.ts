/**
 * One file that holds a whole workspace (its dataset description, the data
 * files, its model versions, review decisions and workshop votes), so that a
 * colleague can open the same analysis: written by "Export workspace" and
 * read back by "Import workspace". JSON; file bytes as base64.
 *
 * @example parseWorkspaceFile(workspaceFile(ws), "a.leadscore.json").name // => ws.name
 */
import type { JsonFile } from "../json-files.js";
import { parseDatasetDescription, type DatasetDescription } from "../dataset/schema.js";

export const WORKSPACE_FORMAT = "leadscore-workspace";
export const WORKSPACE_FORMAT_VERSION = 1;

export interface WorkspaceData {
  name: string;
  description: DatasetDescription;
  /** Bytes per files.*.path of the description. */
  files: Record<string, Uint8Array>;
  models: JsonFile[];
  reviews: JsonFile[];
  votes: JsonFile[];
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The workspace as the text of one file. */
export function workspaceFile(ws: WorkspaceData): string {
  return JSON.stringify({
    format: WORKSPACE_FORMAT, formatVersion: WORKSPACE_FORMAT_VERSION, name: ws.name, description: ws.description,
    files: Object.fromEntries(Object.entries(ws.files).map(([p, b]) => [p, toBase64(b)])),
    models: ws.models, reviews: ws.reviews, votes: ws.votes,
  });
}

const isFileList = (x: unknown): x is JsonFile[] =>
  Array.isArray(x) && x.every((f) => f && typeof f === "object" && typeof (f as JsonFile).file === "string" && typeof (f as JsonFile).text === "string");

/** Reads a workspace file; throws an error naming the file, the field and the fix. */
export function parseWorkspaceFile(text: string, fileName: string): WorkspaceData {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not a workspace file (not valid JSON: ${(e as Error).message}). Choose a file made with "Export workspace".`);
  }
  if (!json || typeof json !== "object" || json.format !== WORKSPACE_FORMAT)
    throw new Error(`${fileName}: not a workspace file (no "format": "${WORKSPACE_FORMAT}"). Choose a file made with "Export workspace"; a model file is added on the Models page.`);
  if (json.formatVersion !== WORKSPACE_FORMAT_VERSION)
    throw new Error(`${fileName}: workspace format version ${JSON.stringify(json.formatVersion)} is not supported (this workbench reads version ${WORKSPACE_FORMAT_VERSION}).`);
  if (typeof json.name !== "string" || !json.name.trim()) throw new Error(`${fileName}: "name" must be a non-empty text.`);
  const description = parseDatasetDescription(json.description, `${fileName}: description`);
  const raw = json.files as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== "object") throw new Error(`${fileName}: "files" must map each file path of the description to its bytes (base64).`);
  const files: Record<string, Uint8Array> = {};
  for (const [kind, spec] of Object.entries(description.files)) {
    if (!spec) continue;
    const b64 = raw[spec.path];
    if (typeof b64 !== "string") throw new Error(`${fileName}: the ${kind} file ${JSON.stringify(spec.path)} named in the description is not in "files".`);
    try {
      files[spec.path] = fromBase64(b64);
    } catch {
      throw new Error(`${fileName}: files[${JSON.stringify(spec.path)}] is not valid base64.`);
    }
  }
  for (const key of ["models", "reviews", "votes"] as const) {
    if (!isFileList(json[key])) throw new Error(`${fileName}: "${key}" must be a list of {file, text}.`);
  }
  return { name: json.name.trim(), description, files, models: json.models as JsonFile[], reviews: json.reviews as JsonFile[], votes: json.votes as JsonFile[] };
}
