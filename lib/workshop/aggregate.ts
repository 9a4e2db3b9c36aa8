/**
 * Group weighting of workshop votes (METHODS.md §10): per target the votes
 * of each round summarised (n, mean, median, IQR, min, max), the consensus
 * points = the mean of the latest round rounded to whole points, a
 * disagreement flag, and the drop rule.
 *
 * Rounds: for each target the latest round with votes for it counts; a
 * round-2 vote on some targets replaces round 1 for those targets only. All
 * rounds are kept for display.
 *
 * Disagreement (a second-round candidate): the latest round's IQR exceeds
 * both an absolute floor and a share of the median:
 *   IQR · reach > absolute  and  IQR > relative · |median|
 * (defaults absolute = 5 points, relative = 0.5; reach from targets.ts). The
 * absolute floor keeps a 1–3 point spread on a small criterion from being
 * "disputed"; the relative part keeps a 10-point spread on a 40-point
 * criterion quiet. Five votes of 10 and five of 20: IQR 10 > 5 and > 7.5 →
 * disputed. Needs at least 2 votes.
 *
 * Drop rule: a criterion is dropped when it was voted on and every voted
 * target's |mean| · reach stays below minPoints (default 0: nothing is
 * dropped). A bands criterion is dropped only as a whole: a 0-point band is
 * part of its scale. A criterion nobody voted on keeps the base points.
 */
import { roundPoints, voteStats, type VoteStats } from "./stats.js";
import type { VoteTarget } from "./targets.js";
import type { Vote } from "./votes.js";

export interface DisagreementRule {
  /** IQR above this share of |median| … */
  relative: number;
  /** … and IQR · reach above these points. */
  absolute: number;
}

export const DEFAULT_DISAGREEMENT: DisagreementRule = { relative: 0.5, absolute: 5 };

export interface AggregateOptions {
  /** Drop a criterion whose |mean| · reach stays below this (default 0). */
  minPoints?: number;
  disagreement?: Partial<DisagreementRule>;
}

export interface RoundSummary extends VoteStats {
  round: number;
  votes: Vote[];
  /** The mean rounded to whole points (halves away from zero). */
  points: number;
  disputed: boolean;
}

export interface TargetSummary {
  target: VoteTarget;
  /** Every round with votes for this target, in round order. */
  rounds: RoundSummary[];
  /** The latest round (the one that counts), or null when nobody voted. */
  final: RoundSummary | null;
  /** Consensus points: final.points, or the base points when nobody voted. */
  points: number;
  disputed: boolean;
  /** |mean| · reach < minPoints. */
  belowMinimum: boolean;
}

export interface CriterionOutcome {
  criterionId: string;
  targets: TargetSummary[];
  /** kept; dropped by the minimum; unvoted (base points kept). */
  status: "kept" | "dropped" | "unvoted";
  disputed: boolean;
}

export interface Aggregation {
  targets: TargetSummary[];
  criteria: CriterionOutcome[];
  /** Participants in order of first appearance. */
  participants: string[];
  /** Rounds present, ascending. */
  rounds: number[];
  minPoints: number;
  disagreement: DisagreementRule;
}

/**
 * Is a round's spread wide enough to call for another round? (rule above)
 * @example isDisputed({ n: 10, iqr: 10, median: 15 }, 1) // => true
 */
export function isDisputed(s: Pick<VoteStats, "n" | "iqr" | "median">, reach: number, rule: DisagreementRule = DEFAULT_DISAGREEMENT): boolean {
  return s.n >= 2 && s.iqr * reach > rule.absolute && s.iqr > rule.relative * Math.abs(s.median);
}

/**
 * Summarises checked votes (read.ts) per target and per criterion. Votes for
 * ids that are not targets are ignored (the readers already report them).
 * @throws when minPoints or a disagreement threshold is negative or not finite.
 * @example aggregateVotes(votes, voteTargets(base), { minPoints: 5 }).criteria.filter((c) => c.status === "dropped")
 */
export function aggregateVotes(votes: readonly Vote[], targets: readonly VoteTarget[], options: AggregateOptions = {}): Aggregation {
  const minPoints = options.minPoints ?? 0;
  const rule = { ...DEFAULT_DISAGREEMENT, ...options.disagreement };
  for (const [name, v] of [["minPoints", minPoints], ["disagreement.relative", rule.relative], ["disagreement.absolute", rule.absolute]] as const)
    if (!(Number.isFinite(v) && v >= 0)) throw new Error(`aggregateVotes: ${name} must be a number ≥ 0; received ${v}.`);
  const participants: string[] = [];
  const rounds = new Set<number>();
  const byTarget = new Map<string, Map<number, Vote[]>>();
  for (const v of votes) {
    if (!participants.includes(v.participant)) participants.push(v.participant);
    rounds.add(v.round);
    const m = byTarget.get(v.criterion) ?? new Map<number, Vote[]>();
    m.set(v.round, [...(m.get(v.round) ?? []), v]);
    byTarget.set(v.criterion, m);
  }
  const summaries: TargetSummary[] = targets.map((target) => {
    const m = byTarget.get(target.id) ?? new Map<number, Vote[]>();
    const rs: RoundSummary[] = [...m.keys()].sort((a, b) => a - b).map((round) => {
      const vs = m.get(round)!;
      const stats = voteStats(vs.map((v) => v.points));
      return { round, votes: vs, ...stats, points: roundPoints(stats.mean), disputed: isDisputed(stats, target.reach, rule) };
    });
    const final = rs.at(-1) ?? null;
    return {
      target,
      rounds: rs,
      final,
      points: final ? final.points : target.basePoints,
      disputed: final?.disputed ?? false,
      belowMinimum: final !== null && Math.abs(final.mean) * target.reach < minPoints,
    };
  });
  const criteria: CriterionOutcome[] = [];
  for (const s of summaries) {
    let c = criteria.find((x) => x.criterionId === s.target.criterionId);
    if (!c) criteria.push((c = { criterionId: s.target.criterionId, targets: [], status: "unvoted", disputed: false }));
    c.targets.push(s);
  }
  for (const c of criteria) {
    const voted = c.targets.filter((t) => t.final !== null);
    c.status = voted.length === 0 ? "unvoted" : voted.every((t) => t.belowMinimum) ? "dropped" : "kept";
    c.disputed = voted.some((t) => t.disputed);
  }
  return { targets: summaries, criteria, participants, rounds: [...rounds].sort((a, b) => a - b), minPoints, disagreement: rule };
}
