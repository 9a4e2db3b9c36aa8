/**
 * Guard for issue 17 ("one builder, one renderer, one quoting rule"): SQL text
 * is assembled only inside lib/sql. Everywhere else (lib/, cli/, src/ with its
 * pages and data loaders, scripts/, bench/) statements are built as lib/sql
 * trees and turned into text by render(); and only lib/sql imports
 * lib/sql/quote.ts or its quoting functions (quoteIdent, quoteString,
 * renderNumber), so render() is their only caller.
 *
 * Tests under test/ are exempt on purpose: they keep independent, hand-written
 * reference SQL to check the builder against.
 *
 * The scanner (sql-guard.ts) parses code with the TypeScript compiler: comments
 * do not count, escapes are decoded, template parts and `+` chains are joined
 * before matching. The self-tests below show it flags known bad snippets and
 * passes clean ones, so the guard cannot pass by being blind.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listFiles, looksLikeSql, scanCode, scanFile, scanMarkdown, type Finding } from "./sql-guard.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCANNED = ["lib", "cli", "src", "scripts", "bench"];
const ALLOWED_DIR = "lib/sql/";

const scan = (code: string, file = "lib/x/y.ts") => scanCode(code, file, ROOT);
const kinds = (fs: Finding[]) => fs.map((f) => f.kind);

describe("the scanner flags known bad snippets (self-test)", () => {
  it("flags SQL in string literals, templates and + chains, upper or lower case", () => {
    const bad = [
      'db.query("SELECT count(*) AS n FROM leads")',
      "db.query(`SELECT ${cols} FROM ${t} WHERE x = 1`)",
      'const s = "SEL" + "ECT a " + "FR" + "OM leads";',
      "const s = `SEL${''}ECT 1`;",
      'const s = "\\x53ELECT 1";',
      "const s = 'select * from leads';",
      'db.exec(`UPDATE leads SET "a" = NULL WHERE b`)',
      'db.exec("update leads set a = 1")',
      'db.exec("DELETE FROM t WHERE kind = 1")',
      'db.exec("insert into t values (1)")',
      "db.exec(`CREATE OR REPLACE VIEW v AS ${sel}`)",
      'db.exec("create table t (a INTEGER)")',
      'db.exec("DROP TABLE IF EXISTS t")',
      'db.exec("ALTER TABLE t ADD COLUMN c INTEGER")',
      "const e = `CASE WHEN ${a} THEN 1 END`;",
      "const e = `case when x then 1 end`;",
      "const e = `count(*) FILTER (WHERE tier = 'a')`;",
      "const e = `row_number() OVER (PARTITION BY a ORDER BY b)`;",
      "const w = `WITH d AS (${x}) ${y}`;",
      "const c = `COPY (${q}) TO 'f.csv'`;",
      "const c = `COPY FROM DATABASE mem TO kept`;",
      'db.exec("SET threads = 2")',
      'db.exec("LOAD httpfs")',
      'const p = String.raw`SELECT 1`;',
      "const f = (x) => `${x} IS NOT NULL`;",
      "const r = `read_csv('a.csv')`;",
      "const q = `${v.sql} LIMIT ${n} OFFSET ${k}`;",
    ];
    for (const code of bad) expect(kinds(scan(code)), code).toContain("sql-text");
  });

  it("flags imports of lib/sql/quote.ts and of its functions, however written", () => {
    const bad: [string, string][] = [
      ['import { quoteIdent } from "../sql/quote.js";', "lib/workbench/a.ts"],
      ['import { quoteString as q } from "../../lib/sql/quote";', "cli/commands/a.ts"],
      ['import * as Q from "./lib/sql/quote.js";', "src/a.ts"],
      ['export { quoteIdent } from "../sql/quote.js";', "lib/x/a.ts"],
      ['const m = await import("../sql/quote.js");', "lib/x/a.ts"],
      ['import { render, quoteIdent } from "../sql/index.js";', "lib/x/a.ts"],
      ['import { renderNumber as n } from "../../lib/sql/index.js";', "bench/a.ts"],
      ['import * as sql from "../sql/index.js"; sql.quoteIdent("a");', "lib/x/a.ts"],
    ];
    for (const [code, file] of bad) expect(kinds(scan(code, file)), code).toContain("quote-import");
  });

  it("reads Markdown pages: code blocks and inline expressions, not prose", () => {
    const page = [
      "# Leads",
      "Select a version from the list; the table shows SELECT-free prose.",
      "```js",
      'const r = await db.query("SELECT 1 AS x");',
      "```",
      "Shown: ${(await db.query(`SELECT 2`)).length}",
      "```sql",
      "select 3",
      "```",
    ].join("\n");
    const found = scanMarkdown(page, "src/p.md", ROOT);
    expect(found.map((f) => f.line)).toEqual([4, 6, 8]);
  });

  it("passes clean code: render() calls, comments, prose strings", () => {
    const clean = [
      'import { col, render, select, table } from "../sql/index.js";\nawait db.query(render(select({ columns: [{ expr: col("a"), as: "a" }], from: table("leads") })));',
      "// SELECT count(*) FROM leads — a comment is not SQL text\nconst x = 1;",
      "/** CREATE TABLE in a doc comment */ export const y = 2;",
      'throw new Error("select a version from the list first");',
      'const label = "Won deals from the CRM";',
      'const env = process.env.FROM_DATA_PARTS ?? "xed";',
      'console.log("LOAD PHASE (own tab): generate data");',
      'const route = "attach + COPY FROM DATABASE + checkpoint + detach";',
      'const label = "plain read_csv (auto-detect, typed)";',
      'const s = `${n} leads from ${m} companies`;',
      'type T = import("../sql/ast.js").Expr;',
    ];
    for (const code of clean) expect(scan(code), code).toEqual([]);
    expect(looksLikeSql("Update the model, then set the thresholds.")).toBe(false);
  });

  it("the real scan reaches the folders it claims (so an empty result means something)", () => {
    const files = listFiles(ROOT, SCANNED);
    for (const d of SCANNED) expect(files.some((f) => f.startsWith(`${d}/`)), d).toBe(true);
    expect(files.some((f) => f.startsWith("src/lib/")), "src/lib is a link to lib: not walked twice").toBe(false);
    expect(files.filter((f) => f.startsWith(ALLOWED_DIR)).length).toBeGreaterThan(0);
    // lib/sql itself does hold SQL text: the scanner sees it there
    const inside = files.filter((f) => f.startsWith(ALLOWED_DIR)).flatMap((f) => scanFile(ROOT, f));
    expect(inside.some((f) => f.kind === "sql-text")).toBe(true);
  });
});

describe("no SQL text outside lib/sql (issue 17)", () => {
  const files = listFiles(ROOT, SCANNED).filter((f) => !f.startsWith(ALLOWED_DIR));
  const findings = files.flatMap((f) => scanFile(ROOT, f));
  const show = (fs: Finding[]) => fs.map((f) => `${f.file}:${f.line}  ${f.text}`).join("\n");

  it("no string or template outside lib/sql assembles SQL text", () => {
    const sql = findings.filter((f) => f.kind === "sql-text");
    expect(sql, `SQL text outside lib/sql (build it with lib/sql and render()):\n${show(sql)}`).toEqual([]);
  });

  it("only lib/sql imports lib/sql/quote.ts or its quoting functions", () => {
    const imports = findings.filter((f) => f.kind === "quote-import");
    expect(imports, `quote.ts used outside lib/sql (go through render()):\n${show(imports)}`).toEqual([]);
  });
});
