/**
 * The workbench's one IndexedDB database in this browser (nothing in it is
 * ever uploaded): workspaces, the active workspace's id, the cache of
 * loaded tables and the figures pages computed from them (results). Version 1 had only "datasets" (one stored dataset); it is
 * kept so that dataset can be moved into a workspace.
 */
const DB_NAME = "leadscore-workbench";
const VERSION = 3;
/** Version 3 added "results" (kept-results.ts). */
export const STORES = { legacy: "datasets", workspaces: "workspaces", meta: "meta", cache: "cache", results: "results" } as const;
type Store = (typeof STORES)[keyof typeof STORES];

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const s of Object.values(STORES)) if (!db.objectStoreNames.contains(s)) db.createObjectStore(s);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`this browser's storage (IndexedDB) could not be opened: ${req.error?.message ?? "unknown error"}. Private windows and some settings block it.`));
    req.onblocked = () => reject(new Error("this browser's storage is held by an older tab of the workbench: close the other tabs and reload."));
  });
  return opening;
}

function request<T>(store: Store, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const t = db.transaction(store, mode);
        const req = fn(t.objectStore(store));
        let result: T;
        req.onsuccess = () => (result = req.result as T);
        t.oncomplete = () => resolve(result);
        t.onerror = () => reject(t.error ?? req.error);
        t.onabort = () => reject(t.error ?? new Error("the browser's storage refused the write (is it full?)"));
      }),
  );
}

/**
 * Runs `fn` in one read-write transaction of `store` (every request it makes,
 * including those made in their success handlers, commits together or not at
 * all); resolves when the transaction has committed.
 */
export function idbAtomic(store: Store, fn: (s: IDBObjectStore) => void): Promise<void> {
  return open().then(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const t = db.transaction(store, "readwrite");
        fn(t.objectStore(store));
        t.oncomplete = () => resolve();
        t.onerror = () => reject(t.error);
        t.onabort = () => reject(t.error ?? new Error("the browser's storage refused the write (is it full?)"));
      }),
  );
}

export const idbGet = <T>(store: Store, key: string) => request<T | undefined>(store, "readonly", (s) => s.get(key));
export const idbPut = (store: Store, key: string, value: unknown) => request<void>(store, "readwrite", (s) => s.put(value, key));
export const idbDelete = (store: Store, key: string) => request<void>(store, "readwrite", (s) => s.delete(key));
export const idbKeys = (store: Store) => request<IDBValidKey[]>(store, "readonly", (s) => s.getAllKeys()).then((k) => k.map(String));
export const idbAll = <T>(store: Store) => request<T[]>(store, "readonly", (s) => s.getAll());

/** SHA-256 of the parts, hex: content keys of workspaces and cache entries. */
export async function sha256(parts: readonly (string | Uint8Array)[]): Promise<string> {
  const enc = new TextEncoder();
  const chunks = parts.map((p) => (typeof p === "string" ? enc.encode(p) : p));
  // Length-prefixed, so that ["ab", "c"] and ["a", "bc"] differ.
  const total = chunks.reduce((n, c) => n + 8 + c.byteLength, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    new DataView(all.buffer).setFloat64(at, c.byteLength);
    all.set(c, at + 8);
    at += 8 + c.byteLength;
  }
  const digest = await crypto.subtle.digest("SHA-256", all);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
