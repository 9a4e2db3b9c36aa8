/** `leadscore suggest` run in-process on the bundled sample: output, the draft file, JSON, and exit codes. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main.js";
import { parseModel } from "../../lib/model/parse.js";

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (stdout += `${a.join(" ")}\n`));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (stderr += `${a.join(" ")}\n`));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), "suggest-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("leadscore suggest", () => {
  it("prints diagnostics, points, thresholds, comparison and verdict, and writes the draft (exit 0)", async () => {
    const out = path.join(dir, "draft.json");
    const r = await run("suggest", "--version", "starting@2", "--replicates", "20", "--min-points", "3", "--capacity", "20", "--out", out);
    expect(r.stderr).toMatch(/wrote .*draft\.json \(starting@3, draft\)/);
    expect(r.code).toBe(0);
    for (const heading of ["Diagnostics", "Suggested points", "Thresholds", "Test period", "Verdict: "]) expect(r.stdout).toContain(heading);
    expect(r.stdout).toMatch(/sales-ready by capacity .*20\.0 leads\/week \(given\)/);
    const draft = parseModel(JSON.parse(readFileSync(out, "utf8")), out);
    expect(draft).toMatchObject({ id: "starting", version: 3, parent: 2, status: "draft" });
  }, 120_000);

  it("prints one JSON object with --json", async () => {
    const r = await run("suggest", "--version", "starting@2", "--replicates", "4", "--json", "--add-candidates", "lead_source", "--split", "2025-06-01");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.split).toMatchObject({ kind: "date", date: "2025-06-01" });
    expect(j.draft.criteria.some((c: { rule: { column?: string } }) => c.rule.column === "lead_source")).toBe(true);
    expect(typeof j.comparison.verdict).toBe("string");
  }, 120_000);

  it("exits 2 on a wrong command line", async () => {
    expect((await run("suggest", "--split", "June")).code).toBe(2);
    expect((await run("suggest", "--min-points", "-1")).code).toBe(2);
    expect((await run("suggest", "--target-win-rate", "30")).code).toBe(2);
    expect((await run("suggest", "--version", "starting@1", "--version", "starting@2")).code).toBe(2);
    expect((await run("suggest", "--version", "nope@9")).code).toBe(2);
  });

  it("exits 1 when the dataset is missing", async () => {
    const r = await run("suggest", "--dataset", path.join(dir, "absent.dataset.json"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not found/);
  });
});
