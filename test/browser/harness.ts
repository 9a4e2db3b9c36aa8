/**
 * Browser test harness: serves dist/ on 127.0.0.1, opens pages in Debian's
 * Chromium through playwright-core, and records everything that must fail a
 * test: console errors, page errors, failed requests, any request to another
 * origin, Framework error cells, and charts drawn without marks.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { serve } from "../../cli/static-server.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Problems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  outsideRequests: string[];
}

export interface Session {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSession(dir = "dist"): Promise<Session> {
  if (!existsSync(`${dir}/index.html`)) throw new Error(`${dir}/index.html is missing: run \`npm run build\` first (npm test does).`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run \`bash scripts/ensure-chromium.sh\` (npm test does) or set CHROMIUM_PATH.`);
  const server = await serve(dir, 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens a new page that records problems; `origin` is the only origin allowed. */
export async function openPage(session: Session, path: string, options: { viewport?: { width: number; height: number }; init?: () => void } = {}) {
  const context = await session.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, acceptDownloads: true });
  // A script run in every page of the context before its own (e.g. to take away a browser feature).
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const problems: Problems = { consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [] };
  const origin = new URL(session.url).origin;
  page.on("console", (m) => {
    if (m.type() === "error") problems.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("request", (r) => {
    const u = r.url();
    if (u.startsWith("data:") || u.startsWith("blob:")) return;
    if (new URL(u).origin !== origin) problems.outsideRequests.push(u);
  });
  page.on("requestfailed", (r) => {
    // Connecting to the shared DuckDB-WASM that an earlier page started: Chromium begins the
    // script's request and cancels it once it finds the running worker. Not a failure; any other is.
    if (/\/duckdb-shared\.worker\.[0-9a-f]+\.js$/.test(r.url()) && r.failure()?.errorText === "net::ERR_ABORTED") return;
    // After a page is ready, a short-lived engine keeps the workspace's copy on OPFS (opfs-copy.ts); leaving the
    // page cancels its fetches of the engine's files (worker script, wasm). Not a failure either: had the page's
    // own engine lost one of them, the page would never mark itself ready and the test would fail on that.
    if (/\/_file\/data\/duckdb\/duckdb-(browser-eh\.worker\.[0-9a-f]+\.js|eh\.[0-9a-f]+\.wasm)$/.test(r.url()) && r.failure()?.errorText === "net::ERR_ABORTED") return;
    // The Suggestions page starts its fit's worker while it opens (worker-run.ts prestartWorker) and ends it unused
    // when the fit is kept in this browser (dropPrestarted): ending it cancels its script's fetch if that is still
    // under way. Not a failure: a worker the page does use, and fails to load, shows its error or falls back.
    // Likewise the Overview's figures worker (prepare.ts) when the page is left while it loads.
    if (/\/_import\/components\/(suggest|from-data|figures)-worker\.[0-9a-f]+\.js$/.test(r.url()) && r.failure()?.errorText === "net::ERR_ABORTED") return;
    // Two engines starting at once (that copy and the Data page's Validate): Chromium joins the second fetch of the
    // wasm to the first one's cache write and fails it when that write fails. The worker then fetches it again
    // (src/data/duckdb/instantiate-guard.js); were that to fail as well, the engine would report the error.
    if (/\/_file\/data\/duckdb\/duckdb-eh\.[0-9a-f]+\.wasm$/.test(r.url()) && r.failure()?.errorText === "net::ERR_CACHE_WRITE_FAILURE") return;
    problems.failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ""}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.url()} HTTP ${r.status()}`);
  });
  await page.goto(session.url + path, { waitUntil: "load" });
  return { page, problems, close: () => context.close() };
}

/** Waits until the page says it is ready (a cell sets data-ready on <html>) or fails with the error cells. */
export async function waitReady(page: Page, timeout = 60_000, problems?: Problems) {
  const deadline = Date.now() + timeout;
  // Poll, so that an uncaught page error fails at once instead of after the timeout.
  for (;;) {
    const done = await page.evaluate(() => document.documentElement.dataset.ready === "1" || document.querySelector(".observablehq--error") !== null);
    if (done) break;
    if (problems?.pageErrors.length) throw new Error(`page error before the page was ready: ${problems.pageErrors.join("; ")}`);
    if (Date.now() > deadline) throw new Error(`the page did not become ready within ${timeout} ms`);
    await page.waitForTimeout(100);
  }
  // Charts render asynchronously after the cell that creates them (those below the first screen once the page is
  // ready), and sections further down are computed then too (ui.ts Later): the tests judge the whole page.
  await page.waitForFunction(() => [...document.querySelectorAll("[data-chart]")].every((c) => (c as HTMLElement).dataset.marks !== undefined) && !document.querySelector("[data-pending=section]"), undefined, { timeout });
  // The Overview then prepares the other pages in the background (src/components/prepare.ts), saying so on a line
  // at its foot: the tests judge it once that is done (its long tasks stay under a quarter of a second, yet a
  // full-page screenshot taken meanwhile once waited past 30 s in a full run; not reproduced alone).
  await page.waitForFunction(() => !document.querySelector("[data-prepare]") || document.documentElement.dataset.prepared === "1", undefined, { timeout });
}

/** Framework error cells, and charts that drew no data marks. */
export async function pageDefects(page: Page) {
  return page.evaluate(() => ({
    errorCells: [...document.querySelectorAll(".observablehq--error")].map((e) => e.textContent ?? ""),
    emptyCharts: [...document.querySelectorAll("[data-chart]")]
      .filter((c) => Number((c as HTMLElement).dataset.marks) === 0)
      .map((c) => (c as HTMLElement).dataset.chart ?? "?"),
    charts: document.querySelectorAll("[data-chart]").length,
  }));
}

/** What the page's workbench measured and where it found its data (window.__workbenchTimings). */
export type WorkbenchTimings = Record<string, unknown> & { cached: { data: boolean; scores: boolean; live: boolean }; store?: string };
export const workbenchTimings = (page: Page) => page.evaluate(() => (globalThis as { __workbenchTimings?: unknown }).__workbenchTimings as WorkbenchTimings);

/** The kinds of copy ("data", "scores") this browser's IndexedDB holds (none when the store was never made). */
export const idbCopyKinds = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open("leadscore-workbench");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains("cache")) return resolve([]);
          const keys = db.transaction("cache").objectStore("cache").getAllKeys();
          keys.onsuccess = () => resolve((keys.result as string[]).map((k) => String(k).split("|")[1]).sort());
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
