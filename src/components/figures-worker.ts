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

export type FiguresReply = { type: "done"; result: unknown } | { type: "error"; message: string };

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

/** Answers one request (worker-run.ts runs it in the worker, or on the page's thread when workers fail). */
export function handleFigures(req: FiguresRequest, post: (reply: FiguresReply) => void): void {
  try {
    post({ type: "done", result: computeFigures(req) });
  } catch (e) {
    post({ type: "error", message: (e as Error).message });
  }
}

const scope = globalThis as unknown as { document?: unknown; postMessage?: (m: unknown) => void; onmessage?: unknown };
if (scope.document === undefined && typeof scope.postMessage === "function") {
  scope.onmessage = (e: MessageEvent<FiguresRequest>) => handleFigures(e.data, (reply) => scope.postMessage!(reply));
}
