/**
 * The published report prints: /report renders with no problem, its summary
 * JSON matches what the page shows, and page.pdf() under print media gives a
 * multi-page A4 document without the sidebar or any input. The PDF is kept
 * in test-results/report.pdf for people to look at.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, pageDefects, startSession, waitReady, type Session } from "./harness.js";

describe("the published report", () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession(process.env.LEADSCORE_TEST_DIST ?? "dist");
  });
  afterAll(async () => session?.close());

  it("renders, prints to a multi-page PDF and hides the sidebar and inputs in print", async () => {
    const { page, problems, close } = await openPage(session, "/report");
    try {
      await waitReady(page, 90_000, problems);
      const defects = await pageDefects(page);
      expect(defects.errorCells).toEqual([]);
      expect(defects.emptyCharts).toEqual([]);
      expect(defects.charts).toBeGreaterThanOrEqual(6);
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [] });

      const text = await page.locator("#observablehq-main").innerText();
      expect(text).toMatch(/Lead-score calibration report/);
      expect(text).toMatch(/As of \d{4}-\d{2}-\d{2}/);
      expect(text).toMatch(/Decision log/);
      expect(await page.locator(".page-break").count()).toBeGreaterThanOrEqual(3);

      // The summary download is the same JSON the CLI writes.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download the summary/ }).click()]);
      const summary = JSON.parse(await streamText(await download.createReadStream()));
      expect(summary.kind).toBe("leadscore-report");
      expect(text).toContain(`As of ${summary.asOf}`);

      const visible = (selector: string) =>
        page.evaluate((s) => [...document.querySelectorAll(s)].filter((e) => getComputedStyle(e).display !== "none" && getComputedStyle(e).visibility !== "hidden").length, selector);
      expect(await visible("#observablehq-sidebar")).toBe(1);
      expect(await visible("button")).toBeGreaterThan(0);
      await page.emulateMedia({ media: "print" });
      expect(await visible("#observablehq-sidebar, #observablehq-sidebar-toggle")).toBe(0);
      expect(await visible("input, select, button, textarea, form")).toBe(0);
      expect(await visible("[data-chart]")).toBe(defects.charts);

      const pdf = await page.pdf({ format: "A4", printBackground: true });
      mkdirSync("test-results", { recursive: true });
      writeFileSync("test-results/report.pdf", pdf);
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2);
    } finally {
      await close();
    }
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
