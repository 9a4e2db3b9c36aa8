/**
 * lib/model: parseModel accepts the checked-in models and refuses each broken
 * rule with a message naming the file, the JSON path and the rule.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ModelError, formatPath, parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";

const read = (file: string) => JSON.parse(readFileSync(file, "utf8"));

function base(): Record<string, any> {
  return {
    id: "t",
    version: 3,
    parent: 2,
    status: "draft",
    effectiveFrom: "2024-01-01",
    author: "a",
    changeNote: "",
    dataset: { columns: { size: "number", level: "string", ok: "boolean" }, activityTypes: ["web_visit"] },
    criteria: [
      { id: "lvl", label: "", category: "fit", rule: { type: "equals", column: "level", value: "VP" }, points: 10 },
      { id: "ok", label: "", category: "fit", rule: { type: "flag", column: "ok" }, points: 1 },
      { id: "visits", label: "", category: "behaviour", rule: { type: "activityPoints", activity: "web_visit", withinDays: 30, maxCount: 5, decay: { halfLifeDays: 7 } }, points: 2 },
      { id: "recent", label: "", category: "behaviour", rule: { type: "recency", activity: "web_visit", bands: [{ lo: 0, hi: 7, points: 5 }, { lo: 7, hi: null, points: 1 }], never: { points: 0 } } },
      { id: "size", label: "", category: "fit", rule: { type: "bands", column: "size", bands: [{ lo: null, hi: 30, points: 0 }, { lo: 30, hi: 100, points: 5 }, { lo: 100, hi: null, points: 10 }], missing: { points: -1 } } },
    ],
    thresholds: { nurture: 10, salesReady: 20 },
  };
}

function errorOf(json: unknown, source = "models/v3.json"): string {
  try {
    parseModel(json, source);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return (e as Error).message;
  }
  throw new Error("expected parseModel to throw");
}

describe("parseModel", () => {
  it("accepts a valid model and the checked-in model files", () => {
    const m: Model = parseModel(base(), "base");
    expect(m.criteria).toHaveLength(5);
    for (const f of ["starting-v1", "starting-v2"]) {
      const json = read(`data/models/${f}.json`);
      expect(json.$schema).toBe("./model.schema.json");
      expect(parseModel(json, f).id).toBe("starting");
    }
  });

  it("refuses overlapping bands, naming file, path and value", () => {
    const j = base();
    j.criteria[4].rule.bands[1] = { lo: 25, hi: 100, points: 5 };
    expect(errorOf(j)).toMatch(/^models\/v3\.json: criteria\[4\]\.rule\.bands: bands overlap at 25: band 0 is \[-inf, 30\) and band 1 is \[25, 100\)\. Make each band end/);
  });

  it("refuses unsorted bands and misplaced open ends", () => {
    const j = base();
    j.criteria[4].rule.bands = [{ lo: 100, hi: 200, points: 1 }, { lo: 0, hi: 50, points: 2 }];
    expect(errorOf(j)).toMatch(/criteria\[4\]\.rule\.bands: bands are not sorted: band 1 starts at 0, before band 0/);
    j.criteria[4].rule.bands = [{ lo: 0, hi: null, points: 1 }, { lo: 50, hi: 60, points: 2 }];
    expect(errorOf(j)).toMatch(/criteria\[4\]\.rule\.bands\[0\]\.hi: only the last band may have hi: null/);
    j.criteria[3].rule.bands = [{ lo: 7, hi: 3, points: 1 }];
    expect(errorOf(j)).toMatch(/criteria\[3\]\.rule\.bands\[0\]: a band needs lo < hi; received \[7, 3\)/);
  });

  it("refuses duplicate criterion ids, case-insensitively, and reserved ids", () => {
    const j = base();
    j.criteria[2].id = "LVL";
    expect(errorOf(j)).toMatch(/criteria\[2\]\.id: duplicate criterion id "LVL" \(criteria\[0\] has "lvl"\)/);
    j.criteria[2].id = "Score";
    expect(errorOf(j)).toMatch(/criteria\[2\]\.id: criterion id "Score" is reserved/);
  });

  it("refuses non-integer points, missing points and points on band rules", () => {
    const j = base();
    j.criteria[0].points = 2.5;
    expect(errorOf(j)).toMatch(/criteria\[0\]\.points: points must be an integer from -1000000 to 1000000 \(negative allowed\); received 2\.5/);
    j.criteria[0].points = -3;
    j.criteria[4].rule.bands[0].points = 0.5;
    expect(errorOf(j)).toMatch(/criteria\[4\]\.rule\.bands\[0\]\.points: points must be an integer/);
    j.criteria[4].rule.bands[0].points = 0;
    j.criteria[4].points = 3;
    expect(errorOf(j)).toMatch(/criteria\[4\]\.points: a bands rule keeps its points in its bands; received points: 3\. Remove "points"/);
    delete j.criteria[4].points;
    delete j.criteria[1].points;
    expect(errorOf(j)).toMatch(/criteria\[1\]\.points: a flag rule needs integer "points"; received none/);
  });

  it("refuses inverted thresholds", () => {
    const j = base();
    j.thresholds = { nurture: 60, salesReady: 30 };
    expect(errorOf(j)).toBe("models/v3.json: thresholds: thresholds are inverted: nurture (60) must be below salesReady (30). Swap or fix them.");
  });

  it("refuses unknown columns and activity types, listing the declared ones", () => {
    const j = base();
    j.criteria[0].rule.column = "levle";
    expect(errorOf(j)).toBe(
      'models/v3.json: criteria[0].rule.column: unknown column "levle": dataset.columns declares "size", "level", "ok". Declare it in dataset.columns or fix the name.',
    );
    const k = base();
    k.criteria[2].rule.activity = "visit";
    expect(errorOf(k)).toMatch(/criteria\[2\]\.rule\.activity: unknown activity type "visit": dataset\.activityTypes declares "web_visit"/);
  });

  it("refuses rules that do not fit the column's kind", () => {
    const j = base();
    j.criteria[0].rule.value = 3;
    j.criteria[1].rule.column = "level";
    expect(errorOf(j)).toMatch(/criteria\[0\]\.rule\.value: column "level" is declared string, but the value 3 is a number/);
    expect(errorOf(j)).toMatch(/criteria\[1\]\.rule\.column: a flag rule needs a boolean column; "level" is declared string/);
  });

  it("refuses unknown keys, bad dates, unknown rule types, group mix-ups and bad caps", () => {
    const j = base();
    j.criteria[0].pionts = 3;
    j.effectiveFrom = "2024-02-30";
    j.criteria[1].rule.type = "flagged";
    expect(errorOf(j)).toMatch(/criteria\[0\]: Unrecognized key: "pionts"/);
    expect(errorOf(j)).toMatch(/effectiveFrom: expected a calendar date YYYY-MM-DD; received "2024-02-30"/);
    expect(errorOf(j)).toMatch(/criteria\[1\]\.rule\.type: unknown rule type "flagged"; use one of equals, in, notIn,/);
    const k = base();
    k.criteria[0].group = "g";
    k.criteria[2].group = "g";
    k.caps = { group: { h: 5 } };
    expect(errorOf(k)).toMatch(/criteria\[2\]\.group: group "g" mixes categories \(fit and behaviour\)/);
    expect(errorOf(k)).toMatch(/caps\.group\.h: cap for unknown group "h"/);
    const l = base();
    l.parent = 3;
    expect(errorOf(l)).toMatch(/parent: parent \(3\) must be an earlier version than version \(3\)/);
  });

  it("formats JSON paths the way a reader writes them", () => {
    expect(formatPath(["criteria", 4, "rule", "bands"])).toBe("criteria[4].rule.bands");
    expect(formatPath(["dataset", "columns", "job level"])).toBe('dataset.columns["job level"]');
    expect(formatPath([])).toBe("");
  });
});
