/**
 * The first load prepares every page: once the Overview is ready, the
 * figures the other pages open with (each version's calibration and the
 * paired test, each version's fit × engagement split, the periodic review of
 * the current version, the suggestion before its bootstrap) are computed in
 * the background (in a worker, figures-worker.ts; the suggestion in its own)
 * with the pages' own default settings and kept in this
 * browser (kept-results.ts), so that a page opened afterwards reads them
 * instead of computing them (at a million leads, 5–9 s per page). A page
 * opened before its figures are prepared computes them itself, as it would
 * without this. Done once per content of the workspace (the scores' key): a
 * kept marker says so, and later visits of the Overview prepare nothing.
 * Nothing here leaves the browser.
 */
import { datasetHasActivities, readSubScored } from "../lib/grid/index.js";
import { readSuggestData } from "../lib/suggest/data.js";
import { readAhead } from "../lib/workbench/read-ahead.js";
import { readScored } from "../lib/workbench/scored.js";
import { FIGURES_WORKER_URL, handleFigures, type FiguresReply, type FiguresRequest } from "./figures-worker.js";
import { runInWorker } from "./worker-run.js";
import { defaultPair, keptCalibration, keptCohortWeights, keptFitEngagement, keptPairedDelong, type Compute } from "./kept-figures.js";
import { keptEntry } from "./kept-results.js";
import { defaultReviewChoices, openReview, reviewState } from "./review-page.js";
import { keptSuggestion, SUGGEST_FORM_DEFAULTS, suggestDraftOptions, suggestOptionsOf } from "./suggest-view.js";
import { afterPageReady, el, ProgressLine } from "./ui.js";
import type { Workbench } from "./workbench.js";

const CODE = import.meta.url;

/**
 * Computes a figure in the figures' worker (worker-run.ts: the page's thread when workers fail), so that the
 * Overview stays responsive meanwhile; counts those the worker computed (read by the browser tests).
 */
const inWorker: Compute = async <T>(request: FiguresRequest) => {
  const { reply, where } = await runInWorker<FiguresRequest, FiguresReply>({ url: FIGURES_WORKER_URL, request, handle: handleFigures, name: "figures", onMessage: () => {} });
  const g = globalThis as { __workbenchFiguresInWorker?: number };
  if (where === "worker") g.__workbenchFiguresInWorker = (g.__workbenchFiguresInWorker ?? 0) + 1;
  return reply.result as T;
};

/** One page's preparation: its name (as in the menu) and the work. */
interface Step {
  page: string;
  run: () => Promise<unknown>;
}

/** What was prepared, and what could not be (each page then computes it when opened). */
export interface Prepared {
  pages: string[];
  failed: { page: string; error: string }[];
  /** Nothing to do: prepared on an earlier visit of this content, or no version is scored. */
  already: boolean;
}

function steps(wb: Workbench, compute: Compute): Step[] {
  const models = wb.models;
  const current = wb.current!;
  return [
    {
      page: "Calibration",
      run: async () => {
        // As src/calibration.md: every version, then the paired test of its default pair.
        const scores = readAhead(models, (m) => readScored(wb.db, m));
        const ok = [];
        for (const m of models) {
          const r = await keptCalibration(wb, m, () => scores.take(m), compute);
          if (!("error" in r && r.error)) ok.push(m);
        }
        const [a, b] = defaultPair(ok, current);
        if (a && b && a !== b) await keptPairedDelong(wb, a, b, (m) => scores.of(m), compute);
      },
    },
    {
      page: "Fit & engagement",
      run: async () => {
        const hasActivities = datasetHasActivities(wb.report);
        const sub = readAhead(models, (m) => readSubScored(wb.db, m), { forget: true });
        for (const m of models) await keptFitEngagement(wb, m, { hasActivities }, () => sub.take(m), compute);
      },
    },
    {
      page: "Review",
      run: async () => {
        const r = await openReview(wb, ProgressLine());
        if (!r.current) return;
        const choices = defaultReviewChoices(r);
        await reviewState(wb, r, choices, compute);
        await keptCohortWeights(wb, r.current, choices.by, compute);
      },
    },
    {
      page: "Suggestions",
      run: async () => {
        // The suggestion before its bootstrap is what the page opens with; the bootstrap (minutes at a
        // million leads) is left to the page, which refits in the background for the intervals.
        let stop = () => {};
        const stopped = new Promise<void>((resolve) => (stop = resolve));
        const data = () => readSuggestData(wb.db, current);
        const run = keptSuggestion(wb, current, data, suggestOptionsOf({ ...SUGGEST_FORM_DEFAULTS }), suggestDraftOptions(models, current), () => {}, stopped);
        try {
          await run.next();
        } finally {
          stop();
          await run.return(undefined);
        }
      },
    },
  ];
}

/**
 * Prepares the other pages' figures (after the page is ready), reporting on
 * `line`; sets `data-prepared="1"` on the document element when done (the
 * benchmark and the browser tests wait for it).
 */
export async function prepareOtherPages(wb: Workbench, line: HTMLElement): Promise<Prepared> {
  const done = (p: Prepared) => {
    document.documentElement.dataset.prepared = "1";
    return p;
  };
  if (!wb.current || !wb.recompute) return done({ pages: [], failed: [], already: true });
  await afterPageReady();
  const marker = await keptEntry<{ pages: string[] }>(wb, CODE, "prepared", {});
  if (marker.value) return done({ pages: marker.value.pages, failed: [], already: true });
  const all = steps(wb, inWorker);
  const prepared: Prepared = { pages: [], failed: [], already: false };
  const t0 = performance.now();
  for (const [i, s] of all.entries()) {
    line.replaceChildren(`Preparing the other pages in the background (${i + 1} of ${all.length}): ${s.page}…`);
    try {
      await s.run();
      prepared.pages.push(s.page);
    } catch (e) {
      prepared.failed.push({ page: s.page, error: (e as Error).message });
    }
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const names = prepared.pages.length > 1 ? `${prepared.pages.slice(0, -1).join(", ")} and ${prepared.pages.at(-1)}` : prepared.pages[0];
  line.replaceChildren(names ? `${prepared.failed.length ? "Prepared" : "Every page prepared"} in ${seconds} s: ${names} now open with their figures kept in this browser.` : "No page could be prepared in the background.", el("br"));
  for (const f of prepared.failed) line.append(el("span", {}, `${f.page} could not be prepared (${f.error}); the page computes its figures when opened.`), el("br"));
  // Marked once everything was tried: a page that failed here fails alike when opened, and says why there.
  await marker.keep({ pages: prepared.pages });
  return done(prepared);
}

/** The Overview's line under "Where next" that says what is being prepared. */
export function PrepareLine(wb: Workbench): HTMLElement {
  const line = el("p", { class: "muted", role: "status", "data-prepare": "" });
  void prepareOtherPages(wb, line).then((p) => {
    if (p.already) line.remove();
  });
  return line;
}
