import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseModel } from "../../lib/model/parse.js";
import { aggregateVotes, exampleFileFor, exampleVotes, parseVotes, voteCounts, votesOf, voteTargets } from "../../lib/workshop/index.js";

const v2 = parseModel(JSON.parse(readFileSync("data/models/starting-v2.json", "utf8")), "starting-v2.json");
const targets = voteTargets(v2);
const text = readFileSync("data/workshop/starting-v2-votes.csv", "utf8");

describe("where the Workshop page's votes come from", () => {
  it("takes the example named for the base version, else one naming no version", () => {
    const files = [{ file: "workshop/starting-v1-votes.csv", text: "" }, { file: "workshop/votes.csv", text: "" }, { file: "workshop/starting-v2-votes.csv", text }];
    expect(exampleFileFor(files, { id: "starting", version: 2 })?.file).toBe("workshop/starting-v2-votes.csv");
    expect(exampleFileFor(files, { id: "starting", version: 3 })?.file).toBe("workshop/votes.csv");
    expect(exampleFileFor(files.slice(0, 1), { id: "starting", version: 3 })).toBeNull();
  });

  it("reads the chosen source: example, upload (none until chosen) or grid", () => {
    const example = exampleVotes({ file: "starting-v2-votes.csv", text }, targets);
    expect(example).toEqual(parseVotes(text, "starting-v2-votes.csv", targets));
    expect(exampleVotes(null, targets)).toEqual({ votes: [], problems: [] });
    const o = { example, uploaded: null, grid: example.votes.slice(0, 3), targets };
    expect(votesOf("Example votes", o)).toBe(example);
    expect(votesOf("Upload a file", o)).toEqual({ votes: [], problems: [] });
    expect(votesOf("Upload a file", { ...o, uploaded: { file: "x.csv", text: "participant,criterion,points\nAnn,nope,3\n" } }).problems.length).toBeGreaterThan(0);
    expect(votesOf("Enter in a grid", o)).toEqual({ votes: example.votes.slice(0, 3), problems: [] });
  });

  it("counts votes over every round, disputed and dropped criteria as the aggregation says", () => {
    const votes = parseVotes(text, "starting-v2-votes.csv", targets).votes;
    const agg = aggregateVotes(votes, targets, { minPoints: 5, disagreement: { relative: 0.5, absolute: 5 } });
    const n = voteCounts(agg);
    expect(n.votes).toBe(votes.length);
    expect(n.dropped.map((c) => c.criterionId)).toEqual(agg.criteria.filter((c) => c.status === "dropped").map((c) => c.criterionId));
    expect(n.disputed.every((c) => c.disputed && c.status !== "dropped")).toBe(true);
    expect(n.revoted).toBe(agg.targets.filter((t) => t.rounds.length > 1).length);
    expect(voteCounts(aggregateVotes([], targets))).toMatchObject({ votes: 0, dropped: [], disputed: [], revoted: 0 });
  });
});
