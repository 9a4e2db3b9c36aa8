/**
 * Charts further down a page are drawn after its first screen
 * (src/components/chart.ts): when the Review page marks itself ready, some of
 * its charts below the screen are still waiting, and so are its sections
 * further down (ui.ts Later: everything from the fit-vs-engagement table on,
 * with their charts); every one is drawn soon after, without scrolling. A
 * chart just below the screen waits for that idle moment too.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPage, pageDefects, startSession, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());

/** At the moment the page marks itself ready: how many charts there are, and how many are drawn (window.__chartsAtReady). */
const recordChartsAtReady = () => {
  new MutationObserver((_m, observer) => {
    if (document.documentElement?.dataset.ready !== "1") return;
    observer.disconnect();
    const charts = [...document.querySelectorAll("[data-chart]")] as HTMLElement[];
    (globalThis as { __chartsAtReady?: unknown }).__chartsAtReady = {
      charts: charts.length,
      drawn: charts.filter((c) => c.dataset.marks !== undefined).length,
      waitingBelow: charts.filter((c) => c.dataset.marks === undefined && c.getBoundingClientRect().top >= innerHeight).length,
      sections: [...document.querySelectorAll("[data-pending=section]")].map((s) => s.textContent),
    };
    // 0.75 s later, before the idle drawing (0.8 s after ready): the charts just below the screen (within the
    // 300 px the observer counts as near) are still waiting; only a chart on the screen is drawn at once.
    setTimeout(() => {
      const near = charts.filter((c) => c.getBoundingClientRect().top >= innerHeight && c.getBoundingClientRect().top < innerHeight + 300);
      (globalThis as { __nearAfter750?: unknown }).__nearAfter750 = { near: near.length, drawn: near.filter((c) => c.dataset.marks !== undefined).length };
    }, 750);
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
};

it("draws the Review page's charts below the first screen after it is ready, all of them without scrolling", async () => {
  const { page, problems, close } = await openPage(session, "/review", { init: recordChartsAtReady });
  try {
    await page.waitForFunction(() => (globalThis as { __chartsAtReady?: unknown }).__chartsAtReady, undefined, { timeout: 180_000 });
    const atReady = await page.evaluate(() => (globalThis as { __chartsAtReady?: { charts: number; drawn: number; waitingBelow: number; sections: string[] } }).__chartsAtReady!);
    expect(atReady.charts).toBeGreaterThanOrEqual(3); // the cohort charts; the sections below bring their own
    expect(atReady.waitingBelow).toBeGreaterThan(0);
    expect(atReady.drawn).toBeLessThan(atReady.charts);
    await page.waitForFunction(() => (globalThis as { __nearAfter750?: unknown }).__nearAfter750, undefined, { timeout: 30_000 });
    const near = await page.evaluate(() => (globalThis as { __nearAfter750?: { near: number; drawn: number } }).__nearAfter750!);
    expect(near.near).toBeGreaterThan(0);
    expect(near.drawn).toBe(0);
    // No scrolling: the page stays at its top while the rest are drawn.
    await page.waitForFunction(() => [...document.querySelectorAll("[data-chart]")].every((c) => (c as HTMLElement).dataset.marks !== undefined), undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => scrollY)).toBe(0);
    // The sections further down (ui.ts Later) said what they were computing, then were filled in.
    expect(atReady.sections).toEqual([
      "Weighing fit against engagement per cohort…",
      "Computing the score's drift per period…",
      "Computing the criteria's drift per period…",
      "Tabulating the criteria's drift…",
      "Comparing the lead mix with the reference…",
      "Finding the best customers' scores…",
      "Finding the lost high-scorers…",
      "Comparing the draft with the current version on the same leads…",
    ]);
    await page.waitForFunction(() => !document.querySelector("[data-pending=section]"), undefined, { timeout: 30_000 });
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/per cohort: AUC of the fit sub-score alone/);
    expect(text).toMatch(/Draft .* vs current .* on the same [\d,]+ labelled leads: ΔAUC/);
    expect(text).toMatch(/PSI of each period's score distribution against/);
    const defects = await pageDefects(page);
    expect(defects.errorCells).toEqual([]);
    expect(defects.emptyCharts).toEqual([]);
    expect(defects.charts).toBeGreaterThan(atReady.charts); // the sections' charts came with them
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await close();
  }
});
