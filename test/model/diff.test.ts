/**
 * lib/model/diff: starting v1 → v2 (the checked-in files), by hand.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffModels, sameScoring } from "../../lib/model/diff.js";
import { parseModel } from "../../lib/model/parse.js";

const load = (v: number) => parseModel(JSON.parse(readFileSync(`data/models/starting-v${v}.json`, "utf8")), `starting-v${v}.json`);

describe("diffModels", () => {
  it("lists what changed from starting v1 to v2", () => {
    const d = diffModels(load(1), load(2));
    expect(d.from).toEqual({ id: "starting", version: 1 });
    expect(d.added.map((c) => c.id)).toEqual(["timeline_short"]);
    expect(d.removed).toEqual([]);
    expect(d.repointed).toEqual([
      { id: "email_opens", from: 5, to: 2 },
      { id: "pricing_page", from: 15, to: 20 },
    ]);
    expect(d.ruleChanged.map((r) => r.id)).toEqual(["email_opens"]);
    expect(d.ruleChanged[0].to).toMatchObject({ decay: { halfLifeDays: 7 }, maxCount: 10 });
    expect(d.relabelled).toEqual([{ id: "email_opens", field: "label", from: "Email opens, 5 points each (30 days)", to: "Email opens, 2 points each, fading (half-life 7 days)" }]);
    expect(d.thresholds).toEqual([{ name: "salesReady", from: 60, to: 65 }]);
    expect(d.caps).toEqual([{ scope: "group", name: "email", from: 30, to: 20 }]);
    expect(sameScoring(d)).toBe(false);
  });

  it("finds nothing between a model and itself, and sees removed criteria and caps", () => {
    const v1 = load(1);
    expect(sameScoring(diffModels(v1, v1))).toBe(true);
    const fewer = { ...v1, criteria: v1.criteria.slice(1), caps: undefined };
    const d = diffModels(v1, fewer);
    expect(d.removed.map((c) => c.id)).toEqual(["senior_title"]);
    expect(d.caps).toEqual([
      { scope: "category", name: "behaviour", from: 60, to: null },
      { scope: "group", name: "email", from: 30, to: null },
    ]);
  });
});
