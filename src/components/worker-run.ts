/**
 * Runs one request in a module Web Worker (the module answers messages, see
 * suggest-worker.ts and from-data-worker.ts), or on the main thread with the
 * same handler when workers fail to start. Replies are `{type: "done"}` (the
 * result), `{type: "error", message}` or anything else (progress, an early
 * result), which goes to `onMessage`. `onCancel` terminates the worker (e.g.
 * Framework's invalidation).
 */
export type Where = "worker" | "main thread";

type Reply = { type: string };

/** Workers started ahead of their request (prestartWorker), by URL, with the error they met while loading. */
const started = new Map<string, { worker: Worker; error: string | null }>();

/**
 * Starts the module worker for `url` now, so that its scripts load while the
 * page is still reading its data; the next runInWorker for that URL takes it
 * (a worker that failed to load makes it fall back to the main thread, as
 * usual). dropPrestarted ends it when it turns out not to be needed.
 */
export function prestartWorker(url: string): void {
  if (started.has(url) || typeof Worker === "undefined") return;
  try {
    const entry = { worker: new Worker(url, { type: "module" }), error: null as string | null };
    entry.worker.onerror = (e) => {
      e.preventDefault();
      entry.error = e.message || "the worker failed to start";
    };
    started.set(url, entry);
  } catch {
    // runInWorker will try again and fall back to the main thread
  }
}

/** Ends a worker started by prestartWorker that no request will use. */
export function dropPrestarted(url: string): void {
  started.get(url)?.worker.terminate();
  started.delete(url);
}

export function runInWorker<Req, R extends Reply>(o: {
  url: string;
  request: Req;
  handle: (request: Req, post: (reply: R) => void) => void;
  onMessage: (reply: R, where: Where) => void;
  /** Named in the console warning when the main thread takes over. */
  name: string;
  /** Told before the main thread takes over (it blocks the page until done). */
  onFallback?: () => void;
  onCancel?: Promise<unknown>;
}): Promise<{ reply: Extract<R, { type: "done" }>; where: Where }> {
  return new Promise((resolve, reject) => {
    let worker: Worker | null = null;
    const onReply = (where: Where) => (r: R) => {
      if (r.type === "error") (worker?.terminate(), reject(new Error((r as unknown as { message: string }).message)));
      else if (r.type === "done") (worker?.terminate(), resolve({ reply: r as Extract<R, { type: "done" }>, where }));
      else o.onMessage(r, where);
    };
    const fallback = (why: string) => {
      console.warn(`${o.name}: running on the main thread (${why})`);
      o.onFallback?.();
      setTimeout(() => o.handle(o.request, onReply("main thread")), 30);
    };
    const early = started.get(o.url);
    started.delete(o.url);
    if (early?.error) {
      early.worker.terminate();
      return fallback(early.error);
    }
    try {
      worker = early?.worker ?? new Worker(o.url, { type: "module" });
    } catch (e) {
      return fallback((e as Error).message);
    }
    const reply = onReply("worker");
    worker.onmessage = (e: MessageEvent<R>) => reply(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      worker?.terminate();
      worker = null;
      fallback(e.message || "the worker failed to start");
    };
    o.onCancel?.then(() => worker?.terminate());
    worker.postMessage(o.request);
  });
}
