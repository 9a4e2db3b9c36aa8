/**
 * The Workshop page's parts, each drawn from figures of lib/workshop and
 * lib/workbench: the page (src/workshop.md) holds the prose and the inputs
 * and calls these.
 */
import type { Model } from "../lib/model/schema.js";
import { calibrateVersions, compareWithFit, consensusModel, consensusVerdict, exampleVotesFor, scoreOnFeatures, voteCounts, votesFileBase,
  type Aggregation, type Consensus, type DataFit, type FitComparison, type ScoredVersion, type VoteSource, type VoteTarget } from "../lib/workshop/index.js";
import type { ParsedVotes } from "../lib/workshop/votes.js";
import { pairedComparison } from "../lib/workbench/paired-comparison.js";
import { pairedDelongText } from "../lib/metrics/delong-text.js";
import { AgainstDataChart, AgainstDataTable, CalibrationTable, ConsensusCard, ProblemsList, TiersTable, VoteDotsChart, VoteSummaryTable } from "./workshop-view.js";
import { ErrorBox, Flag, Kpi, PendingLine, ProgressLine, afterPageReady, el, fmtInt, fmtNum, noVersionText, stopPage } from "./ui.js";
import { openWorkbench, type Workbench } from "./workbench.js";
import { keptCalibration, keptDataFit } from "./kept-figures.js";
import { versionCalibration } from "../lib/workbench/calibration.js";

export { PageEnd } from "./glossary.js";
export { VotesGrid, VotesUpload } from "./workshop-view.js";

type Display = (node: Node) => unknown;
const nothing = () => document.createDocumentFragment();

/**
 * Opens the workbench with a progress line (shown through the page's
 * `display`) and picks the workspace's votes files for this dataset's
 * versions: for the built-in workspace data/workshop/ (bundled sample) or
 * $LEADSCORE_WORKSHOP, plus those added in this browser.
 */
export async function openWorkshopPage(display: Display) {
  const progress = ProgressLine("Opening the workbench…");
  display(progress.node);
  const wb = await openWorkbench(progress.update);
  progress.done();
  if (!wb.current) return stopPage(display, noVersionText(wb.scoringError, "The workshop votes on the criteria of a version"), "No version to vote on");
  if (wb.scoringError) display(ErrorBox(wb.scoringError, "Scores not computed"));
  const { files: exampleFiles, others: otherVotes } = exampleVotesFor(wb.votes, wb.models);
  const exampleBase = votesFileBase(exampleFiles[0]?.file ?? "");
  const defaultBase = wb.models.find((m) => exampleBase && m.id === exampleBase.id && m.version === exampleBase.version) ?? wb.current;
  return { wb, exampleFiles, otherVotes, defaultBase };
}

/** What the chosen source offers: the grid, the upload button, or the example file's name. */
export function VotesSource(source: VoteSource, o: {
  wb: Workbench; base: Model; grid: HTMLElement; upload: HTMLElement; targets: readonly VoteTarget[];
  example: { file: string } | null; exampleParsed: ParsedVotes; exampleFiles: readonly { file: string }[]; otherVotes: readonly { file: string; reason: string }[];
}) {
  const { wb, base, example, exampleFiles } = o;
  const shown = source === "Enter in a grid" ? o.grid
    : source === "Upload a file" ? el("div", {}, o.upload, el("p", { class: "muted" }, "CSV with a header participant,criterion,points[,comment][,round], or JSON [{participant, criterion, points, comment?, round?}]. The file is read in this browser; nothing is uploaded. Criterion ids are those of the base version; a bands criterion is voted per band, e.g. ", el("code", {}, o.targets.find((t) => t.band !== null)?.id ?? "size[0]"), "."))
    : el("p", {}, example ? `Example: ${example.file} (${new Set(o.exampleParsed.votes.map((v) => v.participant)).size} participants; the grid starts from these votes).` : `No example votes for ${wb.label(base)}${exampleFiles.length ? ` (the examples are for ${exampleFiles.map((f) => f.file.replace(/^workshop\//, "")).join(", ")})` : ""}: enter votes in the grid or upload a file.`);
  if (!o.otherVotes.length) return shown;
  const others = el("p", { class: "muted" }, `Not offered (not for this dataset): ${o.otherVotes.map((x) => `${x.file}: ${x.reason}`).join("; ")}.`);
  // The grid and the upload button are kept by the page between sources: shown in place, not wrapped.
  const f = document.createDocumentFragment();
  f.append(shown, others);
  return f;
}

/** The problems of the votes read, or a prompt to choose a file. */
export function VotesProblems(source: VoteSource, uploaded: unknown, parsed: ParsedVotes) {
  return source !== "Upload a file" || uploaded ? ProblemsList(parsed.problems, parsed.votes.length) : el("p", { class: "muted" }, "Choose a votes file.");
}

/** Participants, rounds, disputed and dropped criteria. */
export function VoteKpis(agg: Aggregation) {
  const n = voteCounts(agg);
  return el("div", { class: "grid grid-cols-4" },
    Kpi("Participants", fmtInt(agg.participants.length), `${fmtInt(n.votes)} votes`),
    Kpi("Rounds", fmtInt(agg.rounds.length), `revoted: ${n.revoted} criteria`),
    Kpi("Still disputed", fmtInt(n.disputed.length), n.disputed.map((c) => c.criterionId).join(", ") || "none"),
    Kpi("Dropped", fmtInt(n.dropped.length), n.dropped.map((c) => c.criterionId).join(", ") || "none"));
}

/** Every vote as a dot per criterion, how to read it, and the per-criterion table. */
export function VotesSection(agg: Aggregation, { absolute, relative, width }: { absolute: number; relative: number; width: number }) {
  return el("div", {},
    voteCounts(agg).votes ? VoteDotsChart(agg, { width: Math.min(width, 880) }) : el("p", { class: "muted" }, "No votes yet."),
    el("p", { class: "muted" }, `Each dot is one value (bigger = more participants gave it); grey dots are earlier rounds, replaced by the later one. The shaded bar is the interquartile range (type-7 quartiles) of the latest round, the black tick its mean. Red: still disputed — IQR above ${absolute} points (× the maximum count for per-activity criteria) and above ${relative} × |median|.`),
    VoteSummaryTable(agg));
}

/** The consensus model of the votes (lib/workshop consensusModel), drawn, or why there is none. */
export function consensusPart(wb: Workbench, base: Model, agg: Aggregation): { consensus: Consensus | null; node: Node } {
  if (voteCounts(agg).votes === 0) return { consensus: null, node: el("p", { class: "muted" }, "No votes yet: enter them in the grid above or upload a votes file. The consensus model is built once there is at least one vote.") };
  try {
    const consensus = consensusModel(base, agg, { versions: wb.models, effectiveFrom: new Date().toISOString().slice(0, 10) });
    return { consensus, node: ConsensusCard(consensus, base, wb.label) };
  } catch (e) {
    return { consensus: null, node: ErrorBox((e as Error).message, "No consensus model") };
  }
}

/** The progress lines of parts 4 and 5, on the page before it is ready (they are computed after its first screen). */
export function fitLine(wb: Workbench, base: Model): PendingLine {
  return PendingLine(`Fitting points for the criteria of ${wb.label(base)} on the labelled leads`);
}
export function calibrationLine(_base: Model): PendingLine { // one line per base version (the cell runs again when it changes)
  return PendingLine("Scoring the consensus and the fitted model");
}

/**
 * Fits the base version's criteria on the labelled leads once the page's
 * first screen (the votes and the consensus) is ready, on `line`; shows
 * failures and warnings.
 */
export async function fitPart(wb: Workbench, base: Model, display: Display, line: PendingLine): Promise<DataFit | null> {
  await afterPageReady();
  line.start(`Fitting points for the criteria of ${wb.label(base)} on the labelled leads…`);
  const r = wb.recompute ? await keptDataFit(wb, base).then((f) => ({ fit: f, error: null }), (e: Error) => ({ fit: null, error: e.message })) : { fit: null, error: null };
  if (r.error) display(ErrorBox(r.error, "Fit failed"));
  line.done(r.fit ? `Fitted on ${fmtInt(r.fit.nLabelled)} labelled leads (${fmtInt(r.fit.nWon)} won) in the loaded data.` : "");
  for (const w of r.fit?.warnings ?? []) display(el("p", {}, Flag(w)));
  return r.fit;
}

/** The workshop's points beside the fitted ones, criteria 10 points or more apart first. */
export function AgainstData(comparison: readonly FitComparison[], width: number) {
  if (!comparison.length) return nothing();
  const large = comparison.filter((r) => r.large);
  return el("div", {},
    el("p", {}, large.length ? el("strong", {}, `${large.length} criteria differ by 10 points or more (red): `) : "The workshop and the data agree within 10 points on every criterion. ", large.map((r) => r.target.id).join(", ")),
    AgainstDataChart(comparison, { width: Math.min(width, 880) }),
    AgainstDataTable(comparison));
}

/** The versions to score: the base, and the consensus and the fitted model when there are. */
export function rolesOf(base: Model, consensus: Consensus | null, fit: DataFit | null): Map<Model, string> {
  const roles = new Map([[base, "base"]]);
  if (consensus) roles.set(consensus.model, "workshop consensus");
  if (fit) roles.set(fit.model, "fitted on the data");
  return roles;
}

/** Scores the consensus and the fitted model on the loaded leads and calibrates every role, on `line` (after the first screen). */
export async function calibrateRoles(wb: Workbench, base: Model, roles: Map<Model, string>, display: Display, line: PendingLine): Promise<ScoredVersion[]> {
  await afterPageReady();
  line.start("Scoring the consensus and the fitted model…");
  const cals = !wb.recompute ? [] : await scoreOnFeatures(wb.db, [...roles.keys()].filter((m) => m !== base))
    // The base is a version of the workspace: its calibration may be kept from another page (kept-figures.ts).
    .then(() => calibrateVersions(wb.db, [...roles.keys()], (m, i) => line.update(`Calibrating ${wb.label(m)}…`, (i + 1) / (roles.size + 1)),
      async (m, s) => (m === base ? keptCalibration(wb, m, async () => s) : versionCalibration(m, s))))
    .catch((e: Error) => { display(ErrorBox(e.message, "Scoring failed")); return [] as ScoredVersion[]; });
  line.done();
  return cals;
}

/** The paired DeLong test of the consensus against the fitted model, with its verdict. */
export function ConsensusVsFit(cals: readonly ScoredVersion[], roles: Map<Model, string>, comparison: readonly FitComparison[]) {
  const byRole = new Map(cals.map((c) => [roles.get(c.model), c]));
  const a = byRole.get("workshop consensus"), b = byRole.get("fitted on the data");
  if (!a || !b || a.calibration.error || b.calibration.error) return nothing();
  const { n, delong: d } = pairedComparison(a.scored, b.scored);
  return el("p", {}, `Paired DeLong test on the same ${fmtInt(n)} leads: AUC consensus ${fmtNum(d.aucA)} vs fitted ${fmtNum(d.aucB)}, Δ = `, el("strong", {}, fmtNum(d.diff)), ` (${pairedDelongText(d)}). `,
    consensusVerdict(d, comparison.some((r) => r.large)));
}

/** The tier tables of the scored roles. */
export function RoleTiers(cals: readonly ScoredVersion[], roles: Map<Model, string>, wb: Workbench) {
  const ok = cals.filter((c) => !c.calibration.error).map((c) => ({ model: c.model, evaluation: (c.calibration as Extract<ScoredVersion["calibration"], { evaluation: unknown }>).evaluation, role: roles.get(c.model)! }));
  return TiersTable(ok, wb.label);
}

export { CalibrationTable, compareWithFit };

/** Section 5 once scored: the calibration table, the paired test, the tier tables and how to read them. */
export function CalibrationResults(wb: Workbench, cals: readonly ScoredVersion[], roles: Map<Model, string>, comparison: readonly FitComparison[]) {
  if (!cals.length) return nothing();
  return el("div", {},
    CalibrationTable(cals.map((c) => c.calibration), wb.label, roles),
    ConsensusVsFit(cals, roles, comparison),
    el("p", { class: "muted" }, "* Brier uses the map p = σ(a + b·score) fitted on these same leads. Out of time: the map fitted on the oldest 70 % of leads, judged on the newest 30 % (ideal slope 1, intercept 0)."),
    el("h3", {}, "Tiers"),
    RoleTiers(cals, roles, wb),
    el("p", { class: "muted" }, "The consensus keeps the base thresholds. The fitted model has no caps; its thresholds are chosen so that its tiers hold the same shares of all leads as the base version's, so the win rates compare like with like."));
}
