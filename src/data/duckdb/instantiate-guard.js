// Code appended to DuckDB-WASM's worker (dedicated: duckdb-browser-eh.worker.js.js;
// shared: duckdb-shared.worker.js.js, before its router) so that starting the
// engine is always answered.
//
// DuckDB-WASM 1.32 compiles its engine with
// `WebAssembly.instantiateStreaming(fetch(wasm)).then(success)` and no catch
// (bindings_browser_base.ts instantiateWasm): when reading the 34 MB wasm fails
// midway, the rejection goes nowhere and the INSTANTIATE request is never
// answered, so `db.instantiate()` waits forever. Chromium does fail such reads:
// when a second engine fetches the wasm while a first is still downloading it
// (the page's OPFS copy right after ready and the Data page's Validate), the
// second request joins the first one's HTTP-cache write and, when that write
// fails, ends with net::ERR_CACHE_WRITE_FAILURE ("WebAssembly compilation
// aborted: Network error: Failed to read from a ReadableStream").
//
// Here a failed compile is tried again from a fetch that bypasses the HTTP
// cache (twice); if that fails too, the INSTANTIATE request is answered with
// an ERROR, so the page shows the error instead of waiting.
//
// Framework does not track what a loader imports: scripts/build.mjs removes
// the cached workers so that a change here is always built.
export function instantiateGuard(engine) {
  if (!engine.includes("globalThis.onmessage=async") || !engine.includes("WebAssembly.instantiateStreaming(")) {
    throw new Error("DuckDB-WASM's worker no longer sets globalThis.onmessage or compiles with WebAssembly.instantiateStreaming (DuckDB-WASM changed); update src/data/duckdb/instantiate-guard.js");
  }
  return `
;(() => {
  const streaming = WebAssembly.instantiateStreaming?.bind(WebAssembly);
  if (!streaming) return;
  const engineOnMessage = globalThis.onmessage;
  let starting = null; // the INSTANTIATE request being answered: { id, url }
  globalThis.onmessage = (event) => {
    const request = event.data;
    if (request && request.type === "INSTANTIATE") starting = { id: request.messageId, url: request.data[0] };
    return engineOnMessage(event);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const request = starting;
    let error;
    try {
      return await streaming(source, imports);
    } catch (e) {
      error = e;
    }
    for (let i = 0; request && i < 2; i++) {
      try {
        return await streaming(fetch(request.url, { cache: "no-store" }), imports);
      } catch (e) {
        error = e;
      }
    }
    if (!request) throw error;
    const message = "DuckDB-WASM could not load its engine (" + request.url + "): " + (error && error.message ? error.message : String(error));
    globalThis.postMessage({ messageId: 0, requestId: request.id, type: "ERROR", data: { name: "Error", message } }, []);
    // Answered above; the engine's own .then(success) chain must neither go on nor reject unhandled.
    return new Promise(() => {});
  };
})();
`;
}
