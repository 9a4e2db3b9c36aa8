/**
 * The kept copy on the origin-private file system (OPFS), in Chromium on the
 * built site: after a workspace's first load the copy is written to
 * `leadscore-<workspace>.duckdb` once the page is ready (not to IndexedDB);
 * when the shared engine has ended, the next page restores it from that
 * file (its timings say "restore (OPFS)", nothing is read, validated or
 * scored again) and shows the same numbers; deleting a workspace deletes its
 * file. (The IndexedDB fallback: loaded-once.test.ts, run without OPFS.)
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { mulberry32 } from "../../lib/prng.js";
import { idbCopyKinds, openPage, startSession, waitReady, workbenchTimings, type Session } from "./harness.js";

let session: Session;
beforeAll(async () => {
  session = await startSession(process.env.LEADSCORE_DIST ?? "dist");
});
afterAll(async () => session?.close());


/** The files at the root of this origin's OPFS, with their sizes. */
const opfsFiles = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const out: Record<string, number> = {};
    for await (const [name, h] of (root as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries())
      if (h.kind === "file") out[name] = (await (h as FileSystemFileHandle).getFile()).size;
    return out;
  });


/** Waits until the page has kept its copy on OPFS; returns how long that took (ms). */
async function opfsWritten(page: Page): Promise<number> {
  const h = await page.waitForFunction(
    () => (globalThis as { __workbenchKeep?: Record<string, number> }).__workbenchKeep?.["keep a copy in this browser (OPFS)"],
    undefined,
    { timeout: 120_000, polling: 250 },
  );
  return Number(await h.jsonValue());
}

/** Ends every shared worker (as the browser does a while after the last page closes); returns their names. */
async function endSharedEngines(page: Page): Promise<string[]> {
  await page.goto("about:blank");
  const cdp = await session.browser.newBrowserCDPSession();
  const workers = ((await cdp.send("Target.getTargets")) as { targetInfos: { type: string; targetId: string; title: string }[] }).targetInfos.filter((t) => t.type === "shared_worker");
  for (const w of workers) await cdp.send("Target.closeTarget", { targetId: w.targetId });
  await cdp.detach();
  return workers.map((w) => w.title);
}

it("keeps the copy on OPFS, restores it when the shared engine has ended with the same numbers, deletes it with the workspace", async () => {
  const { page, problems, close } = await openPage(session, "/calibration");
  try {
    await waitReady(page, 120_000, problems);
    const first = await workbenchTimings(page);
    expect(first.store).toBe("opfs");
    expect(first.cached).toEqual({ data: false, scores: false, live: false });
    expect(first).toHaveProperty("load and validate");
    expect(first).toHaveProperty("recompute scores");
    const shown = await page.locator("main").innerText();
    expect(shown).toMatch(/AUC/);
    const writeMs = await opfsWritten(page);
    const files = await opfsFiles(page);
    expect(files["leadscore-built-in.duckdb"]).toBeGreaterThan(100_000);
    expect(await idbCopyKinds(page)).toEqual([]);

    // The shared engine ended: the next page restores the OPFS copy, reads and scores nothing again.
    expect(await endSharedEngines(page)).toEqual(["leadscore-workbench built-in"]);
    await page.goto(session.url + "/calibration");
    await waitReady(page, 120_000, problems);
    const restored = await workbenchTimings(page);
    expect(restored.cached).toEqual({ data: true, scores: true, live: false });
    expect(restored).toHaveProperty("restore (OPFS)");
    for (const step of ["load and validate", "recompute scores", "restore tables (cached in this browser)", "restore scores (cached in this browser)", "fetch files"]) {
      expect(restored).not.toHaveProperty(step);
    }
    expect(await page.locator("main").innerText()).toBe(shown);
    console.log(`OPFS copy: written in ${writeMs} ms (${files["leadscore-built-in.duckdb"]} bytes); restore (OPFS) ${restored["restore (OPFS)"]} ms, start DuckDB-WASM ${restored["start DuckDB-WASM"]} ms`);

    // A version saved on the what-if page (which scored its draft into the engine before): the re-scored
    // copy is kept and restored whole, the new version included.
    await page.goto(session.url + "/what-if");
    await waitReady(page, 120_000, problems);
    await page.click("[data-action=save-version]");
    await page.waitForSelector("[data-saved]", { timeout: 60_000 });
    const saved = (await page.getAttribute("[data-saved]", "data-saved"))!;
    await page.goto(session.url + "/models");
    await waitReady(page, 120_000, problems);
    // Only the saved version is scored, on the features already in the engine (lib/workspace scoreAddedVersions).
    const afterSave = await workbenchTimings(page);
    expect(afterSave).toHaveProperty("score the added versions (the others kept)");
    expect(afterSave).not.toHaveProperty("recompute scores");
    await opfsWritten(page);
    const models = await page.locator("main").innerText();
    expect(models).toContain(saved);
    await endSharedEngines(page);
    await page.goto(session.url + "/models");
    await waitReady(page, 120_000, problems);
    const again = await workbenchTimings(page);
    expect(again.cached).toEqual({ data: true, scores: true, live: false });
    expect(again).toHaveProperty("restore (OPFS)");
    expect(again).not.toHaveProperty("recompute scores");
    expect(await page.locator("main").innerText()).toBe(models);
    await page.goto(session.url + "/calibration");
    await waitReady(page, 120_000, problems);
    expect(problems.pageErrors).toEqual([]);

    // A workspace of the analyst's own: its file is written, and deleting the workspace deletes it.
    const dir = mkdtempSync(path.join(os.tmpdir(), "leadscore-opfs-"));
    const csv = path.join(dir, "own.csv");
    const rand = mulberry32(11);
    const lines = ["ref,day,band,converted"];
    for (let i = 0; i < 500; i++) lines.push(`R${i},2024-0${1 + (i % 9)}-1${i % 10},${["a", "b", "c"][i % 3]},${rand() < 0.3 ? 1 : 0}`);
    writeFileSync(csv, lines.join("\n") + "\n");
    await page.goto(session.url + "/data");
    await waitReady(page, 120_000, problems);
    await page.setInputFiles('input[data-file="leads"]', csv);
    await page.waitForSelector('[data-mapping] select[name="leads.id"]');
    await page.selectOption('select[name="leads.id"]', "ref");
    await page.selectOption('select[name="leads.createdAt"]', "day");
    await page.selectOption('select[name="leads.label.column"]', "converted");
    await page.click('[data-action="validate"]');
    await page.waitForSelector("[data-import-report]", { timeout: 60_000 });
    await page.fill("[data-workspace-name]", "OPFS test");
    await Promise.all([page.waitForEvent("load", { timeout: 60_000 }), page.click('[data-action="use"]')]);
    await waitReady(page, 120_000, problems);
    expect((await workbenchTimings(page)).store).toBe("opfs");
    await opfsWritten(page);
    const own = Object.keys(await opfsFiles(page)).filter((f) => f.startsWith("leadscore-ws-") && f.endsWith(".duckdb"));
    expect(own).toHaveLength(1);
    const id = await page.evaluate(() => [...document.querySelectorAll("[data-workspace-row]")].map((r) => (r as HTMLElement).dataset.workspaceRow).find((x) => x !== "built-in"));
    expect(own[0]).toBe(`leadscore-${id}.duckdb`);
    page.on("dialog", (d) => void d.accept());
    await Promise.all([page.waitForEvent("load", { timeout: 60_000 }), page.click(`[data-workspace-row="${id}"] [data-action="delete-workspace"]`)]);
    await waitReady(page, 120_000, problems);
    const after = Object.keys(await opfsFiles(page));
    expect(after.filter((f) => f.startsWith(`leadscore-${id}`))).toEqual([]);
    expect(after).toContain("leadscore-built-in.duckdb");
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  } finally {
    await close();
  }
}, 600_000);
