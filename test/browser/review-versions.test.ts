/**
 * The Review page reads the current version's and the newest draft's review
 * inputs when it opens and another version's only when it is ticked under
 * "Also show" (src/components/review-page.ts readShown): ticking the retired
 * starting v1 adds it to every per-version part (here: the "Criteria of"
 * choice and the cohort charts) with no error.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPage, pageDefects, startSession, waitReady, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession(process.env.LEADSCORE_DIST ?? "dist");
});
afterAll(async () => session?.close());

it("a version ticked under Also show is read then and shown in every part", async () => {
  const { page, problems, close } = await openPage(session, "/review");
  try {
    await waitReady(page, 90_000, problems);
    const criteriaOf = () => page.$$eval("form select option", (os) => os.map((o) => o.textContent ?? "").filter((t) => / v\d+$/.test(t)));
    expect(await criteriaOf()).toEqual(["starting v2", "ground-truth v1"]);
    await page.getByLabel("starting v1 (retired)").check();
    await page.waitForFunction(() => [...document.querySelectorAll("form select option")].some((o) => o.textContent === "starting v1"), undefined, { timeout: 60_000 });
    await waitReady(page, 60_000, problems);
    expect(await criteriaOf()).toEqual(["starting v2", "ground-truth v1", "starting v1"]);
    const defects = await pageDefects(page);
    expect(defects.errorCells).toEqual([]);
    expect(defects.emptyCharts).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});
