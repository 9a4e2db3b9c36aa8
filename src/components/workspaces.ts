/**
 * Workspaces in this browser: the unit of an analysis (one dataset with its
 * model versions, review decisions and workshop votes). The built-in
 * workspace is the data the site was built with; the analyst adds their own
 * from files on the Data page. Everything is kept in this browser's
 * IndexedDB (src/components/idb.ts); nothing is uploaded.
 */
import { FileAttachment } from "observablehq:stdlib";
import type { JsonFile } from "../lib/json-files.js";
import { parseDatasetDescription, type DatasetDescription } from "../lib/dataset/schema.js";
import type { Model } from "../lib/model/schema.js";
import { parseModel } from "../lib/model/parse.js";
import { parseWorkspaceFile, workspaceFile, type WorkspaceData } from "../lib/workspace/file.js";
import { browserModelFile, mergeModelFiles, modelText } from "../lib/workspace/model-files.js";
import { idbAll, idbDelete, idbGet, idbPut, sha256, STORES } from "./idb.js";

export const BUILT_IN = "built-in";

/** What IndexedDB keeps per workspace. */
export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** The analyst's data (absent for the built-in workspace, whose data comes with the site). */
  description?: DatasetDescription;
  files?: Record<string, Uint8Array>;
  /** SHA-256 of the description and files: the cache key of the loaded tables. */
  contentKey?: string;
  models: JsonFile[];
  /** Built-in model files deleted in the browser. */
  removedModels: string[];
  reviews: JsonFile[];
  votes: JsonFile[];
}

/** A workspace ready to open. */
export interface ActiveWorkspace {
  record: WorkspaceRecord;
  origin: "built-in" | "browser";
  description: DatasetDescription;
  contentKey: string;
  /** Fetches the data files (only needed when the tables are not cached). */
  files(): Promise<Record<string, Uint8Array>>;
  models: JsonFile[];
  reviews: JsonFile[];
  votes: JsonFile[];
}

interface BuiltInMeta {
  description: unknown;
  built: string;
  contentKey: string;
}

const now = () => new Date().toISOString();

async function builtInMeta(): Promise<{ description: DatasetDescription; contentKey: string }> {
  const meta = (await FileAttachment("../data/dataset/description.json").json()) as BuiltInMeta;
  return { description: parseDatasetDescription(meta.description, `dataset description (${meta.built})`), contentKey: meta.contentKey };
}

async function builtInFiles(description: DatasetDescription): Promise<Record<string, Uint8Array>> {
  // Always call .arrayBuffer() on the attachment itself: a bare FileAttachment("x.csv")
  // makes Framework add d3-dsv from its CDN (an outside request the build cannot make).
  const all = {
    leads: () => FileAttachment("../data/dataset/leads.csv").arrayBuffer(),
    deals: () => FileAttachment("../data/dataset/deals.csv").arrayBuffer(),
    activities: () => FileAttachment("../data/dataset/activities.csv").arrayBuffer(),
  };
  const files: Record<string, Uint8Array> = {};
  for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = new Uint8Array(await all[kind as keyof typeof all]());
  return files;
}

/** The site's own model files, review decisions and workshop votes (built in). */
export const builtInModels = async () => (await FileAttachment("../data/models.json").json()) as JsonFile[];
const builtInReviews = async () => (await FileAttachment("../data/reviews.json").json()) as JsonFile[];
const builtInVotes = async () => (await FileAttachment("../data/workshop.json").json()) as JsonFile[];

function emptyRecord(id: string, name: string): WorkspaceRecord {
  return { id, name, createdAt: now(), updatedAt: now(), models: [], removedModels: [], reviews: [], votes: [] };
}

/** Moves the one dataset kept by earlier versions of the workbench into a workspace. */
async function migrateLegacy(): Promise<void> {
  const old = await idbGet<{ description: unknown; files: Record<string, Uint8Array> }>(STORES.legacy, "active").catch(() => undefined);
  if (!old) return;
  const description = parseDatasetDescription(old.description, "the dataset saved in this browser");
  const ws = await createWorkspace(description.name, description, old.files, { activate: true });
  await idbDelete(STORES.legacy, "active");
  void ws;
}

/** The name of the dataset the site was built with. */
export const builtInName = async () => (await builtInMeta()).description.name;

/** Every workspace: the built-in one first, then the analyst's, oldest first. */
export async function listWorkspaces(): Promise<WorkspaceRecord[]> {
  await migrateLegacy();
  const all = await idbAll<WorkspaceRecord>(STORES.workspaces);
  const builtIn = all.find((w) => w.id === BUILT_IN) ?? emptyRecord(BUILT_IN, "Built into this site");
  return [builtIn, ...all.filter((w) => w.id !== BUILT_IN).sort((a, b) => a.createdAt.localeCompare(b.createdAt))];
}

export async function activeWorkspaceId(): Promise<string> {
  await migrateLegacy();
  const id = await idbGet<string>(STORES.meta, "active");
  if (id && id !== BUILT_IN && !(await idbGet<WorkspaceRecord>(STORES.workspaces, id))) return BUILT_IN;
  return id ?? BUILT_IN;
}

async function record(id: string): Promise<WorkspaceRecord> {
  const r = await idbGet<WorkspaceRecord>(STORES.workspaces, id);
  if (r) return r;
  if (id === BUILT_IN) return emptyRecord(BUILT_IN, "Built into this site");
  throw new Error(`there is no workspace ${JSON.stringify(id)} in this browser (it was deleted?). Choose another on the Data page.`);
}

/** The active workspace, ready to open. */
export async function activeWorkspace(): Promise<ActiveWorkspace> {
  // The built-in workspace's four small files are read while this browser's records are (two reads in
  // a row cost a page 40–70 ms); unused, and dropped, when a workspace of the analyst's is active.
  const builtIn = Promise.all([builtInMeta(), builtInModels(), builtInReviews(), builtInVotes()]);
  builtIn.catch(() => {});
  const rec = await record(await activeWorkspaceId());
  if (rec.id === BUILT_IN) {
    const [meta, models, reviews, votes] = await builtIn;
    return {
      record: { ...rec, name: meta.description.name }, origin: "built-in", description: meta.description, contentKey: meta.contentKey,
      files: () => builtInFiles(meta.description),
      models: mergeModelFiles(models, { added: rec.models, removed: rec.removedModels }),
      reviews: [...reviews, ...rec.reviews], votes: [...votes, ...rec.votes],
    };
  }
  return {
    record: rec, origin: "browser", description: rec.description!, contentKey: rec.contentKey!,
    files: async () => rec.files!, models: mergeModelFiles([], { added: rec.models, removed: rec.removedModels }),
    reviews: rec.reviews, votes: rec.votes,
  };
}

async function contentKeyOf(description: DatasetDescription, files: Record<string, Uint8Array>): Promise<string> {
  const paths = Object.keys(files).sort();
  return sha256([JSON.stringify(description), ...paths.flatMap((p) => [p, files[p]])]);
}

/** Creates a workspace from the analyst's files (and optionally its models, decisions, votes); makes it active by default. */
export async function createWorkspace(
  name: string, description: DatasetDescription, files: Record<string, Uint8Array>,
  options: { models?: JsonFile[]; reviews?: JsonFile[]; votes?: JsonFile[]; activate?: boolean } = {},
): Promise<WorkspaceRecord> {
  const id = `ws-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const rec: WorkspaceRecord = {
    ...emptyRecord(id, name.trim() || description.name), description, files, contentKey: await contentKeyOf(description, files),
    models: options.models ?? [], reviews: options.reviews ?? [], votes: options.votes ?? [],
  };
  await idbPut(STORES.workspaces, id, rec);
  if (options.activate !== false) await idbPut(STORES.meta, "active", id);
  return rec;
}

export async function switchWorkspace(id: string): Promise<void> {
  await record(id);
  await idbPut(STORES.meta, "active", id);
}

export async function renameWorkspace(id: string, name: string): Promise<void> {
  if (id === BUILT_IN) throw new Error("the built-in workspace keeps its dataset's name.");
  const rec = await record(id);
  await idbPut(STORES.workspaces, id, { ...rec, name: name.trim() || rec.name, updatedAt: now() });
}

/** Deletes a workspace (for the built-in one: forgets the versions, decisions and votes added in this browser). */
export async function deleteWorkspace(id: string): Promise<void> {
  await idbDelete(STORES.workspaces, id);
  if ((await idbGet<string>(STORES.meta, "active")) === id) await idbPut(STORES.meta, "active", BUILT_IN);
}

async function update(id: string, fn: (r: WorkspaceRecord) => WorkspaceRecord): Promise<void> {
  const rec = await record(id);
  await idbPut(STORES.workspaces, id, { ...fn(rec), updatedAt: now() });
}

/** Saves a model version in the active workspace (validated first); returns its file name. */
export async function saveModel(model: Model): Promise<string> {
  const checked = parseModel(JSON.parse(JSON.stringify(model)), `version ${model.id} v${model.version}`);
  const file = browserModelFile(checked);
  const id = await activeWorkspaceId();
  await update(id, (r) => ({ ...r, models: [...r.models.filter((f) => f.file !== file), { file, text: modelText(checked) }], removedModels: r.removedModels.filter((f) => f !== file) }));
  return file;
}

/** Adds model files (uploads) to the active workspace as they are: an invalid one shows its error on the Models page. */
export async function addModelFiles(files: JsonFile[]): Promise<void> {
  const id = await activeWorkspaceId();
  await update(id, (r) => {
    const names = new Set(files.map((f) => f.file));
    return { ...r, models: [...r.models.filter((f) => !names.has(f.file)), ...files], removedModels: r.removedModels.filter((f) => !names.has(f)) };
  });
}

/** Sets a version's status (draft / published / retired): the file is replaced by a changed copy. */
export async function setModelStatus(file: string, text: string, status: Model["status"]): Promise<void> {
  const model = JSON.parse(text) as Model;
  const changed = modelText({ ...model, status });
  const id = await activeWorkspaceId();
  await update(id, (r) => ({ ...r, models: [...r.models.filter((f) => f.file !== file), { file, text: changed }] }));
}

/** Deletes a model file from the active workspace. */
export async function deleteModelFile(file: string): Promise<void> {
  const id = await activeWorkspaceId();
  await update(id, (r) => ({ ...r, models: r.models.filter((f) => f.file !== file), removedModels: id === BUILT_IN ? [...new Set([...r.removedModels, file])] : r.removedModels }));
}

/** Saves a review decision file (the decision form) or workshop votes in the active workspace. */
export async function saveWorkspaceFile(kind: "reviews" | "votes", file: JsonFile): Promise<void> {
  const id = await activeWorkspaceId();
  await update(id, (r) => ({ ...r, [kind]: [...r[kind].filter((f) => f.file !== file.file), file] }));
}

/** The active workspace as one file (data, models, decisions, votes). */
export async function exportWorkspace(): Promise<{ name: string; text: string }> {
  const ws = await activeWorkspace();
  const data: WorkspaceData = { name: ws.record.name, description: ws.description, files: await ws.files(), models: ws.models, reviews: ws.reviews, votes: ws.votes };
  const safe = ws.record.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "workspace";
  return { name: `${safe}.leadscore.json`, text: workspaceFile(data) };
}

/** Imports a workspace file as a new workspace and makes it active. */
export async function importWorkspace(text: string, fileName: string): Promise<WorkspaceRecord> {
  const data = parseWorkspaceFile(text, fileName);
  return createWorkspace(data.name, data.description, data.files, { models: data.models, reviews: data.reviews, votes: data.votes });
}
