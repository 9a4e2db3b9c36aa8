/**
 * The what-if editor in a real browser: changing points re-scores every lead
 * and updates the AUC and tiers, and the downloaded draft passes the schema.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseModel } from "../../lib/model/parse.js";
import { openPage, startSession, waitReady, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());

it("re-scores on input and downloads a schema-valid draft", async () => {
  const { page, problems, close } = await openPage(session, "/what-if");
  try {
    await waitReady(page, 90_000, problems);
    const summary = () => page.locator(".whatif-output p").first().innerText();
    const before = await summary();
    expect(before).toMatch(/Re-scored 24,000 leads in [\d.]+ ms/);
    // Give "Requested a demo" 0 points instead of 30: the AUC must change.
    const row = page.locator(".whatif-row", { hasText: "Requested a demo" });
    await row.locator("input[type=number]").fill("0");
    await row.locator("input[type=number]").dispatchEvent("change");
    const auc = (t: string) => Number(/AUC ([\d.]+)/.exec(t)![1]);
    // Wait for the re-score itself (the paragraph may also be redrawn for other reasons).
    await page.waitForFunction((b) => {
      const m = /AUC ([\d.]+)/.exec(document.querySelector(".whatif-output p")?.textContent ?? "");
      return m !== null && Number(m[1]) !== b;
    }, auc(before), { timeout: 30_000 });
    const after = await summary();
    expect(auc(after)).not.toBe(auc(before));
    // The sub-scores follow: demo requests are behaviour, so the engagement gap of won vs lost shrinks, fit stays.
    const gaps = (t: string) => /won − lost gap: fit (-?[\d.]+), engagement (-?[\d.]+)/.exec(t)!.slice(1).map(Number);
    const [fitBefore, engBefore] = gaps(before), [fitAfter, engAfter] = gaps(after);
    expect(fitAfter).toBe(fitBefore);
    expect(engAfter).toBeLessThan(engBefore);
    expect(await row.getAttribute("class")).toContain("changed");
    // (On failure, say what the page reported: a click that threw, or nothing.)
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }).catch((e: Error) => {
        throw new Error(`${e.message}; page errors: ${JSON.stringify(problems.pageErrors)}; console errors: ${JSON.stringify(problems.consoleErrors)}`);
      }),
      // (A click that cannot be made fails first, with Playwright's log of why: hidden, covered, detached.)
      page.getByText("Download the file (for data/models/)").click({ timeout: 20_000 }),
    ]);
    const file = await download.path();
    const draft = parseModel(JSON.parse(readFileSync(file!, "utf8")), download.suggestedFilename());
    expect(draft.status).toBe("draft");
    expect(draft.criteria.find((c) => c.id === "demo_request")?.points).toBe(0);
    expect(draft.changeNote).toContain("demo_request");
    // A resize (or a scroll bar appearing) keeps the edit: the editor is not built again. (Last: the download
    // above is clicked at the page's own size.)
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.waitForTimeout(800);
    expect(await row.locator("input[type=number]").inputValue(), "the edit after a resize").toBe("0");
    expect(auc(await summary())).toBe(auc(after));
    expect(problems.consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});
