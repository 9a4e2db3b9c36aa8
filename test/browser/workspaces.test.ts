/**
 * Workspaces end to end in Chromium on the built site (issue: the analyst's
 * own data, end to end in the browser, loaded once):
 * - a CSV made here, with column names unlike the sample's, a 0/1 label and
 *   no activities, becomes a workspace; a model of 3 criteria is built in the
 *   criteria builder and saved; every page renders it with no error cell, no
 *   console error and no text of the sample; a reload keeps it; the
 *   workspace exported and imported again gives the same scores;
 * - on the built-in sample, a model file that reads a column the data does
 *   not have is listed as not for this dataset, and every other version
 *   still scores on every page.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../lib/prng.js";
import { openPage, pageDefects, startSession, waitReady, type Problems, type Session } from "./harness.js";

const DIST = process.env.LEADSCORE_DIST ?? "dist";
const PAGES = ["/", "/data", "/models", "/builder", "/what-if", "/distributions", "/calibration", "/suggest", "/review", "/workshop", "/report"];
/** Words that only the bundled sample (its columns, versions, decisions, votes) would put on a page. */
const SAMPLE_TEXT = ["Synthetic B2B", "starting v", "starting@", "ground-truth", "Head of sales", "job_level", "company_size", "pricing_page", "starting-v2", "industry"];

/** 2,000 leads with their own column names: a contact id, a signup date, tenure band, seats, region, a yes/no, and a 0/1 label. */
function makeCsv(): string {
  const rand = mulberry32(7);
  const tiers = ["Junior", "Mid", "Senior", "Executive"];
  const regions = ["North", "South", "East", "West", "Islands"];
  const lines = ["contact_ref,signup_day,tenure_band,seat_count,sales_region,asked_for_call,became_customer"];
  for (let i = 0; i < 2000; i++) {
    const t = Math.floor(rand() * 4);
    const seats = Math.round(5 + rand() * 495);
    const region = regions[Math.floor(rand() * 5)];
    const call = rand() < 0.3;
    const z = -2.2 + 0.6 * t + 0.004 * seats + (call ? 0.9 : 0) + (region === "Islands" ? -0.7 : 0);
    const won = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(rand() * 600) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`C${String(i).padStart(5, "0")},${day},${tiers[t]},${rand() < 0.05 ? "" : seats},${region},${call ? "yes" : "no"},${won}`);
  }
  return lines.join("\n") + "\n";
}

async function clean(page: Page, problems: Problems, where: string) {
  const d = await pageDefects(page);
  expect(d.errorCells, where).toEqual([]);
  expect(problems.consoleErrors, where).toEqual([]);
  expect(problems.pageErrors, where).toEqual([]);
  expect(problems.outsideRequests, where).toEqual([]);
}

async function go(page: Page, session: Session, p: string, problems: Problems) {
  await page.goto(session.url + p, { waitUntil: "load" });
  await waitReady(page, 120_000, problems);
}

/** The Overview's headline for the current version (KPIs and the share of won/lost leads reaching sales-ready). */
const headline = (page: Page) => page.$$eval("main .card, main p", (ns) => ns.map((n) => n.textContent ?? "").filter((t) => /Leads|Won|Lost|reached sales-ready/.test(t)).join(" | "));

describe("workspaces", () => {
  let session: Session;
  const dir = mkdtempSync(path.join(os.tmpdir(), "leadscore-ws-"));
  beforeAll(async () => {
    session = await startSession(DIST);
  });
  afterAll(async () => session?.close());

  it("own CSV → workspace → 3-criterion model from the builder → every page, reload, export and import", async () => {
    const csv = path.join(dir, "crm-export.csv");
    writeFileSync(csv, makeCsv());
    const { page, problems, close } = await openPage(session, "/data");
    try {
      await waitReady(page, 120_000, problems);
      await page.setInputFiles('input[data-file="leads"]', csv);
      await page.waitForSelector('[data-mapping] select[name="leads.id"]');
      await page.selectOption('select[name="leads.id"]', "contact_ref");
      await page.selectOption('select[name="leads.createdAt"]', "signup_day");
      await page.selectOption('select[name="leads.label.column"]', "became_customer");
      await page.click('[data-action="validate"]');
      await page.waitForSelector("[data-import-report]", { timeout: 60_000 });
      expect(await page.getAttribute("[data-import-report]", "data-import-report")).toBe("usable");
      await page.fill("[data-workspace-name]", "CRM export test");
      await Promise.all([page.waitForEvent("load", { timeout: 60_000 }), page.click('[data-action="use"]')]);
      await waitReady(page, 120_000, problems);
      expect(await page.getAttribute("[data-dataset]", "data-dataset")).toBe("browser");
      expect(await page.textContent("[data-workspaces]")).toContain("CRM export test");

      // No model yet: the Overview says so in plain words and points to the builder; every other page
      // works (Models, Suggestions) or says in one box why it cannot and what to do, never an engine or JavaScript error.
      await go(page, session, "/", problems);
      await clean(page, problems, "/ before a model");
      const stopped = ["/what-if", "/distributions", "/calibration", "/fit-engagement", "/review", "/workshop", "/report"];
      for (const p of PAGES.filter((x) => x !== "/" && x !== "/builder")) {
        await go(page, session, p, problems);
        await clean(page, problems, `${p} before a model`);
        if (!stopped.includes(p)) continue;
        expect(await page.textContent("[data-page-stopped]"), p).toMatch(/No model version fits this dataset|no valid model version|no scored model version/i);
        expect(await page.textContent("[data-page-stopped]"), p).toMatch(/criteria builder/);
      }
      // the Review's sections below the box are hidden: no heading of a figure there is none of
      await go(page, session, "/review", problems);
      expect(await page.isVisible("text=Cohorts over time")).toBe(false);

      await go(page, session, "/builder", problems);
      for (const [i, v] of ["col:tenure_band", "col:seat_count", "col:asked_for_call"].entries()) {
        await page.selectOption("[data-action=pick-source]", v);
        await page.click("[data-action=add-criterion]");
        await page.waitForFunction((n) => document.querySelectorAll(".builder-block").length === n, i + 1, { timeout: 60_000 });
      }
      await page.waitForFunction(() => Number((document.querySelector("[data-auc]") as HTMLElement | null)?.dataset.auc) > 0.6, undefined, { timeout: 60_000 });
      // A narrower window (or a scroll bar appearing) keeps the criteria: the builder does not start again on a resize.
      const mainWidth = () => page.evaluate(() => document.getElementById("observablehq-main")?.clientWidth ?? 0);
      const wide = await mainWidth();
      await page.setViewportSize({ width: 1100, height: 900 });
      await page.waitForFunction((w) => (document.getElementById("observablehq-main")?.clientWidth ?? w) !== w, wide);
      await page.waitForTimeout(500);
      expect(await page.$$eval(".builder-block", (x) => x.length), "criteria after a resize").toBe(3);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.click("[data-action=save-version]");
      await page.waitForSelector(".save-version [data-saved], .save-version .error-box", { timeout: 30_000 });
      expect(await page.textContent(".save-version [role=status]")).not.toMatch(/Could not save/);
      expect(await page.getAttribute("[data-saved]", "data-saved")).toBe("builder v1");
      await clean(page, problems, "/builder");

      for (const p of PAGES) {
        await go(page, session, p, problems);
        await clean(page, problems, p);
        const text = (await page.textContent("main")) ?? "";
        for (const s of SAMPLE_TEXT) expect(text.includes(s), `${p} shows the sample's "${s}"`).toBe(false);
        if (p === "/models") {
          expect(text).toContain("builder v1");
          expect(await page.$$eval(".version-not-scored", (x) => x.length)).toBe(0);
        }
      }

      // Reload: the workspace and its version are still there.
      await go(page, session, "/models", problems);
      await page.reload({ waitUntil: "load" });
      await waitReady(page, 120_000, problems);
      expect(await page.textContent("main")).toContain("builder v1");
      await go(page, session, "/", problems);
      const before = await headline(page);
      expect(before).toContain("2,000");
      expect(before).toContain("reached sales-ready");

      // Export, import as a new workspace: the same scores.
      await go(page, session, "/data", problems);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="export-workspace"]')]);
      const file = path.join(dir, "export.leadscore.json");
      await download.saveAs(file);
      const exported = JSON.parse(readFileSync(file, "utf8"));
      expect(exported.format).toBe("leadscore-workspace");
      expect(exported.models.map((m: { file: string }) => m.file)).toEqual(["workspace/builder-v1.json"]);
      await Promise.all([page.waitForEvent("load", { timeout: 60_000 }), page.setInputFiles('[data-action="import-workspace"]', file)]);
      await waitReady(page, 120_000, problems);
      expect((await page.textContent("[data-workspaces]"))!.match(/CRM export test/g)).toHaveLength(2);
      await go(page, session, "/", problems);
      expect(await headline(page)).toBe(before);
      await clean(page, problems, "/ after import");
    } finally {
      await close();
    }
  }, 900_000);

  it("a model file that does not fit is listed as not for this dataset; the others score on every page", async () => {
    const misfit = JSON.parse(readFileSync("data/models/starting-v1.json", "utf8"));
    misfit.id = "misfit";
    misfit.dataset.columns.no_such_column = "string";
    misfit.criteria.push({ id: "nsc", label: "No such column", category: "fit", rule: { type: "equals", column: "no_such_column", value: "x" }, points: 5 });
    const file = path.join(dir, "misfit-v1.json");
    writeFileSync(file, JSON.stringify(misfit));
    const { page, problems, close } = await openPage(session, "/models");
    try {
      await waitReady(page, 120_000, problems);
      await Promise.all([page.waitForEvent("load", { timeout: 60_000 }), page.setInputFiles('[data-action="upload-models"]', file)]);
      await waitReady(page, 120_000, problems);
      const notScored = await page.$$eval(".version-not-scored", (xs) => xs.map((x) => [(x as HTMLElement).dataset.status, x.textContent ?? ""]));
      expect(notScored).toHaveLength(1);
      expect(notScored[0][0]).toBe("not-for-dataset");
      expect(notScored[0][1]).toContain('column "no_such_column" is missing');
      expect(notScored[0][1]).toContain("The data has the columns");
      for (const p of PAGES) {
        await go(page, session, p, problems);
        await clean(page, problems, p);
        expect(await page.textContent("main"), p).not.toContain("Catalog Error");
      }
      await go(page, session, "/calibration", problems);
      expect(await page.textContent("main")).toContain("starting v2");
    } finally {
      await close();
    }
  }, 900_000);
});
