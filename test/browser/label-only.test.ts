/**
 * The site built on a dataset of another shape than the sample: outcomes from
 * a label column (no deals, so no amounts), no activities, two versions (a
 * published one and a draft), 900 leads made by a seeded generator
 * (test/browser/fixtures/label-only). Every page must render without defect
 * and pass the layout checks at 1,280 px.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, pageDefects, startSession, waitReady, type Session } from "./harness.js";
import { layoutDefects } from "./layout.js";
import { PAGES } from "./site-pages.js";

const FIXTURE = "test/browser/fixtures/label-only";

describe("the site built on a label-only dataset (no deals, no activities)", () => {
  let session: Session;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "label-site-"));
    const r = spawnSync("node", ["scripts/build.mjs"], {
      env: { ...process.env, LEADSCORE_DATASET: `${FIXTURE}/label-only.dataset.json`, LEADSCORE_MODELS: `${FIXTURE}/models`, LEADSCORE_OUT: out },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
    session = await startSession(out);
  }, 600_000);
  afterAll(async () => session?.close());

  for (const p of PAGES) {
    it(`${p} renders and fits at 1,280 px`, async () => {
      const { page, problems, close } = await openPage(session, p);
      try {
        await waitReady(page, 90_000, problems);
        const d = await pageDefects(page);
        expect(d.errorCells).toEqual([]);
        expect(d.emptyCharts).toEqual([]);
        expect(problems).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [] });
        const layout = await layoutDefects(page);
        expect({ ...layout, docWidth: undefined, winWidth: undefined, fits: layout.docWidth <= layout.winWidth }).toEqual({ docWidth: undefined, winWidth: undefined, fits: true, cut: [], overlaps: [], unexplained: [] });
        const text = await page.evaluate(() => document.body.innerText);
        if (p === "/") {
          // The Overview answers in its first screen: the AUC with a grade and the next step, above the fold.
          const top = await page.evaluate(() => document.querySelector("[data-headline]")?.getBoundingClientRect().top ?? Infinity);
          expect(top).toBeLessThan(900);
          expect(text).toMatch(/AUC of 0\.\d\d/);
          expect(text).toContain("Next:");
        }
        await page.screenshot({ path: `test-results/label-only${p === "/" ? "-index" : p.replace(/\//g, "-")}.png`, fullPage: true });
      } finally {
        await close();
      }
    });
  }
});
