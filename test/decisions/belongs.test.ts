/**
 * Decision files belong to one dataset (lib/decisions splitByDataset): a file
 * naming its dataset shows only with that dataset; a file naming none shows
 * only where every version it mentions exists; the others are listed apart
 * with the reason; invalid files keep their error in the log. The shipped
 * decision file names the bundled sample.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftReview, parseReview, parseReviewFiles, splitByDataset, type ReviewEntry } from "../../lib/decisions/index.js";
import { parseDatasetDescription } from "../../lib/dataset/index.js";

const base = { date: "2025-07-15", attendees: ["Ann"], versionsReviewed: ["starting@2"], decision: { type: "keep" }, nextReview: "2026-01-15" };
const entry = (file: string, json: object): ReviewEntry => ({ file, ok: true, review: parseReview(json, file) });
const sampleModels = [{ id: "starting", version: 1 }, { id: "starting", version: 2 }];
const xedModels = [{ id: "handmade", version: 1 }];

describe("splitByDataset", () => {
  const named = entry("a.json", { ...base, dataset: "Sample" });
  const unnamed = entry("b.json", base);
  const adopt = entry("c.json", { ...base, versionsReviewed: ["handmade@1"], decision: { type: "adopt", version: "handmade@2" } });
  const invalid: ReviewEntry = { file: "d.json", ok: false, error: "d.json: date: bad" };

  it("keeps a file naming this dataset, whatever its versions", () => {
    expect(splitByDataset([named], { dataset: "Sample", models: [] })).toEqual({ entries: [named], others: [] });
  });

  it("sets apart a file naming another dataset, with both names", () => {
    const r = splitByDataset([named], { dataset: "x-education", models: sampleModels });
    expect(r.entries).toEqual([]);
    expect(r.others).toEqual([{ file: "a.json", reason: 'it is for the dataset "Sample", not "x-education"' }]);
  });

  it("keeps a file naming no dataset when every version it names exists, else names the missing ones", () => {
    expect(splitByDataset([unnamed], { dataset: "Sample", models: sampleModels }).entries).toEqual([unnamed]);
    const r = splitByDataset([unnamed, adopt], { dataset: "x-education", models: xedModels });
    expect(r.entries).toEqual([]);
    expect(r.others.map((o) => o.file)).toEqual(["b.json", "c.json"]);
    expect(r.others[0].reason).toContain("a version this dataset's models do not have (starting@2)");
    // The version of an adopt decision counts too.
    expect(r.others[1].reason).toContain("(handmade@2)");
    expect(r.others[1].reason).toContain('add "dataset": "x-education"');
  });

  it("keeps an invalid file in the log with its error", () => {
    expect(splitByDataset([invalid], { dataset: "x-education", models: xedModels }).entries).toEqual([invalid]);
  });

  it("the shipped decision files belong to the bundled sample and to no other dataset", () => {
    const sample = parseDatasetDescription(JSON.parse(readFileSync("data/sample.dataset.json", "utf8")), "data/sample.dataset.json");
    const shipped = parseReviewFiles(readdirSync("data/reviews").filter((f) => f.endsWith(".json")).map((f) => ({ file: f, text: readFileSync(`data/reviews/${f}`, "utf8") })));
    expect(shipped.length).toBeGreaterThan(0);
    for (const e of shipped) expect(e.ok && e.review.dataset).toBe(sample.name);
    expect(splitByDataset(shipped, { dataset: sample.name, models: sampleModels }).entries).toHaveLength(shipped.length);
    expect(splitByDataset(shipped, { dataset: "x-education", models: xedModels }).others).toHaveLength(shipped.length);
  });
});

describe("parseReview: dataset", () => {
  it("accepts a dataset name and refuses an empty one", () => {
    expect(parseReview({ ...base, dataset: "x-education" }, "f.json").dataset).toBe("x-education");
    expect(() => parseReview({ ...base, dataset: "" }, "f.json")).toThrow(/f\.json: dataset: /);
  });

  it("a drafted decision records its dataset", () => {
    const r = draftReview({ dataset: "x-education", date: "2026-01-05", attendees: "Ann", versionsReviewed: ["handmade@1"], figures: {}, decision: "keep", nextReview: "2026-07-05" });
    expect(r.ok && r.review.dataset).toBe("x-education");
    expect(r.ok && JSON.parse(r.text).dataset).toBe("x-education");
  });
});
