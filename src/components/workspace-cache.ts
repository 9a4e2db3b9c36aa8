/**
 * The loaded workspace kept between pages, in this browser's IndexedDB:
 * the validated tables (keyed by the data's content) and the features and
 * scores (keyed by the data and the model files). Moving to another page
 * restores them into a fresh DuckDB-WASM instead of reading, validating and
 * scoring again; a changed file or model changes the key, so exactly what
 * depends on it is recomputed. Entries of other contents of the same
 * workspace are removed when a new one is written.
 */
import type { Snapshot } from "../lib/db/snapshot.js";
import { idbDelete, idbGet, idbKeys, idbPut, STORES } from "./idb.js";

export interface CacheEntry<T> {
  savedAt: string;
  meta: T;
  snapshot: Snapshot;
}

export type CacheKind = "data" | "scores";

/** Snapshots larger than this are not kept (the page then loads from the files). */
export const MAX_CACHE_BYTES = 1.5e9;

/** Keys read "<workspace>|<kind>|<content hash>", so stale entries are found from the keys alone. */
const cacheKey = (workspaceId: string, kind: CacheKind, hash: string) => `${workspaceId}|${kind}|${hash}`;

export async function getCached<T>(workspaceId: string, kind: CacheKind, hash: string): Promise<CacheEntry<T> | null> {
  try {
    return (await idbGet<CacheEntry<T>>(STORES.cache, cacheKey(workspaceId, kind, hash))) ?? null;
  } catch {
    return null;
  }
}

/** Writes an entry and removes the workspace's other entries of the same kind; never throws (a full disk only costs speed). */
export async function putCached<T>(workspaceId: string, kind: CacheKind, hash: string, meta: T, snapshot: Snapshot): Promise<boolean> {
  if (snapshot.bytes > MAX_CACHE_BYTES) return false;
  const key = cacheKey(workspaceId, kind, hash);
  try {
    const prefix = cacheKey(workspaceId, kind, "");
    for (const k of await idbKeys(STORES.cache)) if (k.startsWith(prefix) && k !== key) await idbDelete(STORES.cache, k);
    await idbPut(STORES.cache, key, { meta, snapshot, savedAt: new Date().toISOString() } satisfies CacheEntry<T>);
    return true;
  } catch {
    return false;
  }
}

/** Forgets every cached table of a workspace (when it is deleted). */
export async function dropCached(workspaceId: string): Promise<void> {
  for (const k of await idbKeys(STORES.cache)) if (k.startsWith(`${workspaceId}|`)) await idbDelete(STORES.cache, k);
}
