/**
 * One card per model version: won vs lost histogram and cumulative curves,
 * thresholds drawn, with the headline shares and the AUC.
 */
import { routesByCell, tierRule } from "../lib/grid/bands.js";
import { delong } from "../lib/metrics/index.js";
import type { Model } from "../lib/model/schema.js";
import { scoreHistogram, shareAbove } from "../lib/workbench/histogram.js";
import { labelled, readScored, type ScoredLeads, type ScoreFilter } from "../lib/workbench/scored.js";
import { keptResult } from "./kept-results.js";
import { CumulativeChart, DistributionChart } from "./charts.js";
import { ErrorBox, Flag, afterPageReady, el, fmtInt, fmtNum, fmtPct } from "./ui.js";
import type { Workbench } from "./workbench.js";

/** What a card shows of one version under one filter (kept in this browser: kept-results.ts). */
interface CardFigures {
  nWon: number;
  nLost: number;
  bins: ReturnType<typeof scoreHistogram>["bins"];
  sr: { won: number; lost: number };
  nu: { won: number; lost: number };
  d: { auc: number; ci95: [number, number] };
}

function cardFigures(model: Model, s: ScoredLeads): CardFigures | { nWon: number; nLost: number; bins: null } {
  const { scores, labels, tiers } = labelled(s);
  let nWon = 0;
  for (let i = 0; i < labels.length; i++) nWon += labels[i];
  const nLost = labels.length - nWon;
  if (nWon === 0 || nLost === 0) return { nWon, nLost, bins: null };
  const t = model.thresholds;
  const { bins } = scoreHistogram(scores, labels);
  // A version routed by grid cell: the shares come from its own tiers (the score table's), not from the thresholds.
  const routed = routesByCell(model);
  const tierShare = (tier: string) => {
    let won = 0, lost = 0;
    for (let i = 0; i < tiers.length; i++) if (tiers[i] === tier) labels[i] === 1 ? won++ : lost++;
    return { won: won / nWon, lost: lost / nLost };
  };
  const sr = routed ? tierShare("sales-ready") : shareAbove(scores, labels, t.salesReady);
  const ig = routed ? tierShare("ignore") : null;
  const nu = ig ? { won: 1 - ig.won, lost: 1 - ig.lost } : shareAbove(scores, labels, t.nurture);
  const { auc, ci95 } = delong(scores, labels);
  return { nWon, nLost, bins, sr, nu, d: { auc, ci95 } };
}

const CODE = import.meta.url;

export async function distributionCards(wb: Workbench, versions: Model[], filter: ScoreFilter, width: number): Promise<HTMLElement> {
  const w = Math.max(300, width / 2 - 60);
  const cardOf = async (model: Model): Promise<HTMLElement> => {
    const { value: f } = await keptResult(wb, CODE, "distributionCard", { version: `${model.id}@${model.version}`, filter }, async () => cardFigures(model, await readScored(wb.db, model, filter)));
    const { nWon, nLost } = f;
    const t = model.thresholds;
    const routed = routesByCell(model);
    const card = el("div", { class: "card" }, el("h2", {}, `${wb.label(model)} `, el("span", { class: "muted" }, `(${model.status})`)));
    if (f.bins === null) {
      card.append(ErrorBox(`The filter leaves ${fmtInt(nWon)} won and ${fmtInt(nLost)} lost leads: both are needed. Widen the filter.`, "Nothing to compare"));
      return card;
    }
    const { bins, sr, nu, d } = f as CardFigures;
    card.append(
      el("p", {},
        el("strong", {}, fmtPct(sr.won)), " of won vs ", el("strong", {}, fmtPct(sr.lost)), ` of lost leads reached sales-ready (${routed ? "routed by grid cell" : `≥ ${t.salesReady}`}); `,
        el("strong", {}, fmtPct(1 - nu.lost)), ` of lost leads stayed below nurture (${routed ? "ignore cells" : `< ${t.nurture}`}). `,
        routed ? `Tiers: ${tierRule(model)}. ` : "",
        `AUC ${fmtNum(d.auc)} (95 % CI ${fmtNum(d.ci95[0])}–${fmtNum(d.ci95[1])}) on ${fmtInt(nWon)} won and ${fmtInt(nLost)} lost leads. `,
        nWon < 100 ? Flag(`only ${nWon} won leads: figures are uncertain`) : ""),
      el("div", { class: "grid grid-cols-2" },
        DistributionChart(bins, t, { width: w, height: 220, title: `Histogram ${wb.label(model)}` }),
        CumulativeChart(bins, t, { width: w, height: 220, title: `Cumulative ${wb.label(model)}` })),
    );
    return card;
  };
  // The first version's card is on the first screen; the others follow once the page is ready, one by one.
  const cards: HTMLElement[] = [];
  let chain = afterPageReady();
  for (const [i, model] of versions.entries()) {
    if (i === 0) {
      cards.push(await cardOf(model));
      continue;
    }
    const box = el("div", { class: "progress", role: "status", "data-pending": "section" }, `Reading the scores of ${wb.label(model)}…`);
    cards.push(box);
    // A box no longer on the page (a filter or the versions changed meanwhile) is not read at all.
    chain = chain.then(() => (box.isConnected ? cardOf(model) : null)).then((c) => void (c && box.replaceWith(c)), (e: unknown) => box.replaceWith(ErrorBox((e as Error).message, wb.label(model))));
  }
  return el("div", {}, ...cards);
}
