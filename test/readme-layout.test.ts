/**
 * The README's layout table matches the tree (issue 17): every top-level
 * folder of the repository and every folder and module directly under lib/
 * is named in the table, and every path the table names exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Made by tools, not kept in git. */
const GENERATED = new Set(["node_modules", "dist", "test-results", "coverage"]);

/** The backticked paths of the first column of the table under "| path | what |". */
export function layoutPaths(readme: string): string[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.startsWith("| path | what |"));
  if (start < 0) throw new Error("README: no layout table (| path | what |)");
  const rows: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith("|")) break;
    const first = l.split("|")[1];
    for (const m of first.matchAll(/`([^`]+)`/g)) rows.push(m[1]);
  }
  return rows;
}

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const named = layoutPaths(readme);
const norm = (p: string) => p.replace(/\/$/, "");

describe("README layout table", () => {
  it("reads the table's paths (so an empty comparison means something)", () => {
    expect(named.length).toBeGreaterThan(10);
    expect(layoutPaths("| path | what |\n| --- | --- |\n| `a/` | x |\n| `b.ts`, `c/` | y |\n\nafter")).toEqual(["a/", "b.ts", "c/"]);
  });

  it("names every top-level folder and every folder and module directly under lib/", () => {
    const top = readdirSync(ROOT).filter((f) => !f.startsWith(".") && !GENERATED.has(f) && statSync(path.join(ROOT, f)).isDirectory()).map((f) => `${f}`);
    const lib = readdirSync(path.join(ROOT, "lib")).filter((f) => !f.startsWith(".")).map((f) => `lib/${f}`);
    const set = new Set(named.map(norm));
    // A top-level folder counts as named when the table names it or a path inside it (`bin/leadscore.js`).
    const missing = [...top.filter((f) => !named.some((p) => norm(p) === f || p.startsWith(`${f}/`))), ...lib.filter((p) => !set.has(p))];
    expect(missing, "add these to the README's layout table").toEqual([]);
  });

  it("every path it names exists", () => {
    const gone = named.filter((p) => !existsSync(path.join(ROOT, p)));
    expect(gone, "these paths of the README's layout table are not in the tree").toEqual([]);
  });
});
