/**
 * The Fit & engagement page on the bundled sample: the grid has 16 cells whose
 * labelled leads add up to the sample's, at least one outlined cell, the
 * comparison of fit only / engagement only / total, and a verdict for every
 * version. (The same page without activities: x-education.test.ts.)
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPage, pageDefects, startSession, waitReady, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());

it("shows the grid, the comparison and the mix verdict on the sample", async () => {
  const { page, problems, close } = await openPage(session, "/fit-engagement");
  try {
    await waitReady(page, 90_000, problems);
    expect((await pageDefects(page)).errorCells).toEqual([]);
    const cells = page.locator("td.grid-cell");
    expect(await cells.count()).toBe(16);
    const leads = await cells.evaluateAll((tds) => tds.map((td) => Number(/([\d,]+) leads/.exec(td.textContent ?? "")![1].replace(/,/g, ""))));
    const text = await page.evaluate(() => document.body.innerText);
    const total = Number(/([\d,]+) labelled leads/.exec(text)![1].replace(/,/g, ""));
    expect(leads.reduce((a, b) => a + b, 0)).toBe(total);
    expect(await page.locator("td.grid-cell.to-sales").count()).toBeGreaterThan(0);
    expect(text).toContain("quartiles of the scored leads");
    expect(text).toMatch(/Fit only\s+0\.\d{3} \(/);
    expect(text).toMatch(/Engagement only\s+0\.\d{3} \(/);
    expect(text).toMatch(/one engagement point is worth \d\.\d\d fit points/);
    // The current version's verdict on the sample (test/grid/sample.test.ts): its mix is not contradicted by the data.
    expect(text).toMatch(/starting v2[^]*the data do not contradict the version's equal weighting/);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [] });
    await page.screenshot({ path: "test-results/fit-engagement.png", fullPage: true });
  } finally {
    await close();
  }
});
