/**
 * The workbench's charts as vega-lite specs over data computed in lib/.
 * Won is green, lost red, open grey, everywhere.
 */
import type { HistogramBin } from "../lib/workbench/histogram.js";
import { Chart } from "./chart.js";
import type { Layer } from "./vega-types.js";

export const OUTCOME_COLORS = { domain: ["won", "lost", "open"], range: ["#1b7f4b", "#c0392b", "#8a8f98"] };

export interface Thresholds {
  nurture: number;
  salesReady: number;
}

/**
 * The dashed threshold rules with their labels, one label row per threshold
 * (nurture on the second row, sales-ready on the first), so that two
 * thresholds close together never print over each other. Every chart with
 * thresholds (distribution, cumulative, what-if) uses this layer.
 */
export function thresholdLayers(t: Thresholds): Layer[] {
  const values = [
    { x: t.salesReady, label: `sales-ready ≥ ${t.salesReady}`, row: 0 },
    { x: t.nurture, label: `nurture ≥ ${t.nurture}`, row: 1 },
  ];
  return [
    { data: { values }, mark: { type: "rule", strokeDash: [4, 3], color: "#333" }, encoding: { x: { field: "x", type: "quantitative" } } },
    ...values.map((v): Layer => ({
      data: { values: [v] },
      mark: { type: "text", align: "left", dx: 4, dy: 2, baseline: "top", fontSize: 11, color: "#333" },
      encoding: { x: { field: "x", type: "quantitative" }, y: { value: v.row * 14 }, text: { field: "label" } },
    })),
  ];
}

/** Overlaid won vs lost histograms (share of each outcome's leads per score bin), thresholds drawn. */
function presentColors(bins: HistogramBin[]) {
  const present = OUTCOME_COLORS.domain.filter((o) => bins.some((b) => b.outcome === o));
  return { domain: present, range: present.map((o) => OUTCOME_COLORS.range[OUTCOME_COLORS.domain.indexOf(o)]) };
}

export function DistributionChart(bins: HistogramBin[], t: Thresholds, { width = 640, height = 240, title = "Score distribution, won vs lost" } = {}) {
  return Chart(
    {
      layer: [
        {
          data: { values: bins },
          mark: { type: "rect", opacity: 0.55, tooltip: true },
          encoding: {
            x: { field: "lo", type: "quantitative", title: "Score at the scoring date (points)" },
            x2: { field: "hi" },
            y: { field: "share", type: "quantitative", stack: null, title: "Share of leads", axis: { format: "%" } },
            color: { field: "outcome", type: "nominal", scale: presentColors(bins), title: "Outcome" },
            tooltip: [
              { field: "outcome", title: "Outcome" },
              { field: "lo", title: "Score from" },
              { field: "hi", title: "to (excl.)" },
              { field: "count", title: "Leads", format: "," },
              { field: "share", title: "Share", format: ".1%" },
            ],
          },
        },
        ...thresholdLayers(t),
      ],
    },
    { width, height, title },
  );
}

/** Cumulative share of won and of lost leads below each score, thresholds drawn. */
export function CumulativeChart(bins: HistogramBin[], t: Thresholds, { width = 640, height = 240, title = "Cumulative distribution, won vs lost" } = {}) {
  return Chart(
    {
      layer: [
        {
          data: { values: bins },
          mark: { type: "line", interpolate: "step-after", strokeWidth: 2, tooltip: true },
          encoding: {
            x: { field: "hi", type: "quantitative", title: "Score (points)" },
            y: { field: "cumulative", type: "quantitative", title: "Share below the score", axis: { format: "%" } },
            color: { field: "outcome", type: "nominal", scale: presentColors(bins), title: "Outcome" },
          },
        },
        ...thresholdLayers(t),
      ],
    },
    { width, height, title },
  );
}

const VERSION_SCHEME = "tableau10";

/** Win rate per score band with Wilson 95 % intervals, one colour per version; small bands hollow. */
export function WinRateBandsChart(rows: { version: string; mid: number; label: string; rate: number; lo: number; hi: number; n: number; small: boolean }[], { width = 640, height = 260 } = {}) {
  return Chart(
    {
      data: { values: rows },
      layer: [
        { mark: { type: "rule" }, encoding: { x: { field: "mid", type: "quantitative", title: "Score band (mid-point, points)" }, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, color: { field: "version", type: "nominal", scale: { scheme: VERSION_SCHEME }, title: "Version" } } },
        {
          mark: { type: "point", size: 60, tooltip: true },
          encoding: {
            x: { field: "mid", type: "quantitative" },
            y: { field: "rate", type: "quantitative", title: "Win rate (95 % interval)", axis: { format: "%" } },
            color: { field: "version", type: "nominal" },
            fill: { condition: { test: "datum.small", value: "white" }, field: "version", type: "nominal", legend: null },
            tooltip: [{ field: "version" }, { field: "label", title: "Band" }, { field: "n", title: "Leads", format: "," }, { field: "rate", title: "Win rate", format: ".1%" }, { field: "lo", title: "CI low", format: ".1%" }, { field: "hi", title: "CI high", format: ".1%" }, { field: "small", title: "< 30 leads" }],
          },
        },
      ],
    },
    { width, height, title: "Win rate by score band" },
  );
}

/** Reliability diagram: mean predicted probability vs observed win rate per bin; the diagonal is perfect. */
export function ReliabilityChart(rows: { version: string; predicted: number; observed: number; n: number }[], { width = 320, height = 300 } = {}) {
  return Chart(
    {
      layer: [
        { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: "line", strokeDash: [4, 4], color: "#999" }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
        {
          data: { values: rows },
          mark: { type: "line", point: true, tooltip: true },
          encoding: {
            x: { field: "predicted", type: "quantitative", title: "Predicted win probability", scale: { domain: [0, 1] } },
            y: { field: "observed", type: "quantitative", title: "Observed win rate", scale: { domain: [0, 1] } },
            color: { field: "version", type: "nominal", scale: { scheme: VERSION_SCHEME }, title: "Version" },
            tooltip: [{ field: "version" }, { field: "predicted", format: ".3f" }, { field: "observed", format: ".3f" }, { field: "n", title: "Leads", format: "," }],
          },
        },
      ],
    },
    { width, height, title: "Reliability diagram" },
  );
}

/** ROC curves, one per version, with the chance diagonal. */
export function RocChart(rows: { version: string; fpr: number; tpr: number }[], { width = 320, height = 300 } = {}) {
  return Chart(
    {
      layer: [
        { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: "line", strokeDash: [4, 4], color: "#999" }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
        {
          data: { values: rows },
          mark: { type: "line", strokeWidth: 2 },
          encoding: {
            x: { field: "fpr", type: "quantitative", title: "Lost leads above the cut (FPR)" },
            y: { field: "tpr", type: "quantitative", title: "Won leads above the cut (TPR)" },
            color: { field: "version", type: "nominal", scale: { scheme: VERSION_SCHEME }, title: "Version" },
            order: { field: "fpr" },
          },
        },
      ],
    },
    { width, height, title: "ROC curves" },
  );
}

/** Lift or gain by depth (share of leads taken from the top of the score). */
export function LiftGainChart(rows: { version: string; depth: number; value: number }[], kind: "lift" | "gain", { width = 320, height = 260 } = {}) {
  const baseline = kind === "lift" ? [{ x: 0, y: 1 }, { x: 1, y: 1 }] : [{ x: 0, y: 0 }, { x: 1, y: 1 }];
  return Chart(
    {
      layer: [
        { data: { values: baseline }, mark: { type: "line", strokeDash: [4, 4], color: "#999" }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
        {
          data: { values: rows },
          mark: { type: "line", point: true, tooltip: true },
          encoding: {
            x: { field: "depth", type: "quantitative", title: "Top share of leads by score", axis: { format: "%" } },
            y: { field: "value", type: "quantitative", title: kind === "lift" ? "Lift (× base win rate)" : "Share of wins captured", ...(kind === "gain" ? { axis: { format: "%" } } : {}) },
            color: { field: "version", type: "nominal", scale: { scheme: VERSION_SCHEME }, title: "Version" },
          },
        },
      ],
    },
    { width, height, title: kind === "lift" ? "Lift chart" : "Gain chart" },
  );
}
