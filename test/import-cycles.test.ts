/**
 * No import circle among lib/, cli/ and src/components/: every relative import
 * that exists at run time (static, `export … from`, side-effect and dynamic
 * `import("…")`; `import type` / `export type` are erased by TypeScript and
 * left out) is followed, and any strongly connected group of modules fails
 * the test with the circle spelled out.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const FOLDERS = ["lib", "cli", "src/components"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [realpathSync(full)] : [];
  });
}

/** Relative module specifiers a source text loads at run time (comments and type-only imports removed first). */
export function relativeImports(text: string): string[] {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1")
    .replace(/\b(?:import|export)\s+type\s[^;]*?\sfrom\s*["'][^"']+["']/g, "");
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^"'`;]*?\sfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) if (m[1].startsWith(".")) found.push(m[1]);
  return found;
}

/** The file a relative specifier names (`.js` written for a `.ts` file), or null when outside the tree. */
function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), `${base}.ts`, path.join(base, "index.ts")];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return realpathSync(c);
  return null;
}

/** Tarjan's strongly connected components with more than one module (or a module importing itself). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe("import cycles", () => {
  it("finds a circle in a small graph, and none in a tree (the check itself)", () => {
    const g = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]], ["e", ["e"]]]);
    expect(cycles(g)).toEqual([["a", "b", "c"], ["e"]]);
    expect(cycles(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
    expect(relativeImports(`import type { A } from "./a.js";\nimport { type E, f } from "./e.js";\nexport { b } from "../b.js";\nexport type { G } from "./g.js";\n// import "./no.js"\nconst c = await import("./c.js");\nimport "./d.js";\nimport x from "node:fs";`)).toEqual(["./e.js", "../b.js", "./d.js", "./c.js"]);
  });

  it("lib/, cli/ and src/components/ import each other without a circle", () => {
    const files = FOLDERS.flatMap((f) => sourceFiles(path.join(ROOT, f)));
    expect(files.length).toBeGreaterThan(100);
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const deps = relativeImports(readFileSync(file, "utf8")).map((s) => resolve(file, s)).filter((d): d is string => d !== null);
      graph.set(file, deps);
    }
    const found = cycles(graph).map((group) => group.map((f) => path.relative(ROOT, f)).join(" ↔ "));
    expect(found).toEqual([]);
  });
});
