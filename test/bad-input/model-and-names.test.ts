/**
 * Issue 16, items 4 and 10–14: names that must not collide, model files that
 * validated but did not score, and the one CSV writer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField } from "../../cli/commands/score.js";
import { openNativeDb } from "../../lib/db/native.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { csvCell, csvText } from "../../lib/export/csv.js";
import { MAX_JSON_CHARS, parseJsonFiles } from "../../lib/json-files.js";
import { ModelError, parseModel } from "../../lib/model/parse.js";
import { MAX_CRITERIA } from "../../lib/model/schema.js";
import { attrColumn, featureName, parseFeatureName, type FeatureSpec } from "../../lib/scoring/features.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { scoreLeadReference } from "../../lib/scoring/reference.js";
import { createTable } from "../scoring/fixture.js";
import { dropCanonical } from "../../lib/canonical.js";

// Two activity types that differ only in case and whose old feature keys share
// one FNV-1a 32-bit hash (94a82584), found by a birthday search over case variants.
const A = "emaiLoPeNeDcamPAignx";
const B = "emailOpEnEdcAmpAIgnx";

const base = (extra: Record<string, unknown>) => ({
  id: "m", version: 1, parent: null, status: "draft", effectiveFrom: "2024-01-01", author: "t", changeNote: "",
  dataset: { columns: { src: "string" }, activityTypes: [A, B] },
  thresholds: { nurture: 5, salesReady: 50 },
  ...extra,
});

function issueOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return (e as Error).message;
  }
  throw new Error("no error");
}

describe("feature names are injective (item 4)", () => {
  it("activity types differing only in case get different feature names", () => {
    const a: FeatureSpec = { kind: "count", activity: A, withinDays: 30 };
    const b: FeatureSpec = { kind: "count", activity: B, withinDays: 30 };
    expect(featureName(a).toLowerCase()).not.toBe(featureName(b).toLowerCase());
    expect(attrColumn("Source").toLowerCase()).not.toBe(attrColumn("source").toLowerCase());
  });
  it("every name decodes back to its spec", () => {
    const specs: FeatureSpec[] = [
      { kind: "count", activity: "web_visit", withinDays: 30 },
      { kind: "count", activity: "_a__b_", withinDays: 7 },
      { kind: "decayedCount", activity: "Émail Öpen \u202e", withinDays: 30, halfLifeDays: 7.5 },
      { kind: "lastAge", activity: "x_h1" },
      { kind: "lastWeight", activity: "a_u0045", halfLifeDays: 1e-7 },
    ];
    for (const s of specs) {
      expect(featureName(s)).toMatch(/^[a-z0-9_]+$/);
      expect(parseFeatureName(featureName(s))).toEqual(s);
    }
    expect(new Set(specs.map(featureName)).size).toBe(specs.length);
  });
});

describe("scoring with colliding names and prototype keys (items 4, 11), both engines", () => {
  let wasm: Db;
  let native: Db;
  beforeAll(async () => {
    wasm = await openWasmDb();
    native = await openNativeDb({ threads: 1 });
  });
  afterAll(async () => {
    await wasm?.close();
    await native?.close();
  });

  const model = () =>
    parseModel(
      base({
        criteria: [
          { id: "a", label: "A", category: "behaviour", rule: { type: "activityCount", activity: A, withinDays: 30, min: 1 }, points: 10 },
          { id: "b", label: "B", category: "behaviour", rule: { type: "activityCount", activity: B, withinDays: 30, min: 1 }, points: 1 },
          { id: "g1", label: "toString group", category: "fit", group: "toString", rule: { type: "equals", column: "src", value: "x" }, points: 3 },
          { id: "g2", label: "proto group", category: "fit", group: "__proto__", rule: { type: "equals", column: "src", value: "x" }, points: 100 },
        ],
        caps: { group: JSON.parse('{"__proto__": 20}') },
      }),
      "collide.json",
    );

  for (const engine of ["wasm", "native"] as const) {
    it(`${engine}: each criterion reads its own activity type; toString has no cap, __proto__ is capped at 20`, async () => {
      const db = engine === "wasm" ? wasm : native;
      await dropCanonical(db);
      await createTable(db, "leads", [["lead_id", "VARCHAR"], ["created_at", "TIMESTAMP"], ["src", "VARCHAR"]], [
        ["L1", "2024-01-01 00:00:00", "x"],
        ["L2", "2024-01-01 00:00:00", null],
        ["L3", "2024-01-01 00:00:00", null],
      ]);
      await createTable(db, "activities", [["lead_id", "VARCHAR"], ["activity_type", "VARCHAR"], ["occurred_at", "TIMESTAMP"]], [
        ["L1", A, "2024-01-02 00:00:00"],
        ["L2", B, "2024-01-02 00:00:00"],
      ]);
      const m = model();
      const r = await recompute(db, [m], { rows: true });
      const rows = r.versions[0].rows!.map((x) => [x.lead_id, x.score]).sort();
      // L1: A (10) + toString group 3 + __proto__ group min(100, 20) = 33; L2: B (1); L3: 0.
      expect(rows).toEqual([["L1", 33], ["L2", 1], ["L3", 0]]);
      const ref = scoreLeadReference(m, { src: "x" }, [{ activity_type: A, occurred_at: "2024-01-02 00:00:00" }], "2024-01-20 00:00:00");
      expect(ref.score).toBe(33);
    });
  }
});

describe("model files that validated but did not score (items 10–13)", () => {
  it(`more than ${MAX_CRITERIA} criteria are refused at parse time with the path`, () => {
    const criteria = Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, label: "", category: "fit", rule: { type: "present", column: "src" }, points: 1 }));
    const msg = issueOf(() => parseModel(base({ criteria }), "big.json"));
    expect(msg).toContain("big.json: criteria: 2000 criteria; a model may have at most 500");
  });
  it("deeply nested JSON is refused naming the file and the JSON path", () => {
    const deep = JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    const msg = issueOf(() => parseModel(base({ criteria: [], changeNote: deep }), "deep.json"));
    expect(msg).toMatch(/^deep\.json: changeNote(\[0\]){63}: the JSON nests deeper than 64 levels/);
  });
  it("a NUL in an equals value is refused at parse time", () => {
    const criteria = [{ id: "c", label: "", category: "fit", rule: { type: "equals", column: "src", value: "a\u0000b" }, points: 1 }];
    const msg = issueOf(() => parseModel(base({ criteria }), "nul.json"));
    expect(msg).toContain("nul.json: criteria[0].rule.value: a value must not contain the NUL character");
  });
  it("an in list over 10,000 values is refused, and a file over 5 MB is refused before parsing", () => {
    const criteria = [{ id: "c", label: "", category: "fit", rule: { type: "in", column: "src", values: Array.from({ length: 10_001 }, (_, i) => `v${i}`) }, points: 1 }];
    expect(issueOf(() => parseModel(base({ criteria }), "list.json"))).toContain("list.json: criteria[0].rule.values: a list may have at most 10000 values; received 10001");
    const text = `{"criteria": [${'"x",'.repeat(MAX_JSON_CHARS / 4)}"x"]}`;
    const t0 = performance.now();
    const [e] = parseJsonFiles([{ file: "huge.json", text }], parseModel);
    expect(e.ok).toBe(false);
    expect(!e.ok && e.error).toMatch(/^huge\.json: the file is 5\.0 MB; the limit for a JSON file is 5 MB/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it(`${MAX_CRITERIA} criteria still score`, async () => {
    const criteria = Array.from({ length: MAX_CRITERIA }, (_, i) => ({ id: `c${i}`, label: "", category: i % 2 ? "fit" : "behaviour", group: `g${i % 7}x${i % 2}`, rule: { type: "equals", column: "src", value: "x" }, points: 1 }));
    const m = parseModel(base({ criteria }), "500.json");
    const db = await openWasmDb();
    try {
      await createTable(db, "leads", [["lead_id", "VARCHAR"], ["created_at", "TIMESTAMP"], ["src", "VARCHAR"]], [["L1", "2024-01-01 00:00:00", "x"]]);
      const r = await recompute(db, [m], { rows: true });
      expect(r.versions[0].rows![0].score).toBe(MAX_CRITERIA);
    } finally {
      await db.close();
    }
  });
});

describe("one CSV writer for every export (item 14)", () => {
  it("neutralises formulas (OWASP) and quotes (RFC 4180)", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvCell("@SUM(1+1)")).toBe("'@SUM(1+1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("-3.5")).toBe("-3.5");
    expect(csvCell(-4)).toBe("-4");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvText(["id", "v"], [["=1", 2], ["a\nb", "c"]])).toBe(`id,v\n'=1,2\n"a\nb",c\n`);
  });
  it("leadscore score --format csv writes cells through it", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});
