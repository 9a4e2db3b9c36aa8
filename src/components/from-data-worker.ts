/**
 * A model from data (lib/suggest suggestFromData) as a Web Worker: the page
 * imports this module, reads FROM_DATA_WORKER_URL and starts
 * `new Worker(FROM_DATA_WORKER_URL, {type: "module"})`; inside the worker the
 * module answers messages. No DOM here.
 */
import type { FromDataInput } from "../lib/suggest/from-data-input.js";
import { suggestFromData, type FromDataOptions, type FromDataResult } from "../lib/suggest/from-data.js";

export const FROM_DATA_WORKER_URL = import.meta.url;

export interface FromDataRequest { input: FromDataInput; options: FromDataOptions }
export type FromDataReply =
  | { type: "progress"; message: string; fraction: number }
  | { type: "done"; result: FromDataResult }
  | { type: "error"; message: string };

/** Runs one request (in the worker, or on the main thread as a fallback). */
export function handleFromData(req: FromDataRequest, post: (reply: FromDataReply) => void): void {
  try {
    const result = suggestFromData(req.input, req.options, (message, fraction) => post({ type: "progress", message, fraction }));
    post({ type: "done", result });
  } catch (e) {
    post({ type: "error", message: (e as Error).message });
  }
}

const scope = globalThis as unknown as { document?: unknown; postMessage?: (m: unknown) => void; onmessage?: unknown };
if (scope.document === undefined && typeof scope.postMessage === "function") {
  scope.onmessage = (e: MessageEvent<FromDataRequest>) => handleFromData(e.data, (reply) => scope.postMessage!(reply));
}
