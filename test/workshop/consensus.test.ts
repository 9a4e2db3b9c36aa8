/**
 * The consensus draft model: schema-valid (parseModel), version = max + 1,
 * parent = base, draft, dropped criteria removed, change note with the vote
 * summary; the sample workshop's figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseModel } from "../../lib/model/parse.js";
import { aggregateVotes, consensusModel, parseVotes, voteTargets, type Vote } from "../../lib/workshop/index.js";

const load = (f: string) => parseModel(JSON.parse(readFileSync(f, "utf8")), f);
const v1 = load("data/models/starting-v1.json");
const v2 = load("data/models/starting-v2.json");
const targets = voteTargets(v2);
const file = "data/workshop/starting-v2-votes.csv";
const sample = parseVotes(readFileSync(file, "utf8"), file, targets).votes;

describe("consensusModel on the sample workshop", () => {
  const agg = aggregateVotes(sample, targets, { minPoints: 5 });
  const c = consensusModel(v2, agg, { versions: [v1, v2, { id: "other", version: 9 }], effectiveFrom: "2025-06-01" });

  it("round 1 flags exactly the criteria revoted in round 2", () => {
    const r1 = agg.targets.filter((t) => t.rounds[0]?.disputed).map((t) => t.target.id);
    expect(r1.sort()).toEqual(["email_opens", "free_webmail", "pricing_page", "webinar"]);
  });

  it("passes parseModel, as draft version 3 with parent 2", () => {
    expect(() => parseModel(JSON.parse(JSON.stringify(c.model)), "round trip")).not.toThrow();
    expect([c.model.id, c.model.version, c.model.parent, c.model.status, c.model.effectiveFrom]).toEqual(["starting", 3, 2, "draft", "2025-06-01"]);
    expect(c.model.probabilityMap).toBeUndefined();
  });

  it("drops industry_software (mean 3) and bounced (mean −2.1), keeps the rest with rounded means", () => {
    expect(c.dropped).toEqual(["industry_software", "bounced"]);
    expect(c.model.criteria.map((x) => x.id)).not.toContain("bounced");
    const pts = Object.fromEntries(c.model.criteria.map((x) => [x.id, x.points]));
    // webinar round 2: 10,10,10,15,10,15,10,10 → 11.25 → 11; pricing page round 2: 20,20,20,25,25,20,25,25 → 22.5 → 23
    expect(pts.webinar).toBe(11);
    expect(pts.pricing_page).toBe(23);
    expect(pts.free_webmail).toBe(-7); // −6.875
    expect(pts.email_opens).toBe(1); // 0.75
    expect(pts.senior_title).toBe(21); // 20.625
    const size = c.model.criteria.find((x) => x.id === "company_size")!.rule;
    expect(size.type === "bands" && [...size.bands.map((b) => b.points), size.missing.points]).toEqual([0, 6, 11, 18, -1]);
  });

  it("writes the vote summary into the change note", () => {
    expect(c.model.changeNote).toMatch(/^Workshop consensus from starting v2: 8 participants \(Anna \(marketing\), /);
    expect(c.model.changeNote).toMatch(/208 votes in 2 round\(s\); revoted in a later round: free_webmail, email_opens, pricing_page, webinar\./);
    expect(c.model.changeNote).toMatch(/Dropped \(\|mean\| below 5 points\): industry_software, bounced\./);
    expect(c.model.changeNote).toMatch(/Still disputed \(IQR > 5 points and > 0.5 × \|median\|\): email_opens\./); // 0,0,0,1,1,1,1,2 per open: IQR 1 × 10 opens
  });
});

describe("consensusModel rules", () => {
  const vote = (criterion: string, points: number[]): Vote[] => points.map((p, i) => ({ participant: `p${i}`, criterion, points: p, round: 1 }));

  it("keeps the base points of criteria nobody voted on, and lists them", () => {
    const c = consensusModel(v2, aggregateVotes(vote("webinar", [15, 15]), targets));
    expect(c.unvoted).toContain("demo_request");
    expect(c.model.criteria.find((x) => x.id === "demo_request")!.points).toBe(30);
    expect(c.model.criteria.find((x) => x.id === "webinar")!.points).toBe(15);
    expect(c.model.changeNote).toMatch(/Not voted on \(base points kept\): senior_title, /);
  });

  it("removes the cap of a group whose criteria were all dropped", () => {
    const c = consensusModel(v2, aggregateVotes([...vote("email_opens", [0, 0]), ...vote("email_clicks", [0, 1])], targets, { minPoints: 5 }));
    expect(c.dropped).toEqual(["email_opens", "email_clicks"]);
    expect(c.model.caps).toEqual({ category: { behaviour: 60 } });
  });

  it("refuses to drop every criterion", () => {
    const all = targets.flatMap((t) => vote(t.id, [0, 0]));
    expect(() => consensusModel(v2, aggregateVotes(all, targets, { minPoints: 5 }))).toThrow(/every criterion fell below the minimum of 5 points.*Lower the minimum/);
  });
});
