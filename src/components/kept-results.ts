/**
 * Results kept between pages and visits: what a page computed from the
 * workspace's scores (a suggestion with its 200 bootstrap refits, a version's
 * calibration, …) is kept in this browser's IndexedDB under the scores' key
 * (the data's content and every model file) and the page's own inputs, so
 * that coming back to a page, or another page needing the same figures,
 * reads them instead of computing them again. A changed file or model
 * changes the scores' key: the results of the old content are never read,
 * and are removed the next time a result of the new content is written.
 * Nothing here leaves the browser.
 */
import { idbAtomic, idbDelete, idbGet, idbKeys, sha256, STORES } from "./idb.js";

/** At most this many results per workspace and content (the oldest go first). */
export const MAX_KEPT_RESULTS = 64;

interface Entry<T> {
  value: T;
}

/** Per workspace, the scores' key its kept results belong to and their keys, oldest first. */
interface Index {
  scores: string;
  keys: string[];
}

/** Keys read "result|<workspace>|<hash of the scores' key, the code, the name and the inputs>". */
const PREFIX = "result|";
const indexKey = (workspaceId: string) => `result-index|${workspaceId}`;

/** JSON with object keys sorted (the same inputs give the same key whatever their order); typed arrays as arrays. */
export function stableJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    return v;
  });
}

export interface KeptContext {
  workspace: { id: string };
  /** The key of the scores the result is computed from (Workbench.keys.scores). */
  keys: { scores: string };
}

/**
 * The result of `compute` for `name` and `inputs` on this workspace's scores,
 * computed by `code`: the URL of the module that computes it (its
 * import.meta.url; Framework names a module by its content and its imports',
 * so a new site never reads what older code computed). It is
 * read from this browser when kept, else computed and kept (the write never
 * delays the page and never throws: a full or blocked storage only costs the
 * next visit's speed). `kept` says which happened. The value must be
 * structured-cloneable (no functions, no DOM nodes).
 */
export async function keptResult<T>(ctx: KeptContext, code: string, name: string, inputs: unknown, compute: () => Promise<T>): Promise<{ value: T; kept: boolean }> {
  const entry = await keptEntry<T>(ctx, code, name, inputs);
  if (entry.value !== undefined) return { value: entry.value, kept: true };
  const value = await compute();
  void entry.keep(value);
  return { value, kept: false };
}

/**
 * keptResult in two steps, for results that arrive in parts: the kept value (undefined when none), and `keep`
 * for each part (the last one kept wins); `keep` resolves when the write is done (or given up: never rejects),
 * for a part written just before the page marks itself ready, which leaving the page would otherwise cut short.
 */
export async function keptEntry<T>(ctx: KeptContext, code: string, name: string, inputs: unknown): Promise<{ value: T | undefined; keep(value: T): Promise<void> }> {
  const key = `${PREFIX}${ctx.workspace.id}|${await sha256([ctx.keys.scores, code, name, stableJson(inputs)])}`;
  const hit = await idbGet<Entry<T>>(STORES.results, key).catch(() => undefined);
  // Which figures this page read kept and which it computes (the browser tests and the benchmark read it).
  ((globalThis as { __workbenchKeptReads?: { name: string; kept: boolean }[] }).__workbenchKeptReads ??= []).push({ name, kept: hit?.value !== undefined });
  return { value: hit?.value, keep: (value: T) => keep(ctx, key, value) };
}

/**
 * Writes one result and updates the workspace's index, in one transaction (a
 * page left mid-write, or two pages writing at once, never leave a result the
 * index does not list): results of another scores' key, and the oldest past
 * MAX_KEPT_RESULTS, are removed.
 */
async function keep<T>(ctx: KeptContext, key: string, value: T): Promise<void> {
  const where = indexKey(ctx.workspace.id);
  await idbAtomic(STORES.results, (store) => {
    const read = store.get(where);
    read.onsuccess = () => {
      const old = read.result as Index | undefined;
      // Another content of this workspace (a file or a model changed): its results are never read again.
      const same = old?.scores === ctx.keys.scores;
      if (old && !same) for (const k of old.keys) store.delete(k);
      const keys = [...(same ? old.keys.filter((k) => k !== key) : []), key];
      for (const k of keys.slice(0, Math.max(0, keys.length - MAX_KEPT_RESULTS))) store.delete(k);
      store.put({ value } satisfies Entry<T>, key);
      store.put({ scores: ctx.keys.scores, keys: keys.slice(-MAX_KEPT_RESULTS) } satisfies Index, where);
    };
  }).catch(() => {
    // not kept: the next visit computes it again
  });
}

/** Forgets every kept result of a workspace (when it is deleted). */
export async function dropKeptResults(workspaceId: string): Promise<void> {
  for (const k of await idbKeys(STORES.results)) if (k.startsWith(`${PREFIX}${workspaceId}|`)) await idbDelete(STORES.results, k);
  await idbDelete(STORES.results, indexKey(workspaceId));
}
