/**
 * Renders a vega-lite spec as SVG (vega-embed, bundled from node_modules).
 * The container carries `data-chart` and, once drawn, `data-marks` = the
 * number of data marks drawn, which the browser tests check: a chart with no
 * marks is a bug, not a picture.
 */
import embed, { type EmbedOptions } from "vega-embed";
import type { TopLevelSpec } from "vega-lite";

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Text for screen readers and the print report. */
  title?: string;
}

export function Chart(spec: TopLevelSpec, { width = 640, height = 260, title }: ChartOptions = {}): HTMLElement {
  const div = document.createElement("div");
  div.dataset.chart = title ?? "chart";
  div.setAttribute("role", "figure");
  if (title) div.setAttribute("aria-label", title);
  const full: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width,
    height,
    // The given width and height include axes and legends, so a chart never overflows its card.
    autosize: { type: "fit", contains: "padding" },
    config: {
      font: "system-ui, sans-serif",
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.4 },
      // An axis title never runs past its plot: longer ones end in "…" (full text in the page's caption).
      axisY: { titleLimit: Math.max(60, Math.round(height * 0.6)) },
      axisX: { titleLimit: Math.max(80, width - 80) },
      legend: { labelFontSize: 11, titleFontSize: 12, orient: "top" },
      view: { stroke: null },
    },
    ...spec,
  };
  const options: EmbedOptions = { renderer: "svg", actions: false };
  embed(div, full, options)
    .then(() => {
      div.dataset.marks = String(div.querySelectorAll("g.role-mark > *").length);
    })
    .catch((error: unknown) => {
      div.dataset.marks = "0";
      div.classList.add("error-box");
      div.textContent = `Chart failed: ${(error as Error).message}`;
      console.error(error);
    });
  return div;
}
