/**
 * Prints the built report page to PDF with headless Chromium, so that the
 * published report also exists as a file anyone can open from disk (a
 * browser will not run the site's ES modules from file:// URLs).
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Writes <site>/report.pdf; returns null, or why no PDF was written. */
export async function printReportPdf(site: string): Promise<string | null> {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)`;
  const { chromium } = await import("playwright-core");
  const { serve } = await import("./static-server.js");
  const server = await serve(site, 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const outside: string[] = [];
    page.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== new URL(server.url).origin) outside.push(u);
    });
    await page.goto(`${server.url}/report`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === "1" || document.querySelector(".observablehq--error"), undefined, { timeout: 180_000 });
    const errors = await page.evaluate(() => [...document.querySelectorAll(".observablehq--error")].map((e) => e.textContent));
    if (errors.length) return `the report page shows errors: ${errors.join("; ")}`;
    if (outside.length) return `the report page asked another origin: ${outside.join(", ")}`;
    // Every chart drawn (those further down the page are drawn once it is idle, src/components/chart.ts).
    await page.waitForFunction(() => [...document.querySelectorAll("[data-chart]")].every((c) => (c as HTMLElement).dataset.marks !== undefined), undefined, { timeout: 120_000 });
    await page.waitForTimeout(500);
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: path.join(site, "report.pdf"), format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
    return null;
  } finally {
    await browser.close();
    await server.close();
  }
}
