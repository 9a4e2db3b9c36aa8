/**
 * Group weighting (METHODS.md §10): the 10/20 → 15 example, rounding, the
 * IQR flag, the drop rule, rounds.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseModel } from "../../lib/model/parse.js";
import { aggregateVotes, isDisputed, quantileSorted, roundPoints, voteStats, voteTargets, type Vote } from "../../lib/workshop/index.js";

const base = parseModel(JSON.parse(readFileSync("data/models/starting-v2.json", "utf8")), "starting-v2.json");
const targets = voteTargets(base);
const votes = (criterion: string, points: number[], round = 1): Vote[] => points.map((p, i) => ({ participant: `p${i + 1}`, criterion, points: p, round }));

describe("voteStats", () => {
  it("five votes of 10 and five of 20 give a mean of 15 (METHODS.md §10)", () => {
    const s = voteStats([10, 10, 10, 10, 10, 20, 20, 20, 20, 20]);
    expect(s.mean).toBe(15);
    expect(s.median).toBe(15);
    // R: quantile(c(rep(10,5), rep(20,5))) → 25 % 10, 75 % 20 (type 7)
    expect([s.q1, s.q3, s.iqr, s.min, s.max]).toEqual([10, 20, 10, 10, 20]);
  });
  it("quartiles are type 7 (R default)", () => {
    // R: quantile(c(1, 2, 3, 4), c(.25, .75)) → 1.75, 3.25
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantileSorted([7], 0.5)).toBe(7);
    expect(() => quantileSorted([], 0.5)).toThrow(/at least one value/);
  });
});

describe("roundPoints", () => {
  it("rounds halves away from zero, symmetric for negative criteria", () => {
    expect([12.5, -12.5, 12.4, -12.6, 0.4, -0.4, 11.25].map(roundPoints)).toEqual([13, -13, 12, -13, 0, 0, 11]);
  });
  it("treats binary noise just under a half as the half", () => {
    expect(roundPoints((0.1 + 0.2 + 0.3 + 0.4 + 0.2 + 0.3) * 5 / 6)).toBe(1); // 1.25 → 1
    expect(roundPoints(2.4999999999999996)).toBe(3);
  });
});

describe("aggregateVotes", () => {
  it("the consensus points are the rounded mean", () => {
    const a = aggregateVotes(votes("webinar", [10, 10, 10, 10, 10, 20, 20, 20, 20, 20]), targets);
    const t = a.targets.find((x) => x.target.id === "webinar")!;
    expect(t.final!.mean).toBe(15);
    expect(t.points).toBe(15);
    const b = aggregateVotes(votes("webinar", [10, 15, 10, 10]), targets).targets.find((x) => x.target.id === "webinar")!;
    expect(b.final!.mean).toBe(11.25);
    expect(b.points).toBe(11);
    const c = aggregateVotes(votes("student", [-10, -15]), targets).targets.find((x) => x.target.id === "student")!;
    expect(c.points).toBe(-13);
  });

  it("flags wide disagreement: IQR above the absolute floor and above relative × |median|", () => {
    const a = aggregateVotes(votes("webinar", [10, 10, 10, 10, 10, 20, 20, 20, 20, 20]), targets);
    expect(a.targets.find((x) => x.target.id === "webinar")!.disputed).toBe(true); // IQR 10 > 5 and > 7.5
    // IQR 10 on a median of 30: 10 < 0.5 × 30 → agreed
    expect(isDisputed({ n: 8, iqr: 10, median: 30 }, 1)).toBe(false);
    // small criterion: IQR 2 < 5 points → agreed, unless its reach (max count 10) makes it 20 points
    expect(isDisputed({ n: 8, iqr: 2, median: 1 }, 1)).toBe(false);
    expect(isDisputed({ n: 8, iqr: 2, median: 1 }, 10)).toBe(true);
    expect(isDisputed({ n: 1, iqr: 0, median: 10 }, 1)).toBe(false);
    expect(isDisputed({ n: 8, iqr: 10, median: 15 }, 1, { relative: 1, absolute: 5 })).toBe(false);
  });

  it("drops a criterion whose |mean| stays below the minimum, keeps strong negative ones", () => {
    const v = [...votes("industry_software", [5, 0, 5, 2]), ...votes("unsubscribed", [-20, -20, -15, -25]), ...votes("bounced", [-5, 0, -3, 0])];
    const a = aggregateVotes(v, targets, { minPoints: 5 });
    const status = Object.fromEntries(a.criteria.map((c) => [c.criterionId, c.status]));
    expect(status.industry_software).toBe("dropped"); // mean 3
    expect(status.bounced).toBe("dropped"); // mean −2
    expect(status.unsubscribed).toBe("kept");
    expect(status.demo_request).toBe("unvoted");
    expect(aggregateVotes(v, targets, { minPoints: 0 }).criteria.filter((c) => c.status === "dropped")).toEqual([]);
  });

  it("compares per-activity criteria on their reach (points × maxCount)", () => {
    // email_clicks: 5 points each, at most 4 → mean 2 per click reaches 8 points
    const a = aggregateVotes(votes("email_clicks", [2, 2, 2, 2]), targets, { minPoints: 5 });
    expect(a.criteria.find((c) => c.criterionId === "email_clicks")!.status).toBe("kept");
    const b = aggregateVotes(votes("email_clicks", [1, 1, 1, 1]), targets, { minPoints: 5 });
    expect(b.criteria.find((c) => c.criterionId === "email_clicks")!.status).toBe("dropped");
  });

  it("drops a bands criterion only when all its voted bands are below the minimum", () => {
    const v = [...votes("company_size[0]", [0, 0]), ...votes("company_size[3]", [15, 20])];
    const a = aggregateVotes(v, targets, { minPoints: 5 });
    const c = a.criteria.find((x) => x.criterionId === "company_size")!;
    expect(c.status).toBe("kept");
    expect(c.targets.map((t) => t.points)).toEqual([0, 5, 10, 18, 0]); // bands 1, 2 and missing not voted: base points
    const b = aggregateVotes(votes("company_size[0]", [0, 2]), targets, { minPoints: 5 });
    expect(b.criteria.find((x) => x.criterionId === "company_size")!.status).toBe("dropped");
  });

  it("round 2 replaces round 1 for the criteria it covers, both kept for display", () => {
    const v = [...votes("webinar", [10, 20, 10, 20]), ...votes("demo_request", [30, 30, 30, 30]), ...votes("webinar", [10, 15, 10, 10], 2)];
    const a = aggregateVotes(v, targets);
    const w = a.targets.find((x) => x.target.id === "webinar")!;
    expect(w.rounds.map((r) => [r.round, r.mean])).toEqual([[1, 15], [2, 11.25]]);
    expect(w.points).toBe(11);
    expect(w.rounds[0].disputed).toBe(true);
    expect(w.disputed).toBe(false);
    expect(a.targets.find((x) => x.target.id === "demo_request")!.points).toBe(30);
    expect(a.rounds).toEqual([1, 2]);
    expect(a.participants).toEqual(["p1", "p2", "p3", "p4"]);
  });

  it("refuses a negative minimum", () => {
    expect(() => aggregateVotes([], targets, { minPoints: -1 })).toThrow(/minPoints must be a number ≥ 0/);
  });
});
