/**
 * The decision-log format (lib/decisions): every schema error names the file
 * and the JSON path; invalid files keep their error while the others load;
 * the log sorts newest first; the form's draft round-trips through the parser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeDecision, draftReview, lastReviewDate, parseReview, parseReviewFiles, ReviewError, sortNewestFirst } from "../../lib/decisions/index.js";

const valid = {
  date: "2025-07-15",
  attendees: ["Ann", "Bo"],
  versionsReviewed: ["starting@2"],
  figures: { auc: 0.76, note: "x", missing: null },
  decision: { type: "keep" },
  nextReview: "2026-01-15",
};

function errorOf(json: unknown, file = "reviews/x.json"): string {
  try {
    parseReview(json, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ReviewError);
    return (e as Error).message;
  }
  throw new Error("expected a ReviewError");
}

describe("parseReview", () => {
  it("accepts a valid decision and fills figures with {} when absent", () => {
    expect(parseReview(valid, "f.json").decision).toEqual({ type: "keep" });
    const { figures: _, ...noFigures } = valid;
    expect(parseReview(noFigures, "f.json").figures).toEqual({});
  });

  it("names the file and the JSON path of each problem", () => {
    expect(errorOf({ ...valid, date: "2025-02-30" })).toBe('reviews/x.json: date: expected a calendar date YYYY-MM-DD; received "2025-02-30".');
    expect(errorOf({ ...valid, versionsReviewed: ["starting"] })).toMatch(/^reviews\/x\.json: versionsReviewed\[0\]: expected a version as ID@N/);
    expect(errorOf({ ...valid, decision: { type: "rerun", weeks: 0 } })).toMatch(/^reviews\/x\.json: decision\.weeks: /);
    expect(errorOf({ ...valid, decision: { type: "rerun", weeks: 2.5 } })).toContain("decision.weeks: weeks must be a whole number from 1 to 52; received 2.5.");
    expect(errorOf({ ...valid, decision: { type: "fire everyone" } })).toContain('reviews/x.json: decision.type: decision.type must be "adopt", "move-threshold", "keep" or "rerun"; received "fire everyone".');
    expect(errorOf({ ...valid, decision: { type: "move-threshold", version: "starting@2" } })).toContain("reviews/x.json: decision: move-threshold needs nurture, salesReady or both");
    expect(errorOf({ ...valid, decision: { type: "move-threshold", version: "starting@2", nurture: 70, salesReady: 60 } })).toContain("decision.salesReady: nurture must be below salesReady.");
    expect(errorOf({ ...valid, nextReview: "2025-07-01" })).toBe("reviews/x.json: nextReview: nextReview must be after date.");
    expect(errorOf({ ...valid, attendees: [] })).toBe("reviews/x.json: attendees: attendees must name at least one person.");
    expect(errorOf({ ...valid, figures: { auc: Number.POSITIVE_INFINITY } })).toMatch(/^reviews\/x\.json: figures\.auc: /);
    expect(errorOf({ ...valid, extra: 1 })).toMatch(/^reviews\/x\.json: \(root\): .*extra/);
  });

  it("lists every problem, one line each", () => {
    const message = errorOf({ ...valid, date: "yesterday", attendees: "Ann" });
    expect(message.split("\n")).toHaveLength(2);
    expect(message).toContain("reviews/x.json: date: ");
    expect(message).toContain("reviews/x.json: attendees: ");
  });
});

describe("parseReviewFiles and the log", () => {
  const files = [
    { file: "reviews/2025-01-29-review.json", text: JSON.stringify({ ...valid, date: "2025-01-29", nextReview: "2025-07-29" }) },
    { file: "reviews/2025-03-01-broken.json", text: "{ not json" },
    { file: "reviews/2025-07-15-review.json", text: JSON.stringify({ ...valid, decision: { type: "adopt", version: "ground-truth@1" } }) },
    { file: "reviews/2025-05-01-bad.json", text: JSON.stringify({ ...valid, date: "2025-05-01", decision: { type: "rerun" } }) },
  ];
  const entries = parseReviewFiles(files);

  it("keeps each invalid file's error, naming the file, and loads the others", () => {
    expect(entries.map((e) => e.ok)).toEqual([true, false, true, false]);
    const broken = entries[1];
    expect(!broken.ok && broken.error).toMatch(/^reviews\/2025-03-01-broken\.json: not valid JSON: /);
    const bad = entries[3];
    expect(!bad.ok && bad.error).toMatch(/^reviews\/2025-05-01-bad\.json: decision\.weeks: /);
  });

  it("sorts newest first, invalid files placed by the date in their name", () => {
    expect(sortNewestFirst(entries).map((e) => e.file)).toEqual([
      "reviews/2025-07-15-review.json", "reviews/2025-05-01-bad.json", "reviews/2025-03-01-broken.json", "reviews/2025-01-29-review.json",
    ]);
  });

  it("lastReviewDate takes the newest valid review on or before asOf", () => {
    expect(lastReviewDate(entries, "2026-01-01")).toBe("2025-07-15");
    expect(lastReviewDate(entries, "2025-07-14")).toBe("2025-01-29");
    expect(lastReviewDate(entries, "2024-12-31")).toBeUndefined();
  });

  it("describes decisions in words", () => {
    expect(describeDecision({ type: "adopt", version: "ground-truth@1" })).toBe("adopt ground-truth@1");
    expect(describeDecision({ type: "move-threshold", version: "starting@2", salesReady: 70 })).toBe("move sales-ready to 70 (starting@2)");
    expect(describeDecision({ type: "rerun", weeks: 1 })).toBe("re-run the review in 1 week");
    expect(describeDecision({ type: "keep" })).toBe("keep the current version");
  });

  it("every file shipped in data/reviews/ is valid", () => {
    const shipped = readdirSync("data/reviews").filter((f) => f.endsWith(".json"));
    expect(shipped.length).toBeGreaterThan(0);
    for (const e of parseReviewFiles(shipped.map((f) => ({ file: f, text: readFileSync(`data/reviews/${f}`, "utf8") })))) expect(e).toMatchObject({ ok: true });
  });
});

describe("draftReview (the page's form)", () => {
  const fields = { date: "2026-01-05", attendees: "Ann, Bo\nCy", versionsReviewed: ["starting@2"], figures: { auc: 0.77 }, decision: "move-threshold" as const, version: "starting@2", salesReady: 70, nextReview: "2026-02-02", notes: " raise the bar " };

  it("drafts a file that parses back to the same decision", () => {
    const r = draftReview(fields);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const back = parseReview(JSON.parse(r.text), "back.json");
    expect(back).toEqual(r.review);
    expect(back.attendees).toEqual(["Ann", "Bo", "Cy"]);
    expect(back.decision).toEqual({ type: "move-threshold", version: "starting@2", salesReady: 70 });
    expect(back.notes).toBe("raise the bar");
    expect(r.text.endsWith("}\n")).toBe(true);
  });

  it("reports the first problem with the file name it would get", () => {
    const r = draftReview({ ...fields, attendees: " , " });
    expect(r).toEqual({ ok: false, error: "2026-01-05-review.json: attendees: attendees must name at least one person." });
  });
});
