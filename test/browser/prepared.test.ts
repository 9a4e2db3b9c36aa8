/**
 * The first load prepares every page (src/components/prepare.ts): once the
 * Overview is ready, the other pages' figures are computed in the background
 * and kept, so that Calibration, Fit & engagement, Review and Suggestions
 * then open reading every figure they need from this browser (none
 * computed), and show the same text as a page that computed them itself.
 * The next Overview prepares nothing (a kept marker).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPage, startSession, waitReady, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());

type Read = { name: string; kept: boolean };
const keptReads = (page: Page) => page.evaluate(() => (globalThis as { __workbenchKeptReads?: Read[] }).__workbenchKeptReads ?? []);
/** The page's text once every section further down is computed. */
const settledText = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector("[data-pending]"), undefined, { timeout: 120_000 });
  return page.locator("main").innerText();
};

const PAGES = ["/calibration", "/fit-engagement", "/review", "/suggest"];

it("prepares Calibration, Fit & engagement, Review and Suggestions after the first load: each then reads every figure kept, and shows what it computes itself", async () => {
  const { page, problems, close } = await openPage(session, "/");
  // Another browser profile, where no Overview came first: each page computes its figures.
  const computed = await openPage(session, "/data");
  try {
    await waitReady(page, 120_000, problems);
    await page.waitForFunction(() => document.documentElement.dataset.prepared === "1", undefined, { timeout: 180_000 });
    const line = await page.locator("[data-prepare]").innerText();
    expect(line).toMatch(/^Every page prepared in \d+\.\d s: Calibration, Fit & engagement, Review and Suggestions now open with their figures kept in this browser\./);
    expect(line).not.toMatch(/could not be prepared/);
    // Computed in the figures' worker, not on the Overview's thread: every version's calibration and split at least.
    expect(await page.evaluate(() => (globalThis as { __workbenchFiguresInWorker?: number }).__workbenchFiguresInWorker ?? 0)).toBeGreaterThanOrEqual(4);

    for (const path of PAGES) {
      await page.goto(session.url + path);
      await waitReady(page, 120_000, problems);
      const reads = await keptReads(page);
      // The first screen's figures: every version's (Calibration, Fit & engagement), the review and the shown draft's cohorts, the suggestion.
      expect(reads.length, path).toBeGreaterThan(0);
      expect(reads.filter((r) => !r.kept).map((r) => r.name), `${path}: figures computed although prepared`).toEqual([]);
      if (path === "/suggest") continue; // (prepared: the points before their bootstrap, which the page then fits; its own first visit shows the same points)
      await computed.page.goto(session.url + path);
      await waitReady(computed.page, 120_000, computed.problems);
      expect((await keptReads(computed.page)).some((r) => !r.kept), `${path} computes in the other profile`).toBe(true);
      expect(await settledText(page), path).toEqual(await settledText(computed.page));
    }

    // Back on the Overview: prepared already (the marker is kept), so nothing runs and the line goes.
    await page.goto(session.url + "/");
    await waitReady(page, 120_000, problems);
    await page.waitForFunction(() => document.documentElement.dataset.prepared === "1", undefined, { timeout: 60_000 });
    expect(await page.locator("[data-prepare]").count()).toBe(0);
    expect((await keptReads(page)).map((r) => `${r.name} ${r.kept}`)).toEqual(["versionCalibration true", "prepared true"]);

    for (const p of [problems, computed.problems]) {
      expect(p.consoleErrors, JSON.stringify(p.consoleErrors)).toEqual([]);
      expect(p.pageErrors, JSON.stringify(p.pageErrors)).toEqual([]);
      expect(p.failedRequests).toEqual([]);
      expect(p.outsideRequests).toEqual([]);
    }
  } finally {
    await Promise.all([close(), computed.close()]);
  }
});
