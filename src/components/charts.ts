/**
 * The workbench's charts as vega-lite specs over data computed in lib/.
 * Won is green, lost red, open grey, everywhere.
 */
import type { HistogramBin } from "../lib/workbench/histogram.js";
import { Chart } from "./chart.js";

export const OUTCOME_COLORS = { domain: ["won", "lost", "open"], range: ["#1b7f4b", "#c0392b", "#8a8f98"] };

export interface Thresholds {
  nurture: number;
  salesReady: number;
}

function thresholdLayers(t: Thresholds) {
  const values = [
    { x: t.nurture, label: `nurture ≥ ${t.nurture}` },
    { x: t.salesReady, label: `sales-ready ≥ ${t.salesReady}` },
  ];
  return [
    { data: { values }, mark: { type: "rule", strokeDash: [4, 3], color: "#333" }, encoding: { x: { field: "x", type: "quantitative" } } },
    {
      data: { values },
      mark: { type: "text", align: "left", dx: 4, dy: -4, baseline: "top", fontSize: 11, color: "#333" },
      encoding: { x: { field: "x", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } },
    },
  ];
}

/** Overlaid won vs lost histograms (share of each outcome's leads per score bin), thresholds drawn. */
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
            y: { field: "share", type: "quantitative", stack: null, title: "Share of the outcome's leads", axis: { format: "%" } },
            color: { field: "outcome", type: "nominal", scale: OUTCOME_COLORS, title: "Outcome" },
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
    } as never,
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
            y: { field: "cumulative", type: "quantitative", title: "Share of the outcome's leads below the score", axis: { format: "%" } },
            color: { field: "outcome", type: "nominal", scale: OUTCOME_COLORS, title: "Outcome" },
          },
        },
        ...thresholdLayers(t),
      ],
    } as never,
    { width, height, title },
  );
}
