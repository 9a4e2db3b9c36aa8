// DuckDB-WASM's web worker (node_modules) as a *shared* worker, so one
// database outlives a page: the next page of the same workspace connects to
// the tables, features and scores already in memory instead of starting
// DuckDB-WASM (≈ 2 s) and restoring them from IndexedDB (≈ 1 s). Pages open it
// with `new SharedWorker(url, {name, extendedLifetime: true})`; Chromium
// (148+) keeps it for a short while after the last page unloads, long enough
// to reach the next page. Elsewhere it ends with the page and the next page
// restores from IndexedDB as before (src/components/duckdb.ts).
//
// DuckDB's worker speaks to one page through `postMessage` / `onmessage`; a
// shared worker has a port per page. The code appended below routes: each
// request gets a worker-wide id (two pages both number theirs from 0), the
// answer goes back to the port that asked with the page's own id. A second
// INSTANTIATE is answered OK (the engine is already running), and a page's
// connections are closed when its port closes. Before the router, the guard
// that always answers the engine's start (instantiate-guard.js).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { instantiateGuard } from "./instantiate-guard.js";

const engine = readFileSync(createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"), "utf8");
if (!engine.includes("globalThis.onmessage=async") || !engine.includes("globalThis.postMessage(e,t)")) {
  throw new Error("duckdb-browser-eh.worker.js: the worker no longer uses globalThis.onmessage/postMessage (DuckDB-WASM changed); update src/data/duckdb/duckdb-shared.worker.js.js");
}

const router = `
;(() => {
  const engineOnMessage = globalThis.onmessage;
  const routes = new Map();
  let nextId = 1;
  let instantiated = null; // null | Promise<boolean>
  let resolveInstantiated = null;
  globalThis.postMessage = (message, transfer) => {
    const route = routes.get(message.requestId);
    if (!route) return; // progress updates without a request
    if (message.type !== "INSTANTIATE_PROGRESS") routes.delete(message.requestId);
    if (route.instantiate && resolveInstantiated) {
      if (message.type === "OK") resolveInstantiated(true);
      else if (message.type === "ERROR") { resolveInstantiated(false); instantiated = null; }
    }
    if (message.type === "CONNECTION_INFO") route.conns.add(message.data);
    try {
      route.port.postMessage({ ...message, requestId: route.id }, transfer ?? []);
    } catch {}
  };
  globalThis.onconnect = (event) => {
    const port = event.ports[0];
    const conns = new Set();
    port.onmessage = async (e) => {
      const request = e.data;
      if (request.type === "INSTANTIATE" && instantiated) {
        const ok = await instantiated;
        if (ok) {
          port.postMessage({ messageId: 0, requestId: request.messageId, type: "OK", data: null });
          return;
        }
      }
      const id = nextId++;
      const route = { port, id: request.messageId, conns, instantiate: request.type === "INSTANTIATE" };
      if (route.instantiate) instantiated = new Promise((r) => (resolveInstantiated = r));
      if (request.type === "DISCONNECT") conns.delete(request.data);
      routes.set(id, route);
      await engineOnMessage({ data: { ...request, messageId: id } });
    };
    port.addEventListener("close", () => {
      for (const c of conns) engineOnMessage({ data: { messageId: nextId++, type: "DISCONNECT", data: c } });
      conns.clear();
    });
    port.start();
  };
})();
`;
process.stdout.write(engine + instantiateGuard(engine) + router);
