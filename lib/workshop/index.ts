/** The scoring workshop: votes, their group weighting, the consensus draft model, and the data fit to hold it against. */
export { voteTargets, targetId, votesFileBase, exampleVotesFor, type VoteTarget } from "./targets.js";
export { checkVotes, problemText, type Vote, type VoteProblem, type ParsedVotes, type RawVote } from "./votes.js";
export { parseVotes, parseVotesCsv, parseVotesJson } from "./read.js";
export { quantileSorted, roundPoints, voteStats, type VoteStats } from "./stats.js";
export { aggregateVotes, isDisputed, DEFAULT_DISAGREEMENT, type AggregateOptions, type Aggregation, type CriterionOutcome, type DisagreementRule, type RoundSummary, type TargetSummary } from "./aggregate.js";
export { consensusModel, consensusNote, type Consensus, type ConsensusOptions } from "./consensus.js";
export { compareWithFit, fitFromUnits, fitToData, matchTierShares, withSlotPoints, type DataFit, type FitComparison, type FittedTarget } from "./against-data.js";
export { calibrateVersions, scoreOnFeatures, type ScoredVersion } from "./score.js";
export { VOTE_SOURCES, exampleFileFor, exampleVotes, votesOf, voteCounts, type VoteSource } from "./source.js";
export { consensusVerdict } from "./verdict.js";
