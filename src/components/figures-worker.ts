/**
 * The figures the Overview prepares for the other pages (prepare.ts), computed
 * in a Web Worker so that the Overview stays responsive meanwhile (at a
 * million leads one version's fit × engagement split or review takes 1–2 s of
 * computing, which on the page's own thread would hold up every click). The
 * same lib functions as the pages (kept-figures.ts), so the same results
 * under the same kept keys. The same module is imported by the page, which
 * starts `new Worker(FIGURES_WORKER_URL, {type: "module"})`; inside the worker
 * the module answers messages. No DOM here.
 */
import { cohortWeights, fitEngagement, type SubScored } from "../lib/grid/index.js";
import { delongPaired } from "../lib/metrics/index.js";
import type { Model } from "../lib/model/schema.js";
import { cohorts, type CohortOptions } from "../lib/monitoring/cohorts.js";
import { summary, type SummaryOptions } from "../lib/monitoring/summary.js";
import type { PeriodBy, ReviewInput } from "../lib/monitoring/types.js";
import { versionCalibration } from "../lib/workbench/calibration.js";
import { labelled, type ScoredLeads } from "../lib/workbench/scored.js";

export const FIGURES_WORKER_URL = import.meta.url;

export type FiguresRequest =
  | { kind: "calibration"; model: Model; scored: ScoredLeads }
  | { kind: "pairedDelong"; a: ScoredLeads; b: ScoredLeads }
  | { kind: "fitEngagement"; model: Model; sub: SubScored; options: { hasActivities: boolean } }
  | { kind: "cohortWeights"; sub: SubScored; by: PeriodBy }
  | { kind: "summary"; input: ReviewInput; options: SummaryOptions }
  | { kind: "cohorts"; input: ReviewInput; options: CohortOptions };

export type FiguresReply = { id: number; type: "done"; result: unknown } | { id: number; type: "error"; message: string };

/** One request's figures (in the worker, or on the page's thread as a fallback). */
export function computeFigures(req: FiguresRequest): unknown {
  switch (req.kind) {
    case "calibration":
      return versionCalibration(req.model, req.scored);
    case "pairedDelong": {
      const la = labelled(req.a), lb = labelled(req.b);
      return delongPaired(la.scores, lb.scores, la.labels);
    }
    case "fitEngagement":
      return fitEngagement(req.model, req.sub, req.options);
    case "cohortWeights":
      return cohortWeights(req.sub, req.by);
    case "summary":
      return summary(req.input, req.options);
    case "cohorts":
      return cohorts(req.input, req.options);
  }
}

const scope = globalThis as unknown as { document?: unknown; postMessage?: (m: unknown) => void; onmessage?: unknown };
if (scope.document === undefined && typeof scope.postMessage === "function") {
  scope.onmessage = (e: MessageEvent<{ id: number; req: FiguresRequest }>) => {
    const { id, req } = e.data;
    try {
      scope.postMessage!({ id, type: "done", result: computeFigures(req) } satisfies FiguresReply);
    } catch (err) {
      scope.postMessage!({ id, type: "error", message: (err as Error).message } satisfies FiguresReply);
    }
  };
}

/** Computes figures in one worker, request after request; on the page's thread when the worker cannot start. */
export interface FiguresWorker {
  compute<T>(req: FiguresRequest): Promise<T>;
  /** Ends the worker (pending requests fail). */
  end(): void;
}

export function figuresWorker(): FiguresWorker {
  let worker: Worker | null = null;
  let broken = typeof Worker === "undefined";
  let next = 0;
  const pending = new Map<number, { req: FiguresRequest; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  // A worker that fails (to load, or later): what it had been asked is computed here instead.
  const fail = (ended: boolean) => {
    broken = true;
    worker?.terminate();
    worker = null;
    for (const [id, p] of pending) {
      pending.delete(id);
      if (ended) p.reject(new Error("the figures' worker was ended"));
      else {
        try {
          p.resolve(computeFigures(p.req));
        } catch (e) {
          p.reject(e as Error);
        }
      }
    }
  };
  const start = () => {
    if (worker || broken) return;
    try {
      worker = new Worker(FIGURES_WORKER_URL, { type: "module" });
    } catch {
      broken = true;
      return;
    }
    worker.onmessage = (e: MessageEvent<FiguresReply>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.type === "done") {
        // Counted for the browser tests: figures the worker computed.
        const g = globalThis as { __workbenchFiguresInWorker?: number };
        g.__workbenchFiguresInWorker = (g.__workbenchFiguresInWorker ?? 0) + 1;
        p.resolve(e.data.result);
      } else p.reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail(false);
    };
  };
  return {
    compute<T>(req: FiguresRequest): Promise<T> {
      start();
      // No worker: computed here, as the pages do.
      if (!worker) return Promise.resolve().then(() => computeFigures(req) as T);
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { req, resolve: resolve as (v: unknown) => void, reject });
        worker!.postMessage({ id, req });
      });
    },
    end() {
      fail(true);
    },
  };
}
