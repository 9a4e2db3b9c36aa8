/**
 * Votes files: CSV and JSON, and each kind of bad input as a clear problem
 * naming file, row, column and value, with the other votes kept.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseModel } from "../../lib/model/parse.js";
import { exampleVotesFor, parseVotes, parseVotesCsv, parseVotesJson, problemText, voteTargets, votesFileBase } from "../../lib/workshop/index.js";

const base = parseModel(JSON.parse(readFileSync("data/models/starting-v2.json", "utf8")), "starting-v2.json");
const targets = voteTargets(base);

describe("voteTargets", () => {
  it("one target per points slot; bands voted per band", () => {
    expect(targets.map((t) => t.id).slice(0, 8)).toEqual(["senior_title", "director", "student", "company_size[0]", "company_size[1]", "company_size[2]", "company_size[3]", "company_size[missing]"]);
    expect(targets.find((t) => t.id === "company_size[1]")!.label).toBe("Company size (employees): [50, 200)");
    const clicks = targets.find((t) => t.id === "email_clicks")!;
    expect([clicks.unit, clicks.reach, clicks.basePoints]).toEqual(["points per activity", 4, 5]);
  });
  it("reads the base version from a votes file name", () => {
    expect(votesFileBase("workshop/starting-v2-votes.csv")).toEqual({ id: "starting", version: 2 });
    expect(votesFileBase("votes.csv")).toBeNull();
  });
  it("offers as examples only the votes files for a version the dataset has, and names the others with the reason", () => {
    const files = [{ file: "workshop/starting-v2-votes.csv" }, { file: "workshop/votes.csv" }, { file: "workshop/handmade-v1-votes.json" }];
    const sample = exampleVotesFor(files, [{ id: "starting", version: 1 }, { id: "starting", version: 2 }]);
    expect(sample.files).toEqual(files.slice(0, 2));
    expect(sample.others.map((o) => o.file)).toEqual(["workshop/handmade-v1-votes.json"]);
    const x = exampleVotesFor(files, [{ id: "handmade", version: 1 }]);
    expect(x.files.map((f) => f.file)).toEqual(["workshop/votes.csv", "workshop/handmade-v1-votes.json"]);
    expect(x.others).toEqual([{ file: "workshop/starting-v2-votes.csv", reason: "it is for starting v2, a version this dataset's models do not have" }]);
  });
});

describe("parseVotesCsv", () => {
  it("reads the columns in any order, quoted comments with commas, round defaulting to 1", () => {
    const csv = 'Points,Criterion,Participant,Comment\n30,demo_request,Ana,"strong, clear signal"\n-10,student,Ana,\n';
    const { votes, problems } = parseVotesCsv(csv, "v.csv", targets);
    expect(problems).toEqual([]);
    expect(votes).toEqual([
      { participant: "Ana", criterion: "demo_request", points: 30, comment: "strong, clear signal", round: 1 },
      { participant: "Ana", criterion: "student", points: -10, round: 1 },
    ]);
  });

  it("reports an unknown criterion with the known ids, and keeps the other votes", () => {
    const { votes, problems } = parseVotesCsv("participant,criterion,points\nAna,demo_request,30\nAna,golf_handicap,5\nBen,demo_request,20\n", "v.csv", targets);
    expect(votes.map((v) => v.participant)).toEqual(["Ana", "Ben"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "v.csv", row: 2, column: "criterion", value: "golf_handicap" });
    expect(problemText(problems[0])).toMatch(/^v\.csv: row 2, column "criterion": unknown criterion "golf_handicap": the base model has senior_title, director, student, company_size\[0\]/);
  });

  it("tells which band ids to use when a bands criterion is named without a band", () => {
    const { problems } = parseVotesCsv("participant,criterion,points\nAna,company_size,10\n", "v.csv", targets);
    expect(problems[0].message).toMatch(/keeps its points in bands; vote per band: company_size\[0\], .*company_size\[missing\]/);
  });

  it("reports non-numeric points", () => {
    const { votes, problems } = parseVotesCsv("participant,criterion,points\nAna,demo_request,lots\nBen,demo_request,\nCy,demo_request,1e1\n", "v.csv", targets);
    expect(votes).toEqual([{ participant: "Cy", criterion: "demo_request", points: 10, round: 1 }]);
    expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([[1, "points", "lots"], [2, "points", ""]]);
    expect(problems[0].message).toBe('points must be a number (e.g. 10 or -5); received "lots".');
  });

  it("reports a duplicate vote of one participant for one criterion in one round, keeping the first", () => {
    const csv = "participant,criterion,points,round\nAna,demo_request,30,1\nAna,demo_request,40,1\nAna,demo_request,35,2\n";
    const { votes, problems } = parseVotesCsv(csv, "v.csv", targets);
    expect(votes.map((v) => [v.points, v.round])).toEqual([[30, 1], [35, 2]]);
    expect(problems).toHaveLength(1);
    expect(problemText(problems[0])).toBe('v.csv: row 2, column "criterion": duplicate vote: Ana already voted for demo_request in round 1 (row 1); the first vote is kept. Delete one, or put the new one in round 2.');
  });

  it("reports a bad round and an empty participant", () => {
    const { votes, problems } = parseVotesCsv("participant,criterion,points,round\nAna,demo_request,30,second\n,demo_request,30,1\n", "v.csv", targets);
    expect(votes).toEqual([]);
    expect(problems.map((p) => p.column)).toEqual(["round", "participant"]);
  });

  it("reports an empty file, and a header without the required columns", () => {
    expect(parseVotesCsv("", "empty.csv", targets).problems.map(problemText)).toEqual(["empty.csv: the file holds no votes. Add one row per participant and criterion (participant,criterion,points)."]);
    expect(parseVotesCsv("participant,criterion,points\n", "h.csv", targets).problems[0].message).toMatch(/no votes/);
    const p = parseVotesCsv("name,criterion,score\nAna,demo_request,30\n", "h.csv", targets).problems[0];
    expect(p.message).toMatch(/the header lacks "participant", "points"/);
  });
});

describe("parseVotesJson", () => {
  it("reads an array of votes", () => {
    const { votes, problems } = parseVotesJson('[{"participant": "Ana", "criterion": "webinar", "points": 15, "round": 2, "comment": "ok"}]', "v.json", targets);
    expect(problems).toEqual([]);
    expect(votes).toEqual([{ participant: "Ana", criterion: "webinar", points: 15, comment: "ok", round: 2 }]);
  });
  it("reports bad items by number, and keeps the good ones", () => {
    const json = JSON.stringify([{ participant: "Ana", criterion: "webinar", points: 15 }, 42, { participant: "Ben", criterion: "webinar", points: "ten" }, { participant: "Cy", criterion: "nope", points: 1 }]);
    const { votes, problems } = parseVotesJson(json, "v.json", targets);
    expect(votes.map((v) => v.participant)).toEqual(["Ana"]);
    expect(problems.map((p) => [p.row, p.column])).toEqual([[2, null], [3, "points"], [4, "criterion"]]);
  });
  it("reports invalid JSON, a non-array and an empty array", () => {
    expect(parseVotesJson("[{", "v.json", targets).problems[0].message).toMatch(/^not valid JSON/);
    expect(parseVotesJson('{"a": 1}', "v.json", targets).problems[0].message).toMatch(/expected an array of votes/);
    expect(parseVotesJson("[]", "v.json", targets).problems[0].message).toMatch(/no votes/);
  });
  it("parseVotes picks the format from the content", () => {
    expect(parseVotes('[{"participant":"A","criterion":"webinar","points":1}]', "upload", targets).votes).toHaveLength(1);
    expect(parseVotes("participant,criterion,points\nA,webinar,1\n", "upload", targets).votes).toHaveLength(1);
  });
});

describe("the sample votes file", () => {
  it("data/workshop/starting-v2-votes.csv reads without problems: 8 participants, 2 rounds", () => {
    const file = "data/workshop/starting-v2-votes.csv";
    const { votes, problems } = parseVotes(readFileSync(file, "utf8"), file, targets);
    expect(problems).toEqual([]);
    expect(new Set(votes.map((v) => v.participant)).size).toBe(8);
    expect(votes.filter((v) => v.round === 1)).toHaveLength(8 * targets.length);
    expect(new Set(votes.filter((v) => v.round === 2).map((v) => v.criterion))).toEqual(new Set(["free_webmail", "pricing_page", "webinar", "email_opens"]));
  });
});
