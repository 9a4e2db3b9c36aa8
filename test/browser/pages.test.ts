/**
 * Opens every page of the built site in Chromium and fails on console
 * errors, failed or outside requests, Framework error cells and empty charts.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, pageDefects, startSession, waitReady, type Session } from "./harness.js";
import { layoutDefects } from "./layout.js";

// Every page of the config, read from it, so a new page is tested without editing this file.
const PAGES = [...readFileSync("observablehq.config.ts", "utf8").matchAll(/path: "([^"]+)"/g)].map((m) => m[1]);

describe("every page of the built site", () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => session?.close());

  it("finds the pages of the config", () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(6);
    expect(PAGES).toContain("/");
  });

  for (const path of PAGES) {
    it(`${path} renders with no error, no outside request and no empty chart`, async () => {
      const { page, problems, close } = await openPage(session, path);
      try {
        await waitReady(page, 60_000, problems);
        const defects = await pageDefects(page);
        expect(defects.errorCells).toEqual([]);
        expect(defects.emptyCharts).toEqual([]);
        expect(problems.outsideRequests).toEqual([]);
        expect(problems.failedRequests).toEqual([]);
        expect(problems.consoleErrors).toEqual([]);
        expect(problems.pageErrors).toEqual([]);
        // At 1,280 px: no sideways scroll, no cut cell or card, no overlapping chart text, every metric named is explained.
        const layout = await layoutDefects(page);
        expect({ ...layout, docWidth: undefined, winWidth: undefined, fits: layout.docWidth <= layout.winWidth }).toEqual({ docWidth: undefined, winWidth: undefined, fits: true, cut: [], overlaps: [], unexplained: [] });
        await page.screenshot({ path: `test-results/page${path === "/" ? "-index" : path.replace(/\//g, "-")}.png`, fullPage: true });
      } finally {
        await close();
      }
    });
  }
});
