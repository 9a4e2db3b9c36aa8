/**
 * The suggestion's heavy part (fit, bootstrap, thresholds, comparison, draft)
 * as Web Workers. The same module is imported by the page, which reads
 * SUGGEST_WORKER_URL (the URL Framework serves this module under) and starts
 * `new Worker(SUGGEST_WORKER_URL, {type: "module"})`; inside a worker the
 * module answers messages. No DOM here.
 *
 * Two workers share the work (the page hands out the bootstrap's chunks, see
 * suggest-view.ts runSuggestAsync): the main worker prepares, fits, evaluates
 * the fit and takes chunks; the helper prepares the same rows and only takes
 * chunks. Chunks are independent (each its own seed) and are merged in order,
 * so the result is runSuggest's, to the bit.
 */
import { buildDraft, type DraftOptions } from "../lib/suggest/draft.js";
import type { SuggestData } from "../lib/suggest/data.js";
import { bootstrapChunk, mergeBootstrap, type BootstrapChunk, type ChunkResult } from "../lib/suggest/bootstrap.js";
import { assembleSuggestion, bootstrapJobOf, evaluateSuggestion, finalPoints, fitSuggestion, prepareSuggest, runSuggest, type SuggestOptions } from "../lib/suggest/run.js";

export const SUGGEST_WORKER_URL = import.meta.url;

export interface SuggestRequest { data: SuggestData; options: SuggestOptions; draftOptions: DraftOptions }
/** Page → worker: start as the main worker or the helper; a chunk to run (null: none left); every chunk's refits (to the main worker). */
export type SuggestCommand =
  | ({ type: "start"; role: "main" } & SuggestRequest)
  | { type: "start"; role: "helper"; data: SuggestData; options: SuggestOptions }
  | { type: "chunk"; chunk: BootstrapChunk | null }
  | { type: "chunks"; results: ChunkResult[] };
export type SuggestReply =
  | { type: "progress"; message: string; fraction: number }
  | { type: "next" }
  | { type: "chunk-done"; result: ChunkResult }
  | { type: "done"; result: ReturnType<typeof runSuggest>; draft: ReturnType<typeof buildDraft> }
  | { type: "error"; message: string };

/** Runs one request in one go (the main-thread fallback). */
export function handleSuggest(req: SuggestRequest, post: (reply: SuggestReply) => void): void {
  try {
    const result = runSuggest(req.data, req.options, (message, fraction) => post({ type: "progress", message, fraction }));
    const draft = buildDraft(req.data, result, req.options, req.draftOptions);
    post({ type: "done", result, draft });
  } catch (e) {
    post({ type: "error", message: (e as Error).message });
  }
}

/** A worker's side of the shared run: `receive` is fed the page's messages, `post` answers. */
export function suggestWorker(post: (reply: SuggestReply) => void): (cmd: SuggestCommand) => void {
  let chunkWaiter: ((c: BootstrapChunk | null) => void) | null = null;
  let chunksWaiter: ((r: ChunkResult[]) => void) | null = null;
  let early: ChunkResult[] | null = null;
  const nextChunk = () => new Promise<BootstrapChunk | null>((resolve) => {
    chunkWaiter = resolve;
    post({ type: "next" });
  });
  const allChunks = () => new Promise<ChunkResult[]>((resolve) => (early ? resolve(early) : (chunksWaiter = resolve)));

  async function run(cmd: Extract<SuggestCommand, { type: "start" }>) {
    const progress = (message: string, fraction: number) => cmd.role === "main" && post({ type: "progress", message, fraction });
    const prep = prepareSuggest(cmd.data, cmd.options, progress);
    const job = bootstrapJobOf(prep, cmd.options);
    if (cmd.role === "helper") {
      for (let c = await nextChunk(); c; c = await nextChunk()) post({ type: "chunk-done", result: bootstrapChunk(prep.rows, job, c) });
      return;
    }
    progress("Fitting points on the training period…", 0.1);
    const first = fitSuggestion(prep);
    // While the helper runs the bootstrap, the fit's thresholds and comparison (they need the bootstrap only when its intervals decide drops).
    const evaluated = cmd.options.dropIfIntervalSpansZero ? null : evaluateSuggestion(cmd.data, cmd.options, prep, first);
    for (let c = await nextChunk(); c; c = await nextChunk()) post({ type: "chunk-done", result: bootstrapChunk(prep.rows, job, c) });
    const boot = mergeBootstrap(prep.rows.nCols, { ...job, factor: first.factor }, await allChunks());
    const sp = finalPoints(cmd.options, prep, first, boot);
    const ev = evaluated ?? evaluateSuggestion(cmd.data, cmd.options, prep, sp);
    const result = assembleSuggestion(cmd.data, prep, sp, boot, ev);
    post({ type: "done", result, draft: buildDraft(cmd.data, result, cmd.options, cmd.draftOptions) });
  }

  return (cmd) => {
    if (cmd.type === "start") void run(cmd).catch((e) => post({ type: "error", message: (e as Error).message }));
    else if (cmd.type === "chunk") {
      const w = chunkWaiter;
      chunkWaiter = null;
      w?.(cmd.chunk);
    } else if (cmd.type === "chunks") {
      if (chunksWaiter) chunksWaiter(cmd.results);
      else early = cmd.results;
    }
  };
}

export type WorkerRole = "main" | "helper";

/**
 * The page's side of the shared bootstrap: hands the plan's chunks to
 * whichever worker asks, collects the refits and sends them all to the main
 * worker once every chunk is in. A worker that asks when none is left while
 * the other still runs some waits for the answer (null once they are in, or a
 * chunk the other gave back when it failed: `lost`), so no chunk is ever left
 * undone. `reply` returns whether the message was the dealer's.
 */
export function chunkDealer(plan: readonly BootstrapChunk[], send: (to: WorkerRole, cmd: SuggestCommand) => void, progress: (done: number) => void = () => {}) {
  const queue = [...plan];
  const claimed: Record<WorkerRole, BootstrapChunk[]> = { main: [], helper: [] };
  const parked = new Set<WorkerRole>();
  const results = new Map<number, ChunkResult>();
  let done = 0;
  const outstanding = () => claimed.main.length + claimed.helper.length;
  const give = (to: WorkerRole) => {
    const c = queue.shift();
    if (c) {
      claimed[to].push(c);
      send(to, { type: "chunk", chunk: c });
    } else if (outstanding() > 0) parked.add(to);
    else send(to, { type: "chunk", chunk: null });
  };
  const unpark = () => {
    for (const w of [...parked]) {
      if (!queue.length && outstanding() > 0) break;
      parked.delete(w);
      give(w);
    }
  };
  return {
    reply(from: WorkerRole, r: SuggestReply): boolean {
      if (r.type === "next") {
        give(from);
        return true;
      }
      if (r.type !== "chunk-done") return false;
      claimed[from] = claimed[from].filter((c) => c.k !== r.result.k);
      if (!results.has(r.result.k)) {
        results.set(r.result.k, r.result);
        done += plan.find((c) => c.k === r.result.k)?.take ?? 0;
        progress(done);
      }
      unpark();
      if (results.size === plan.length) send("main", { type: "chunks", results: [...results.values()] });
      return true;
    },
    /** A worker failed: the chunks it held go back to the queue (for a parked worker first). */
    lost(who: WorkerRole) {
      queue.unshift(...claimed[who]);
      claimed[who] = [];
      parked.delete(who);
      unpark();
    },
  };
}

const scope = globalThis as unknown as { document?: unknown; postMessage?: (m: unknown) => void; onmessage?: unknown };
if (scope.document === undefined && typeof scope.postMessage === "function") {
  const receive = suggestWorker((reply) => scope.postMessage!(reply));
  scope.onmessage = (e: MessageEvent<SuggestCommand>) => receive(e.data);
}
