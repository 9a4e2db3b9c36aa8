/**
 * The votes format and its row checks, shared by the CSV and JSON readers.
 *
 * A vote: one participant's points for one target (criterion or band, see
 * targets.ts) in one round.
 *   CSV   header participant,criterion,points[,comment][,round] (any order,
 *         case-insensitive), one vote per row
 *   JSON  [{"participant": "…", "criterion": "…", "points": 10, "comment"?: "…", "round"?: 2}, …]
 * Round defaults to 1. Points are any finite number (they are averaged, then
 * rounded). Bad rows are reported as problems and left out; every other vote
 * is kept, so one typo never loses a workshop.
 */
import type { VoteTarget } from "./targets.js";

export interface Vote {
  participant: string;
  /** A target id (targets.ts): a criterion id, or `criterion[band]`. */
  criterion: string;
  points: number;
  comment?: string;
  /** 1, 2, …; a later round replaces the earlier ones for the targets it covers. */
  round: number;
}

export interface VoteProblem {
  file: string;
  /** CSV data row (1-based, after the header) or JSON item (1-based); null for the whole file. */
  row: number | null;
  column: string | null;
  /** The value as received, or null. */
  value: string | null;
  message: string;
}

export interface ParsedVotes {
  votes: Vote[];
  problems: VoteProblem[];
}

/** One problem as a line: `votes.csv: row 4, column "points": …`. */
export function problemText(p: VoteProblem): string {
  const where = [p.row === null ? null : `row ${p.row}`, p.column === null ? null : `column ${JSON.stringify(p.column)}`].filter(Boolean).join(", ");
  return `${p.file}: ${where ? `${where}: ` : ""}${p.message}`;
}

/** A row as read from a file, before checks: every field as text (or undefined when absent). */
export interface RawVote {
  row: number;
  participant?: string;
  criterion?: string;
  points?: string;
  comment?: string;
  round?: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks raw rows against the targets and returns the valid votes and one
 * problem per bad row (the first problem of the row). Rules: participant and
 * criterion not empty; criterion one of the target ids (exact spelling; a
 * bands criterion named without a band is told which band ids exist);
 * points a finite number; round a whole number ≥ 1 (empty = 1); one vote per
 * participant, target and round (a later duplicate is reported, the first
 * kept); no rows at all is a problem too.
 */
export function checkVotes(raw: readonly RawVote[], targets: readonly VoteTarget[], file: string): ParsedVotes {
  const ids = new Set(targets.map((t) => t.id));
  const known = targets.map((t) => t.id).join(", ");
  const byCriterion = new Map<string, string[]>();
  for (const t of targets) if (t.band !== null) byCriterion.set(t.criterionId, [...(byCriterion.get(t.criterionId) ?? []), t.id]);
  const votes: Vote[] = [];
  const problems: VoteProblem[] = [];
  const firstRow = new Map<string, number>();
  if (raw.length === 0) problems.push({ file, row: null, column: null, value: null, message: "the file holds no votes. Add one row per participant and criterion (participant,criterion,points)." });
  for (const r of raw) {
    const bad = (column: string, value: string | undefined, message: string) => problems.push({ file, row: r.row, column, value: value ?? null, message });
    const participant = (r.participant ?? "").trim();
    const criterion = (r.criterion ?? "").trim();
    const pointsText = (r.points ?? "").trim();
    const roundText = (r.round ?? "").trim();
    if (!participant) {
      bad("participant", r.participant, "the participant is empty. Give every vote a participant name.");
      continue;
    }
    if (!ids.has(criterion)) {
      const bands = byCriterion.get(criterion);
      if (!criterion) bad("criterion", r.criterion, `the criterion is empty. Use one of: ${known}.`);
      else if (bands) bad("criterion", r.criterion, `${JSON.stringify(criterion)} keeps its points in bands; vote per band: ${bands.join(", ")}.`);
      else bad("criterion", r.criterion, `unknown criterion ${JSON.stringify(criterion)}: the base model has ${known}. Fix the id or add the criterion to the model first.`);
      continue;
    }
    const points = NUMBER.test(pointsText) ? Number(pointsText) : NaN;
    if (!Number.isFinite(points)) {
      bad("points", r.points, `points must be a number (e.g. 10 or -5); received ${JSON.stringify(r.points ?? "")}.`);
      continue;
    }
    const round = roundText === "" ? 1 : NUMBER.test(roundText) ? Number(roundText) : NaN;
    if (!(Number.isInteger(round) && round >= 1)) {
      bad("round", r.round, `round must be a whole number from 1 (empty = 1); received ${JSON.stringify(r.round)}.`);
      continue;
    }
    const key = JSON.stringify([participant, criterion, round]);
    const first = firstRow.get(key);
    if (first !== undefined) {
      bad("criterion", r.criterion, `duplicate vote: ${participant} already voted for ${criterion} in round ${round} (row ${first}); the first vote is kept. Delete one, or put the new one in round ${round + 1}.`);
      continue;
    }
    firstRow.set(key, r.row);
    const comment = (r.comment ?? "").trim();
    votes.push(comment ? { participant, criterion, points, comment, round } : { participant, criterion, points, round });
  }
  return { votes, problems };
}
