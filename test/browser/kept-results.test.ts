/**
 * Figures kept between visits (src/components/kept-results.ts): a page that
 * computed a suggestion or a version's figures finds them in this browser's
 * IndexedDB on the next visit (same text, no refit; Calibration with its
 * paired test and Distributions' cards likewise); a new version (new
 * scores' key) computes them again and removes the old content's results.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPage, startSession, waitReady, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());

/** The "results" store: its keys, and the built-in workspace's index (scores' key and result keys). */
const results = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ keys: string[]; index: { scores: string; keys: string[] } | null }>((resolve, reject) => {
        const req = indexedDB.open("leadscore-workbench");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains("results")) return resolve({ keys: [], index: null });
          const store = db.transaction("results").objectStore("results");
          const keys = store.getAllKeys();
          keys.onsuccess = () => {
            const index = store.get("result-index|built-in");
            index.onsuccess = () => resolve({ keys: (keys.result as string[]).map(String).sort(), index: index.result ?? null });
          };
        };
      }),
  );

/** Waits until the store holds at least `n` results of the built-in workspace (kept after the page is shown). */
async function waitKept(page: Page, n: number) {
  for (let t = Date.now(); Date.now() - t < 30_000; await page.waitForTimeout(200)) if (((await results(page)).index?.keys.length ?? 0) >= n) return;
  throw new Error(`fewer than ${n} results were kept within 30 s`);
}

/** Waits until no section of the page is still being computed (those below the first screen follow the ready mark). */
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector("[data-pending]"), undefined, { timeout: 120_000 });

/**
 * On the first page of the context that marks itself ready while its bootstrap is pending (the Suggestions
 * page), records that (sessionStorage "pendingAtReady") and leaves for the Data page at that very moment, as
 * an analyst moving on (or the benchmark's walk) does: the bootstrap (a fraction of a second on the sample)
 * cannot end meanwhile, as it could while the test itself looked, and the points kept just before must
 * already be written. Also records window.__pendingAtReady on every page.
 */
const leaveAtReadyOnce = () => {
  new MutationObserver((_m, observer) => {
    if (document.documentElement?.dataset.ready !== "1") return;
    observer.disconnect();
    setTimeout(() => {
      const pending = document.querySelector("[data-pending=bootstrap]") !== null;
      (globalThis as { __pendingAtReady?: boolean }).__pendingAtReady = pending;
      if (sessionStorage.getItem("pendingAtReady") !== null || !location.pathname.endsWith("/suggest")) return;
      sessionStorage.setItem("pendingAtReady", String(pending));
      if (pending) location.href = location.href.replace(/suggest$/, "data");
    }, 0);
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
};

/** Waits for the complete suggestion: the page is ready as soon as the points are shown, its bootstrap intervals follow. */
const waitFinal = (page: Page) =>
  page.waitForFunction(
    () => /(Fitted in a|Kept in this browser)[^\n]*bootstrap refits/.test(document.querySelector("main")?.textContent ?? "")
      // the cells re-ran with the final suggestion (the save button replaced the waiting line) and every chart is
      // drawn again with its figures (those below the screen are drawn when the page is idle)
      && !document.querySelector("[data-pending=bootstrap]")
      && [...document.querySelectorAll("[data-chart]")].every((c) => (c as HTMLElement).dataset.marks !== undefined),
    undefined, { timeout: 120_000 });

const text = async (page: Page) => (await page.locator("main").innerText()).replace(/^(Fitted in a [^\n]*|Kept in this browser from an earlier fit[^\n]*)$/gm, "");

it("keeps a suggestion and a version's figures for the next visit, and drops them when a version is added", async () => {
  const { page, problems, close } = await openPage(session, "/suggest", { init: leaveAtReadyOnce });
  try {
    // Ready before the bootstrap: the points are shown, saving waits for the intervals. The page is left then
    // (leaveAtReadyOnce) while the bootstrap is still running.
    await page.waitForURL(/\/data$/, { timeout: 180_000 });
    expect(await page.evaluate(() => sessionStorage.getItem("pendingAtReady"))).toBe("true");
    await waitReady(page, 120_000, problems);
    // The next visit shows the kept points at once, says so, and fits again in the background for the intervals.
    await page.goto(session.url + "/suggest", { waitUntil: "load" });
    await waitReady(page, 120_000, problems);
    expect(await page.evaluate(() => (globalThis as { __pendingAtReady?: boolean }).__pendingAtReady)).toBe(true);
    expect(await page.locator("[data-kept-step]").count(), "the kept points, shown before the bootstrap").toBe(1);
    expect(await page.locator("main").innerText()).toMatch(/Suggested points and thresholds/);
    expect((await results(page)).index!.keys.length).toBe(1);
    await waitFinal(page);
    expect(await page.locator("[data-kept-step]").count()).toBe(0);
    expect(await page.locator("[data-pending=bootstrap]").count()).toBe(0);
    const first = await page.locator("main").innerText();
    expect(first).toMatch(/Fitted in a background worker: 200 bootstrap refits/);
    await waitKept(page, 1);

    await page.goto(session.url + "/fit-engagement");
    await waitReady(page, 120_000, problems);
    const feFirst = await text(page);
    await waitKept(page, 2);

    await page.goto(session.url + "/suggest");
    await waitReady(page, 120_000, problems);
    const second = await page.locator("main").innerText();
    expect(second).toMatch(/Kept in this browser from an earlier fit on the same data, versions and settings \(200 bootstrap refits\)/);
    expect(await text(page)).toEqual(first.replace(/^Fitted in a [^\n]*$/gm, ""));

    await page.goto(session.url + "/fit-engagement");
    await waitReady(page, 120_000, problems);
    expect(await text(page)).toEqual(feFirst);
    // Calibration (its paired test too) and Distributions (each version's card) read what they kept on the next visit:
    // the same text, and nothing computed (kept) again.
    for (const path of ["/calibration", "/distributions"]) {
      const kept = (await results(page)).index!.keys.length;
      await page.goto(session.url + path);
      await waitReady(page, 120_000, problems);
      await settled(page);
      const once = await page.locator("main").innerText();
      await waitKept(page, kept + 1);
      const added = (await results(page)).index!.keys.length - kept;
      // Calibration: one calibration per version (a row of its headline table) and the paired test; Distributions: one card per version.
      const versions = await page.evaluate((p) => (p === "/calibration" ? document.querySelector("main table tbody")!.children.length : document.querySelectorAll("main .card h2").length), path);
      expect(versions).toBeGreaterThanOrEqual(2);
      expect(added).toBe(path === "/calibration" ? versions + 1 : versions);
      await page.waitForTimeout(500);
      const keys = (await results(page)).index!.keys;
      await page.goto(session.url + path);
      await waitReady(page, 120_000, problems);
      await settled(page);
      expect(await page.locator("main").innerText()).toEqual(once);
      await page.waitForTimeout(500);
      expect((await results(page)).index!.keys).toEqual(keys);
    }

    const before = await results(page);
    expect(before.index?.keys.length).toBeGreaterThanOrEqual(2);

    // Another setting is another result: shrinking toward the current points fits again.
    await page.goto(session.url + "/suggest");
    await waitReady(page, 120_000, problems);
    expect(await page.locator("main").innerText()).toMatch(/Kept in this browser from an earlier fit/);
    await page.evaluate(() => {
      const shrink = [...document.querySelectorAll("form label")].find((l) => /Shrink toward current points/.test(l.textContent ?? ""))!.parentElement!.querySelector("input[type=range]") as HTMLInputElement;
      shrink.value = "2";
      shrink.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForFunction(() => /Fitted in a background worker/.test(document.querySelector("main")?.textContent ?? ""), undefined, { timeout: 120_000 });

    // A new version changes the scores' key: the suggestion is fitted again, the old results are removed.
    await page.goto(session.url + "/what-if");
    await waitReady(page, 120_000, problems);
    await page.click("[data-action=save-version]");
    await page.waitForSelector("[data-saved]", { timeout: 60_000 });
    await page.goto(session.url + "/suggest");
    await waitReady(page, 180_000, problems);
    await waitFinal(page);
    expect(await page.locator("main").innerText()).toMatch(/Fitted in a background worker: 200 bootstrap refits/);
    await waitKept(page, 1);
    const after = await results(page);
    expect(after.index!.scores).not.toEqual(before.index!.scores);
    expect(after.index!.keys).toHaveLength(1);
    // Nothing of the old content is left: the store holds the index and the one new result.
    expect(after.keys).toEqual([...after.index!.keys, "result-index|built-in"].sort());

    expect(problems.consoleErrors, JSON.stringify(problems.consoleErrors)).toEqual([]);
    expect(problems.pageErrors, JSON.stringify(problems.pageErrors)).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.outsideRequests).toEqual([]);
  } finally {
    await close();
  }
});
