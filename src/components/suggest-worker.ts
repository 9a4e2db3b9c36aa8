/**
 * The suggestion's heavy part (fit, bootstrap, thresholds, comparison, draft)
 * as a Web Worker. The same module is imported by the page, which reads
 * SUGGEST_WORKER_URL (the URL Framework serves this module under) and starts
 * `new Worker(SUGGEST_WORKER_URL, {type: "module"})`; inside the worker the
 * module answers messages. No DOM here.
 */
import { buildDraft, type DraftOptions } from "../lib/suggest/draft.js";
import type { SuggestData } from "../lib/suggest/data.js";
import { runSuggest, type SuggestOptions } from "../lib/suggest/run.js";

export const SUGGEST_WORKER_URL = import.meta.url;

export interface SuggestRequest { data: SuggestData; options: SuggestOptions; draftOptions: DraftOptions }
export type SuggestReply =
  | { type: "progress"; message: string; fraction: number }
  /** The suggestion before its bootstrap (runSuggest's onFirst): intervals NaN, 0 replicates; "done" follows. */
  | { type: "first"; result: ReturnType<typeof runSuggest>; draft: ReturnType<typeof buildDraft> }
  | { type: "done"; result: ReturnType<typeof runSuggest>; draft: ReturnType<typeof buildDraft> }
  | { type: "error"; message: string };

/** Runs one request (in the worker, or on the main thread as a fallback). */
export function handleSuggest(req: SuggestRequest, post: (reply: SuggestReply) => void): void {
  try {
    const result = runSuggest(req.data, req.options, (message, fraction) => post({ type: "progress", message, fraction }), (early) => {
      post({ type: "first", result: early, draft: buildDraft(req.data, early, req.options, req.draftOptions) });
    });
    const draft = buildDraft(req.data, result, req.options, req.draftOptions);
    post({ type: "done", result, draft });
  } catch (e) {
    post({ type: "error", message: (e as Error).message });
  }
}

const scope = globalThis as unknown as { document?: unknown; postMessage?: (m: unknown) => void; onmessage?: unknown };
if (scope.document === undefined && typeof scope.postMessage === "function") {
  scope.onmessage = (e: MessageEvent<SuggestRequest>) => handleSuggest(e.data, (reply) => scope.postMessage!(reply));
}
