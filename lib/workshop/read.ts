/**
 * Reads a votes file (CSV or JSON, see votes.ts) into checked votes and
 * problems. Never throws on bad input: a file that cannot be read at all is
 * one problem with no votes.
 */
import { detectDelimiter, parseCsvText } from "../dataset/csv.js";
import type { VoteTarget } from "./targets.js";
import { checkVotes, type ParsedVotes, type RawVote } from "./votes.js";

const FIELDS = ["participant", "criterion", "points", "comment", "round"] as const;
const REQUIRED = ["participant", "criterion", "points"] as const;
type Field = (typeof FIELDS)[number];

/**
 * CSV votes: a header naming participant, criterion, points (and optionally
 * comment, round) in any order, case-insensitive; RFC 4180 quoting (a comment
 * may hold commas inside quotes); the delimiter , ; tab or | is detected.
 * Rows are numbered from 1 after the header.
 * @example parseVotesCsv("participant,criterion,points\nana,demo_request,30\n", "v.csv", targets).votes // => [{participant: "ana", criterion: "demo_request", points: 30, round: 1}]
 */
export function parseVotesCsv(text: string, file: string, targets: readonly VoteTarget[]): ParsedVotes {
  const body = text.replace(/^\uFEFF/, "");
  if (!body.trim()) return checkVotes([], targets, file);
  const { rows, complete } = parseCsvText(body, detectDelimiter(body));
  const [header, ...data] = rows;
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((f) => !names.includes(f));
  if (missing.length)
    return {
      votes: [],
      problems: [{ file, row: null, column: missing[0], value: header.join(","), message: `the header lacks ${missing.map((m) => JSON.stringify(m)).join(", ")}; it must name participant, criterion, points (and optionally comment, round). Received header ${JSON.stringify(header.join(","))}.` }],
    };
  const at = new Map<Field, number>();
  for (const f of FIELDS) if (names.includes(f)) at.set(f, names.indexOf(f));
  const raw: RawVote[] = data.map((cells, i) => {
    const r: RawVote = { row: i + 1 };
    for (const [f, k] of at) r[f] = cells[k];
    return r;
  });
  const out = checkVotes(raw, targets, file);
  if (!complete) out.problems.push({ file, row: data.length, column: null, value: null, message: "the file ends inside a quoted field (an opening \" is never closed); the last row may be cut. Close the quote." });
  return out;
}

/**
 * JSON votes: an array of objects {participant, criterion, points, comment?,
 * round?}; items are numbered from 1. Numbers and strings are both accepted
 * for points and round (strings are checked like CSV cells).
 */
export function parseVotesJson(text: string, file: string, targets: readonly VoteTarget[]): ParsedVotes {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { votes: [], problems: [{ file, row: null, column: null, value: null, message: `not valid JSON: ${(e as Error).message}. Check the brackets and commas.` }] };
  }
  if (!Array.isArray(json))
    return { votes: [], problems: [{ file, row: null, column: null, value: null, message: `expected an array of votes [{participant, criterion, points}, …]; received ${json === null ? "null" : typeof json}.` }] };
  const raw: RawVote[] = [];
  const problems: ParsedVotes["problems"] = [];
  json.forEach((item: unknown, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      problems.push({ file, row: i + 1, column: null, value: JSON.stringify(item) ?? null, message: "each vote must be an object {participant, criterion, points}." });
      return;
    }
    const o = item as Record<string, unknown>;
    const text = (v: unknown) => (v === undefined || v === null ? undefined : typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v));
    const r: RawVote = { row: i + 1 };
    for (const f of FIELDS) r[f] = text(o[f]);
    raw.push(r);
  });
  const out = checkVotes(raw, targets, file);
  if (json.length === 0) return out;
  return { votes: out.votes, problems: [...problems, ...out.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
}

/**
 * A votes file by its content: JSON when the first non-blank character is
 * "[" (or the name ends in .json), CSV otherwise.
 */
export function parseVotes(text: string, file: string, targets: readonly VoteTarget[]): ParsedVotes {
  const json = /\.json$/i.test(file) || /^\s*\[/.test(text.replace(/^\uFEFF/, ""));
  return json ? parseVotesJson(text.replace(/^\uFEFF/, ""), file, targets) : parseVotesCsv(text, file, targets);
}
