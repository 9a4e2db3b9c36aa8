/**
 * Renders a vega-lite spec as SVG (vega-embed, bundled from node_modules).
 * The container carries `data-chart` and, once drawn, `data-marks` = the
 * number of data marks drawn, which the browser tests check: a chart with no
 * marks is a bug, not a picture.
 *
 * Charts on or near the screen are drawn as soon as they are on the page;
 * the others (further down a long page such as the Review) one by one once
 * the page is idle, or earlier when scrolled near, so that what the analyst
 * sees first is not held up by charts they have not reached yet. Every chart
 * is drawn in the end (within a second or two of an idle page; printing
 * starts every one still waiting).
 */
import embed, { type EmbedOptions } from "vega-embed";
import type { TopLevelSpec } from "vega-lite";
import { onPageReady } from "./ui.js";

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
  // A faceted or concatenated chart sizes its panels itself ("fit" applies to single and layered views only).
  const composite = ["facet", "repeat", "concat", "hconcat", "vconcat"].some((k) => k in spec);
  const full: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    // The given width and height include axes and legends, so a chart never overflows its card.
    ...(composite ? { autosize: { type: "pad" as const } } : { width, height, autosize: { type: "fit" as const, contains: "padding" as const } }),
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
  schedule(div, () => {
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
  });
  return div;
}

/** Charts not drawn yet, with how to draw each. */
const waiting = new Map<Element, () => void>();
let near: IntersectionObserver | null = null;
let idleQueued = false;

/** How far below (and above) the screen a chart still counts as near it, in pixels. */
const NEAR = 300;

/** How long after the page is ready the charts further down start being drawn, one per idle moment. */
const IDLE_AFTER_READY_MS = 800;

function draw(div: Element) {
  const render = waiting.get(div);
  if (!render) return;
  waiting.delete(div);
  near?.unobserve(div);
  render();
}

/** Whether the page has marked itself ready (data-ready on <html>), or waited long enough. */
let pageReady = false;
let watching = false;
function whenPageReady() {
  if (watching || pageReady) return;
  watching = true;
  const go = () => {
    if (pageReady) return;
    pageReady = true;
    drawWhenIdle();
  };
  // A moment after ready: drawing one chart can hold the main thread for a few hundred
  // milliseconds (the page's first vega chart most of all), and an analyst who moves on
  // at once would wait for it (the next page's navigation waits for the running task).
  // Charts on or near the screen are drawn without waiting (the observer), and so is
  // every chart when printing.
  onPageReady(() => setTimeout(go, IDLE_AFTER_READY_MS));
  // A page that never says it is ready (it stopped on an error) still gets its charts.
  setTimeout(go, 15_000);
}

/**
 * Draws the waiting charts one per idle moment once the page is ready (the
 * ones on or near the screen are drawn before, by the observer): a page's
 * queries leave the main thread idle while it still computes its first screen.
 */
function drawWhenIdle() {
  if (!pageReady) return whenPageReady();
  if (idleQueued || !waiting.size) return;
  idleQueued = true;
  // No deadline: while the page still computes, its first screen goes first.
  const idle = (globalThis as { requestIdleCallback?: (f: () => void) => number }).requestIdleCallback ?? ((f: () => void) => setTimeout(f, 50));
  idle(() => {
    idleQueued = false;
    const next = waiting.keys().next();
    if (!next.done) draw(next.value);
    drawWhenIdle();
  });
}

/** Whether a box is at least partly inside the window. */
const onScreen = (r: DOMRectReadOnly) => r.top < innerHeight && r.bottom > 0;

/** Before the idle drawing starts: a chart near the screen that the analyst scrolls onto is drawn then. */
let scrollWatched = false;
function watchScroll() {
  if (scrollWatched) return;
  scrollWatched = true;
  addEventListener("scroll", () => {
    if (pageReady) return;
    for (const div of [...waiting.keys()]) if (onScreen(div.getBoundingClientRect())) draw(div);
  }, { passive: true });
}

function schedule(div: HTMLElement, render: () => void) {
  if (typeof IntersectionObserver === "undefined") return render();
  if (!waiting.size && !near) addEventListener("beforeprint", () => [...waiting.keys()].forEach(draw));
  waiting.set(div, render);
  // The observer reports each chart once it is laid out: on or near the screen, it is drawn then.
  // Until the page has drawn its first screen and gone idle, only a chart on the screen itself is drawn at
  // once: one just below it waits for the idle moment (or for the analyst to scroll), so that the first
  // screen is not held up by a chart no one sees yet (the page's first vega chart takes a few hundred ms).
  near ??= new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting && (pageReady || onScreen(e.boundingClientRect))) draw(e.target);
  }, { rootMargin: `${NEAR}px 0px` });
  if (!pageReady) watchScroll();
  near.observe(div);
  drawWhenIdle();
}
