/**
 * The harness must catch what it claims to catch: a page with an outside
 * request, a console error, a 404 and an error cell is reported on each count.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPage, pageDefects, startSession, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "harness-"));
  writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html><link rel="icon" href="data:,"><body>
     <div class="observablehq--error">RuntimeError: boom</div>
     <div data-chart="empty" data-marks="0"></div>
     <img src="/missing.png">
     <script>console.error("broken"); fetch("http://example.invalid/x").catch(() => {});
       document.documentElement.dataset.ready = "1";</script>`,
  );
  session = await startSession(dir);
});
afterAll(async () => session?.close());

it("reports outside requests, console errors, 404s, error cells and empty charts", async () => {
  const { page, problems, close } = await openPage(session, "/");
  await page.waitForTimeout(500);
  const defects = await pageDefects(page);
  await close();
  expect(defects.errorCells).toEqual(["RuntimeError: boom"]);
  expect(defects.emptyCharts).toEqual(["empty"]);
  expect(problems.outsideRequests).toEqual(["http://example.invalid/x"]);
  expect(problems.consoleErrors).toContain("broken");
  expect(problems.failedRequests.some((r) => r.includes("/missing.png") && r.includes("404"))).toBe(true);
});
