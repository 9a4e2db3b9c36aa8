/**
 * Where the Workshop page's votes come from: the example file for the base
 * version, an uploaded file, or the grid; and the counts its headline shows.
 */
import type { Aggregation } from "./aggregate.js";
import { parseVotes } from "./read.js";
import { votesFileBase, type VoteTarget } from "./targets.js";
import type { ParsedVotes, Vote } from "./votes.js";

export const VOTE_SOURCES = ["Example votes", "Upload a file", "Enter in a grid"] as const;
export type VoteSource = (typeof VOTE_SOURCES)[number];

const none = (): ParsedVotes => ({ votes: [], problems: [] });

/**
 * The example votes file for a base version: one named <id>-v<version>-votes.csv
 * (or .json) for it, else one that names no version, else null.
 * @example exampleFileFor([{ file: "workshop/votes.csv", text: "" }], { id: "starting", version: 2 })?.file // "workshop/votes.csv"
 */
export function exampleFileFor<F extends { file: string }>(files: readonly F[], base: { id: string; version: number }): F | null {
  return files.find((f) => { const b = votesFileBase(f.file); return b && b.id === base.id && b.version === base.version; }) ?? files.find((f) => !votesFileBase(f.file)) ?? null;
}

/** The example file's votes for the targets (none without a file). */
export function exampleVotes(example: { file: string; text: string } | null, targets: readonly VoteTarget[]): ParsedVotes {
  return example ? parseVotes(example.text, example.file, targets) : none();
}

/**
 * The votes of the chosen source: the parsed example, the uploaded file parsed
 * (none until a file is chosen), or the grid's votes (no problems: the grid
 * only offers valid cells).
 */
export function votesOf(source: VoteSource, o: { example: ParsedVotes; uploaded: { file: string; text: string } | null; grid: Vote[]; targets: readonly VoteTarget[] }): ParsedVotes {
  if (source === "Example votes") return o.example;
  if (source === "Upload a file") return o.uploaded ? parseVotes(o.uploaded.text, o.uploaded.file, o.targets) : none();
  return { votes: o.grid, problems: [] };
}

/** What the headline counts: votes (all rounds), criteria still disputed and dropped. */
export function voteCounts(agg: Pick<Aggregation, "targets" | "criteria">) {
  const dropped = agg.criteria.filter((c) => c.status === "dropped");
  const disputed = agg.criteria.filter((c) => c.status !== "dropped" && c.disputed);
  const votes = agg.targets.reduce((s, t) => s + t.rounds.reduce((a, r) => a + r.n, 0), 0);
  const revoted = agg.targets.filter((t) => t.rounds.length > 1).length;
  return { votes, dropped, disputed, revoted };
}
