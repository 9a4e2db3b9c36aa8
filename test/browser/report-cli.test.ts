/**
 * `leadscore report --out DIR` on the bundled sample: a static site with the
 * report page, summary.json with the report's figures, and report.pdf printed
 * by Chromium (to open from disk).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("builds the site, writes summary.json and prints report.pdf", () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "report-")), "site");
  const r = spawnSync("node", ["bin/leadscore.js", "report", "--out", out], { encoding: "utf8", env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" } });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(existsSync(path.join(out, "report.html"))).toBe(true);
  expect(existsSync(path.join(out, "index.html"))).toBe(true);
  const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"));
  expect(summary.kind).toBe("leadscore-report");
  const text = JSON.stringify(summary);
  expect(text).toContain("starting");
  const pdf = readFileSync(path.join(out, "report.pdf"));
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(3);
}, 900_000);
