/**
 * Keeps the analyst's own dataset (description + file bytes) in this
 * browser's IndexedDB, so the choice survives a reload. Nothing is uploaded.
 */
import { parseDatasetDescription, type DatasetDescription } from "../lib/dataset/schema.js";

const DB_NAME = "leadscore-workbench";
const STORE = "datasets";
const KEY = "active";

export interface StoredDataset {
  description: DatasetDescription;
  files: Record<string, Uint8Array>;
  savedAt: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const req = fn(db.transaction(STORE, mode).objectStore(STORE));
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(req.error);
      }),
  );
}

export async function loadStoredDataset(): Promise<StoredDataset | null> {
  const raw = await tx<{ description: unknown; files: Record<string, Uint8Array>; savedAt: string } | undefined>("readonly", (s) => s.get(KEY));
  if (!raw) return null;
  return { description: parseDatasetDescription(raw.description, "the dataset saved in this browser"), files: raw.files, savedAt: raw.savedAt };
}

export async function saveStoredDataset(description: DatasetDescription, files: Record<string, Uint8Array>): Promise<void> {
  await tx("readwrite", (s) => s.put({ description, files, savedAt: new Date().toISOString() }, KEY));
}

export async function clearStoredDataset(): Promise<void> {
  await tx("readwrite", (s) => s.delete(KEY));
}
