/**
 * Issue 18: the warehouse dialects. Every built-in model version compiled
 * to one view over the three source tables (lib/scoring/warehouse.ts) parses
 * with node-sql-parser in its dialect, and the spellings that carry DuckDB's
 * semantics are there: ages from epoch differences (no DATE_DIFF/DATEDIFF
 * boundary counts), round ties away from zero, division as doubles guarded
 * by NULLIF, no FILTER where the engine lacks it, no DuckDB hash(), the
 * dialect's identifier quoting. (Executed outputs: test/pg/*.test.ts.)
 */
import { readdirSync, readFileSync } from "node:fs";
import NSP from "node-sql-parser";
import { describe, expect, it } from "vitest";
import { parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";
import { DEFAULT_SOURCES, featuresQuery, versionView } from "../../lib/scoring/warehouse.js";
import { DIALECTS, bigquery, call, col, div, lit, postgres, render, snowflake, agg, count } from "../../lib/sql/index.js";

const parser = new NSP.Parser();
const PARSER_DB: Record<string, string> = { duckdb: "PostgresQL", postgres: "PostgresQL", bigquery: "BigQuery", snowflake: "Snowflake" };

function builtIn(): Model[] {
  const files = [
    ...readdirSync("data/models").filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json")).map((f) => `data/models/${f}`),
    ...readdirSync("data/x-education/models").filter((f) => f.endsWith(".json")).map((f) => `data/x-education/models/${f}`),
  ];
  return files.map((f) => parseModel(JSON.parse(readFileSync(f, "utf8")), f));
}
const models = builtIn();

describe("each dialect's scoring SQL parses (node-sql-parser)", () => {
  it("has the built-in versions to check", () => expect(models.length).toBeGreaterThanOrEqual(4));
  for (const [name, dialect] of Object.entries(DIALECTS)) {
    it(`${name}: one view per built-in version, and the features query`, () => {
      for (const m of models) {
        const sql = render(versionView(m, `score_${m.version}`, DEFAULT_SOURCES), dialect);
        expect(() => parser.astify(sql, { database: PARSER_DB[name] }), `${name} ${m.id}@${m.version}`).not.toThrow();
        if (name !== "duckdb") {
          expect(sql).not.toMatch(/DATE_?DIFF|FILTER \(WHERE|\bhash\(|\/\/|epoch_ms|to_days/i);
        }
      }
      const f = render(featuresQuery(models, DEFAULT_SOURCES), dialect);
      expect(() => parser.astify(f, { database: PARSER_DB[name] })).not.toThrow();
    });
  }
  it("the parser rejects broken SQL (the check can fail)", () => {
    const sql = render(versionView(models[0], "v", DEFAULT_SOURCES), postgres);
    expect(() => parser.astify(sql.replace(" FROM ", " FROM FROM "), { database: "PostgresQL" })).toThrow();
  });
});

describe("dialect spellings", () => {
  it("quotes identifiers: backticks in BigQuery (and '@x' as _at_x), double quotes elsewhere", () => {
    expect(render(col("a`b", "t"), bigquery)).toBe("`t`.`a\\`b`");
    expect(render(col("@job__level"), bigquery)).toBe("`_at_job__level`");
    expect(render(col('a"b'), postgres)).toBe('"a""b"');
    expect(render(col('a"b'), snowflake)).toBe('"a""b"');
    expect(render(lit("a\\'b"), snowflake)).toBe("'a\\\\\\'b'");
    expect(render(lit("a\\'b"), postgres)).toBe("'a\\''b'");
  });
  it("round ties away from zero, division as doubles with NULLIF, no FILTER", () => {
    for (const d of [postgres, bigquery, snowflake]) {
      const r = render(call("round", col("x")), d);
      expect(r).toContain("THEN TRUNC(\"x\") + SIGN(\"x\")".replace(/"/g, d === bigquery ? "`" : '"'));
      expect(render(div(col("a"), col("b")), d)).toMatch(/^\(CAST\(.+ AS (DOUBLE PRECISION|FLOAT64|DOUBLE)\) \/ NULLIF\(.+, 0\)\)$/);
      expect(render(count(null, { filter: col("c") }), d)).toBe(`count((CASE WHEN ${render(col("c"), d)} THEN 1 END))`);
      expect(render(agg("min", [col("a")], { filter: col("c") }), d)).toBe(`min((CASE WHEN ${render(col("c"), d)} THEN ${render(col("a"), d)} END))`);
    }
  });
  it("ages are elapsed milliseconds, not boundary counts", () => {
    expect(render(call("epoch_ms", col("t")), postgres)).toBe('CAST(FLOOR(EXTRACT(EPOCH FROM "t") * 1000) AS BIGINT)');
    expect(render(call("epoch_ms", col("t")), bigquery)).toBe("UNIX_MILLIS(CAST(`t` AS TIMESTAMP))");
    expect(render(call("epoch_ms", col("t")), snowflake)).toBe('DATE_PART(EPOCH_MILLISECOND, "t")');
  });
  it("DuckDB's spellings are unchanged", () => {
    expect(render(div(col("a"), col("b")))).toBe('("a" / "b")');
    expect(render(count(null, { filter: col("c") }))).toBe('count(*) FILTER (WHERE "c")');
    expect(render(call("round", col("x")))).toBe('round("x")');
  });
});
