/**
 * Browser = CLI for a model from data: "Suggest a first model" on the
 * Suggestions page of the built site (stratified random split, seed 7), run
 * in the page's Web Worker, and `leadscore suggest --from-data --split random
 * --seed 7` through the CLI entry point (cli/main.ts) on the dataset the site
 * is built with, must write the same model: the same criteria with the same
 * rules and points, the same thresholds and probability map, the same change
 * note (which quotes the split, k, the AUCs and the threshold rules). Both
 * call lib/suggest suggestFromData, which orders the rows by lead id first,
 * so a different read order in the browser cannot change the split.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { main } from "../../cli/main.js";
import { parseModel } from "../../lib/model/parse.js";
import { openPage, startSession, waitReady, type Session } from "./harness.js";

const SEED = 7;
let session: Session;
const dir = mkdtempSync(path.join(os.tmpdir(), "from-data-browser-"));
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

it("the Suggestions page's worker and `leadscore suggest --from-data --split random --seed 7 --allow-leakage` write the same model", async () => {
  const file = path.join(dir, "cli.json");
  const r = await cli("suggest", "--from-data", "--split", "random", "--seed", String(SEED), "--allow-leakage", "--out", file);
  expect(r.code, r.stderr).toBe(0);
  const fromCli = parseModel(JSON.parse(readFileSync(file, "utf8")), file);

  const { page, problems, close } = await openPage(session, "/suggest");
  try {
    await waitReady(page, 120_000, problems);
    // Inputs.form gives each input its own <form>: the split radio, the seed, the button
    await page.getByLabel("stratified at random").check();
    await page.getByLabel("Keep columns flagged as possible leakage").check();
    const seed = page.locator("form", { hasText: "Seed" }).locator("input[type=number]");
    await seed.fill(String(SEED));
    await seed.dispatchEvent("input");
    await page.getByRole("button", { name: "Suggest a first model" }).click();
    const done = page.getByText(/Proposed in a (background worker|main-thread run) from/);
    await done.waitFor({ timeout: 180_000 });
    // the page ran it in its Web Worker, not on the main thread
    expect(await done.innerText()).toContain("background worker");
    const save = page.locator(".save-version").last();
    const [download] = await Promise.all([page.waitForEvent("download"), save.getByText("Download the file (for data/models/)").click()]);
    const text = readFileSync((await download.path())!, "utf8");
    const fromBrowser = parseModel(JSON.parse(text), download.suggestedFilename());

    expect(fromBrowser.id).toBe("from-data");
    expect(fromBrowser.changeNote).toContain(`stratified random split (seed ${SEED})`);
    // the same criteria (ids, labels, rules, points), in the same order
    expect(fromBrowser.criteria).toEqual(fromCli.criteria);
    expect(fromBrowser.thresholds).toEqual(fromCli.thresholds);
    expect(fromBrowser.probabilityMap).toEqual(fromCli.probabilityMap);
    // and everything else, the change note with its AUCs and split sizes included (the CLI's file also
    // names the JSON schema, "$schema": a pointer for editors, not part of the model)
    const { $schema: _a, ...cliModel } = fromCli as typeof fromCli & { $schema?: string };
    const { $schema: _b, ...browserModel } = fromBrowser as typeof fromBrowser & { $schema?: string };
    expect(browserModel).toEqual(cliModel);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await close();
  }
}, 400_000);
