/**
 * The Overview's headline: is the current score working, and what next? One
 * card with the AUC and its plain grade, what each tier converts at, whether
 * a review is due, and the one next step the figures point to; then links to
 * every page. Figures come from lib/ (versionCalibration, reviewDue); this
 * only decides which sentence to show.
 */
import type { Model } from "../lib/model/schema.js";
import type { ReviewDue } from "../lib/monitoring/index.js";
import type { VersionCalibration } from "../lib/workbench/calibration.js";
import { aucGrade, slopeOk } from "./glossary.js";
import { Flag, el, fmtCi, fmtInt, fmtNum, fmtPct } from "./ui.js";
import { tierLabel } from "../lib/model/tiers.js";


export interface HeadlineInput {
  label: string;
  model: Model;
  cal: VersionCalibration;
  due: ReviewDue | null;
  /** A draft version waiting to be compared, if any. */
  draft: string | null;
}

/** The next thing to do, from the most to the least urgent finding. */
export function nextStep(h: HeadlineInput): { text: string; href: string; page: string } {
  const e = h.cal.evaluation;
  const slope = h.cal.outOfTime?.interceptSlope?.slope;
  if (e.auc.auc < 0.65) return { text: `The score barely separates won from lost. Let the data suggest points and thresholds.`, href: "./suggest", page: "Suggestions" };
  if (h.due?.due) return { text: `A review is due (${(h.due.reasons[0] ?? `since ${h.due.nextDate}`).replace(/\.$/, "")}). Hold it with the figures of the Review page.`, href: "./review", page: "Review" };
  if (!e.monotonicity.monotone) return { text: `Win rates do not rise steadily with the score (${e.monotonicity.violations.length} band(s) drop): see which bands on the Calibration page.`, href: "./calibration", page: "Calibration" };
  if (slope !== undefined && !slopeOk(slope)) return { text: `Scores convert differently on newer leads (calibration slope ${fmtNum(slope, 2)}, good is 0.9–1.1): check the thresholds on the Calibration page.`, href: "./calibration", page: "Calibration" };
  if (h.draft) return { text: `A draft version (${h.draft}) is waiting: compare it with the current one.`, href: "./review", page: "Review" };
  return { text: `Nothing urgent${h.due ? `: the next review is on ${h.due.scheduledDate}` : ""}. Try a change in the What-if editor to see whether it would sort leads better.`, href: "./what-if", page: "What-if editor" };
}

export function Headline(h: HeadlineInput): HTMLElement {
  const e = h.cal.evaluation;
  const g = aucGrade(e.auc.auc);
  const tiers = [...e.tiers].reverse();
  const next = nextStep(h);
  return el("div", { class: "card headline", "data-headline": "" },
    el("p", {}, `Is `, el("strong", {}, h.label), ` working? It sorts won above lost leads with an `, el("strong", {}, `AUC of ${fmtNum(e.auc.auc, 2)}`), ` `, Flag(g.grade, g.kind),
      el("span", { class: "muted" }, ` (95 % CI ${fmtNum(e.auc.ci95[0], 2)}–${fmtNum(e.auc.ci95[1], 2)}, on ${fmtInt(e.nWon)} won and ${fmtInt(e.nLost)} lost leads; 0.5 is a coin toss, 0.75 and above is good).`)),
    el("p", {}, "Each tier converts at: ", ...tiers.flatMap((t, i) => [
      i ? " · " : "",
      el("strong", {}, `${tierLabel(t.tier)} ${t.winRate == null ? "–" : fmtPct(t.winRate)}`),
      el("span", { class: "muted" }, ` (${fmtInt(t.leads)} leads${t.ci ? `, ${fmtCi(t.ci)}` : ""})`),
    ]), "."),
    el("p", {}, "Review: ", h.due ? (h.due.due ? Flag(`due since ${h.due.nextDate}`, "bad") : Flag(`not due; next on ${h.due.scheduledDate}`, "ok")) : "no dates to judge it on (the dataset has no end date)", el("span", { class: "muted" }, " (by the calendar; drift seen on the Review page can bring it forward)"), "."),
    el("p", {}, el("strong", {}, "Next: "), next.text, " ", el("a", { href: next.href }, `Open ${next.page} →`)),
  );
}

/** Links to every page but the Overview, each with the question it answers. */
export const PAGES: { href: string; name: string; question: string }[] = [
  { href: "./data", name: "Data", question: "what was read, used and excluded; bring your own files" },
  { href: "./models", name: "Models", question: "the versions, their differences, why a lead got its score" },
  { href: "./what-if", name: "What-if editor", question: "change points and thresholds and see the effect at once" },
  { href: "./distributions", name: "Distributions", question: "where won and lost leads sit on the score, by segment" },
  { href: "./calibration", name: "Calibration", question: "does each tier convert as it promises?" },
  { href: "./suggest", name: "Suggestions", question: "points and thresholds fitted to your data, checked on newer leads" },
  { href: "./review", name: "Review", question: "does the score still sort leads as it did? is a review due?" },
  { href: "./workshop", name: "Workshop", question: "collect the sales team's view of the criteria" },
  { href: "./report", name: "Report", question: "a printable summary for the meeting" },
];

export function WhereNext(): HTMLElement {
  return el("ul", {}, ...PAGES.map((p) => el("li", {}, el("a", { href: p.href }, el("strong", {}, p.name)), `: ${p.question}${p.question.endsWith("?") ? "" : "."}`)));
}
