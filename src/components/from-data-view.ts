/**
 * "Suggest a first model" on the Suggestions page: suggestFromData in a Web
 * Worker (main-thread fallback), the AUC-vs-criteria curve and the proposed
 * criteria with their points.
 */
import type { FromDataInput } from "../lib/suggest/from-data-input.js";
import type { FromDataOptions, FromDataResult } from "../lib/suggest/from-data.js";
import { Chart } from "./chart.js";
import { FROM_DATA_WORKER_URL, handleFromData, type FromDataReply, type FromDataRequest } from "./from-data-worker.js";
import { runInWorker, type Where } from "./worker-run.js";
import { el, Table } from "./ui.js";

export interface FromDataRun { result: FromDataResult; where: Where }

/** Runs suggestFromData in a module worker; `onCancel` terminates it. */
export async function runFromDataAsync(input: FromDataInput, options: FromDataOptions, progress: (message: string, fraction: number) => void, onCancel?: Promise<unknown>): Promise<FromDataRun> {
  const { reply, where } = await runInWorker<FromDataRequest, FromDataReply>({
    url: FROM_DATA_WORKER_URL, request: { input, options }, handle: handleFromData, name: "suggest from data", onCancel,
    onMessage: (r) => {
      if (r.type === "progress") progress(r.message, r.fraction);
    },
  });
  return { result: reply.result, where };
}

/** Cross-validated AUC (± 1 SE) and test AUC against the number of criteria, the chosen k marked. */
export function CurveChart(result: FromDataResult, { width = 640, height = 280 } = {}): HTMLElement {
  const rows = result.curve.flatMap((p) => [
    { k: p.k, auc: p.cvAuc, lo: p.cvAuc - p.cvSe, hi: p.cvAuc + p.cvSe, series: "cross-validated (training)", added: p.added },
    { k: p.k, auc: p.testAuc, lo: p.testAuc, hi: p.testAuc, series: "test leads", added: p.added },
  ]);
  const color = { domain: ["cross-validated (training)", "test leads"], range: ["#2c6fbb", "#e08a00"] };
  return Chart(
    {
      layer: [
        { data: { values: rows.filter((r) => r.series !== "test leads") }, mark: { type: "errorbar" }, encoding: { x: { field: "k", type: "quantitative" }, y: { field: "lo", type: "quantitative", scale: { zero: false }, title: "AUC" }, y2: { field: "hi" }, color: { field: "series", type: "nominal", scale: color } } },
        { data: { values: rows }, mark: { type: "line", point: true }, encoding: { x: { field: "k", type: "quantitative", title: "Number of criteria", axis: { tickMinStep: 1 } }, y: { field: "auc", type: "quantitative", scale: { zero: false } }, color: { field: "series", type: "nominal", scale: color, title: null }, tooltip: [{ field: "k" }, { field: "added", title: "added" }, { field: "auc", format: ".4f" }] } },
        { data: { values: [{ k: result.k, label: `chosen: ${result.k} criteria (one-standard-error rule)` }] }, mark: { type: "rule", strokeDash: [4, 3], color: "#333" }, encoding: { x: { field: "k", type: "quantitative" } } },
        { data: { values: [{ k: result.k, label: `chosen: ${result.k}` }] }, mark: { type: "text", align: "left", dx: 4, dy: 8, baseline: "top", fontSize: 11 }, encoding: { x: { field: "k", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } } },
      ],
    },
    { width, height, title: "AUC against the number of criteria" },
  );
}

/** The proposed criteria and their points. */
export function FromDataCriteria(result: FromDataResult): HTMLElement {
  const rows = result.draft.criteria.map((c) => {
    const r = c.rule;
    const pts = c.points ?? (r.type === "bands" ? r.bands[0].points : r.type === "recency" ? r.bands[0].points + r.never.points : 0);
    return { label: c.label, points: pts, category: c.category };
  });
  return Table([{ key: "label", label: "Criterion" }, { key: "category", label: "Kind" }, { key: "points", label: "Points", align: "right" }], rows);
}

/** One line of headline figures. */
export function FromDataSummary(result: FromDataResult): HTMLElement {
  const s = result.split;
  const how = s.kind === "date" ? `split by date at ${s.date}` : `stratified random split (seed ${s.seed})`;
  return el("p", {}, `${result.k} criteria chosen from ${result.candidates.length} candidates (${how}, ${s.nTrain} training / ${s.nTest} test leads). Test AUC ${result.test.aucInteger.toFixed(3)} with whole points (unrounded ${result.test.aucUnrounded.toFixed(3)}), calibration slope ${result.test.figures.slope?.toFixed(2) ?? "–"}; thresholds tuned on the training leads: nurture ≥ ${result.thresholds.nurture}, sales-ready ≥ ${result.thresholds.salesReady}.`);
}
