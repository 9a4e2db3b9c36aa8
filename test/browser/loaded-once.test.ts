/**
 * "Loaded once" in a real browser: after a workspace's first load, the next
 * page connects to the DuckDB-WASM kept in a shared worker (no start, no
 * restore, no re-scoring); the copy kept in IndexedDB is made after the page
 * is ready; with the shared engine gone, the next page restores that copy
 * instead of reading and validating the files; a saved version re-scores
 * without reloading the data.
 *
 * This file runs in a browser without OPFS (navigator.storage.getDirectory
 * taken away before the page's scripts): the IndexedDB copy is the fallback
 * there. The OPFS copy, where it exists, is tested in opfs-copy.test.ts.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { idbCopyKinds, openPage, startSession, waitReady, workbenchTimings, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => session?.close());

/** Takes OPFS away from the page (as in a browser without it), so the copy goes to IndexedDB. */
const withoutOpfs = () => {
  // (Init scripts run in every document, some of which have no StorageManager, e.g. about:blank.)
  if (typeof StorageManager !== "undefined") delete (StorageManager.prototype as { getDirectory?: unknown }).getDirectory;
};



it("connects to the open engine on the next page, keeps a copy after ready, restores it when the engine is gone, scores only a new version", async () => {
  const { page, problems, close } = await openPage(session, "/", { init: withoutOpfs });
  try {
    await waitReady(page, 120_000, problems);
    const first = await workbenchTimings(page);
    expect(first.cached).toEqual({ data: false, scores: false, live: false });
    expect(first).toHaveProperty("load and validate");
    expect(first).toHaveProperty("recompute scores");

    await page.goto(session.url + "/calibration");
    await waitReady(page, 120_000, problems);
    const second = await workbenchTimings(page);
    expect(second.cached).toEqual({ data: true, scores: true, live: true });
    for (const step of ["start DuckDB-WASM", "load and validate", "recompute scores", "restore tables (cached in this browser)"]) expect(second).not.toHaveProperty(step);
    expect(second).toHaveProperty("connect to DuckDB-WASM (open since an earlier page)");
    expect(await page.locator("main").innerText()).toMatch(/AUC/);

    // The copy in IndexedDB is made once a page is ready (the first page's may have been cut short by leaving it).
    for (let t = Date.now(); Date.now() - t < 60_000; ) {
      if ((await idbCopyKinds(page)).length === 2) break;
      await page.waitForTimeout(250);
    }
    expect(await idbCopyKinds(page)).toEqual(["data", "scores"]);

    // End the shared engine (as the browser does a while after the last page closes): the next page restores the copy.
    await page.goto("about:blank");
    const cdp = await session.browser.newBrowserCDPSession();
    const workers = ((await cdp.send("Target.getTargets")) as { targetInfos: { type: string; targetId: string; title: string }[] }).targetInfos.filter((t) => t.type === "shared_worker");
    expect(workers.map((w) => w.title)).toEqual(["leadscore-workbench built-in"]);
    for (const w of workers) await cdp.send("Target.closeTarget", { targetId: w.targetId });
    await page.goto(session.url + "/models");
    await waitReady(page, 120_000, problems);
    const third = await workbenchTimings(page);
    expect(third.cached).toEqual({ data: true, scores: true, live: false });
    expect(third).toHaveProperty("restore tables (cached in this browser)");
    console.log(`IndexedDB copy: restore tables ${third["restore tables (cached in this browser)"]} ms + scores ${third["restore scores (cached in this browser)"]} ms, start DuckDB-WASM ${third["start DuckDB-WASM"]} ms`);
    expect(third).not.toHaveProperty("load and validate");
    expect(third).not.toHaveProperty("recompute scores");

    // A version saved on the what-if page: the next page scores it (a new model file) on the open data and
    // features, and keeps the other versions' scores (lib/workspace scoreAddedVersions).
    await page.goto(session.url + "/what-if");
    await waitReady(page, 120_000, problems);
    await page.click("[data-action=save-version]");
    await page.waitForSelector("[data-saved]", { timeout: 60_000 });
    const saved = await page.getAttribute("[data-saved]", "data-saved");
    await page.goto(session.url + "/models");
    await waitReady(page, 120_000, problems);
    const fourth = await workbenchTimings(page);
    expect(fourth.cached).toEqual({ data: true, scores: false, live: true });
    expect(fourth).toHaveProperty("score the added versions (the others kept)");
    expect(fourth).not.toHaveProperty("recompute scores");
    expect(fourth).not.toHaveProperty("load and validate");
    expect(await page.locator("main").innerText()).toContain(saved!);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  } finally {
    await close();
  }
});
