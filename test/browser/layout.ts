/**
 * Layout checks run inside a page (page.evaluate): what a reader at 1,280 px
 * would see as a defect.
 * - `pageOverflow`: the document is wider than the window (sideways scroll).
 * - `cut`: a table cell, heading cell or card whose content is wider than its
 *   box (scrollWidth > clientWidth), unless it sits in an element marked
 *   `data-scrollable` (a table meant to scroll sideways inside its card).
 * - `overlaps`: two text elements of one chart whose bounding boxes overlap
 *   (charts are drawn as SVG, so each text mark is a <text> element).
 * - `unexplained`: a metric from the glossary named on the page with no
 *   explanation of it on the page (an element with data-term-explained=key).
 */
import type { Page } from "playwright-core";
import { GLOSSARY } from "../../src/components/glossary.js";

export interface LayoutDefects {
  docWidth: number;
  winWidth: number;
  cut: string[];
  overlaps: string[];
  unexplained: string[];
}

export async function layoutDefects(page: Page): Promise<LayoutDefects> {
  const terms = GLOSSARY.map((g) => ({ key: g.key, pattern: g.pattern.source, flags: g.pattern.flags }));
  // The page's glossary catches up with the page's text within ~60 ms (src/components/glossary.ts).
  await page.waitForTimeout(300);
  return page.evaluate((terms) => {
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : ""} "${(e.textContent ?? "").trim().slice(0, 60)}"`;
    const visible = (e: Element) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === "fixed";
    const cut: string[] = [];
    for (const e of document.querySelectorAll("#observablehq-main td, #observablehq-main th, #observablehq-main .card")) {
      if (!visible(e) || e.closest("[data-scrollable]")) continue;
      const h = e as HTMLElement;
      if (h.scrollWidth > h.clientWidth + 1) cut.push(`${describe(e)}: ${h.scrollWidth} > ${h.clientWidth}`);
    }
    const overlaps: string[] = [];
    for (const chart of document.querySelectorAll("[data-chart]")) {
      const texts = [...chart.querySelectorAll("svg text")]
        .filter((t) => (t.textContent ?? "").trim() !== "" && getComputedStyle(t).opacity !== "0" && t.getAttribute("opacity") !== "0")
        .map((t) => ({ t: (t.textContent ?? "").trim(), r: t.getBoundingClientRect() }))
        .filter((x) => x.r.width > 0 && x.r.height > 0);
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r, b = texts[j].r;
          // A pixel of tolerance: glyph boxes include the font's line gap.
          const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (ox > 1 && oy > 2) overlaps.push(`${(chart as HTMLElement).dataset.chart}: "${texts[i].t}" overlaps "${texts[j].t}"`);
        }
      }
      // A text mark must stay inside its chart's box.
      const box = chart.getBoundingClientRect();
      for (const x of texts) if (x.r.left < box.left - 2 || x.r.right > box.right + 2 || x.r.top < box.top - 2 || x.r.bottom > box.bottom + 2) overlaps.push(`${(chart as HTMLElement).dataset.chart}: "${x.t}" leaves the chart`);
    }
    const text = document.body.innerText;
    const unexplained = terms
      .filter((t) => new RegExp(t.pattern, t.flags).test(text))
      .filter((t) => !document.querySelector(`[data-term-explained="${t.key}"]`))
      .map((t) => t.key);
    return { docWidth: document.documentElement.scrollWidth, winWidth: window.innerWidth, cut, overlaps, unexplained };
  }, terms);
}
