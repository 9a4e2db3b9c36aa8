/**
 * The suggestion as a new draft model version: the current model's criteria
 * with the suggested points (criteria whose points all came out 0 removed,
 * count slots rewritten as the 0/1 rules that were fitted), opted-in
 * candidate criteria added, the thresholds tuned on the training period, no caps
 * (the fitted points are additive), and a probability map fitted on the
 * training period. Validated by parseModel.
 */
import { pairedDelongP } from "../metrics/delong-text.js";
import { diffModels, type ModelDiff } from "../model/diff.js";
import { nextDraftVersion } from "../model/draft-version.js";
import { parseModel } from "../model/parse.js";
import type { Criterion, Model } from "../model/schema.js";
import { indicatorLabel, indicatorRule } from "./columns.js";
import type { SuggestData } from "./data.js";
import type { SuggestOptions, SuggestResult } from "./run.js";

export interface DraftOptions {
  /** The highest version number of this model id so far (default: the model's own). */
  maxVersion?: number;
  author?: string;
  /** Default: the day after the newest labelled lead's creation. */
  effectiveFrom?: string;
}

const f3 = (x: number | null) => (x === null || !Number.isFinite(x) ? "n/a" : x.toFixed(3));

function methodText(o: SuggestOptions, r: SuggestResult): string {
  const parts = [`L2 logistic regression on 0/1 criteria (${o.shrink ? `shrunk toward the current points, λ = ${o.shrink}` : `C = ${o.C ?? 1}`})`, "points scaled to the current score range", "integer refinement (scale sweep and ±1 search)", `${r.bootstrap.replicates} seeded bootstrap refits`];
  if (o.minPoints) parts.push(`criteria under ${o.minPoints} points dropped`);
  if (o.dropIfIntervalSpansZero) parts.push("criteria whose 95 % interval spans 0 dropped");
  return parts.join(", ");
}

/**
 * Builds the draft (version = maxVersion + 1, parent = current version,
 * status "draft") and its diff against the current model.
 * @throws ModelError when the draft does not validate (a bug), or an Error when no criterion keeps any points.
 */
export function buildDraft(data: SuggestData, result: SuggestResult, options: SuggestOptions, draftOptions: DraftOptions = {}): { model: Model; diff: ModelDiff } {
  const m = data.model;
  const pts = new Map<string, Map<string, number>>();
  result.points.forEach((row) => {
    const c = data.columns[row.column];
    const k = `${c.source}:${c.criterionId}`;
    if (!pts.has(k)) pts.set(k, new Map());
    pts.get(k)!.set(String(c.band), row.kept ? row.suggested : 0);
  });
  const convertedIds = new Set(data.columns.filter((c) => c.converted && c.source === "model").map((c) => c.criterionId));
  const withPoints = (c: Criterion, source: "model" | "candidate"): Criterion | null => {
    const p = pts.get(`${source}:${c.id}`);
    if (!p) return null;
    const r = c.rule;
    if (r.type === "bands" || r.type === "recency") {
      const bands = r.bands.map((b, i) => ({ ...b, points: p.get(String(i)) ?? 0 }));
      const last = r.type === "bands" ? { missing: { points: p.get("missing") ?? 0 } } : { never: { points: p.get("never") ?? 0 } };
      if (bands.every((b) => b.points === 0) && Object.values(last)[0].points === 0) return null;
      return { ...c, rule: { ...r, bands, ...last } as Criterion["rule"] };
    }
    const v = p.get("null") ?? 0;
    if (v === 0) return null;
    return convertedIds.has(c.id) && source === "model" ? { ...c, label: indicatorLabel(c), rule: indicatorRule(r), points: v } : { ...c, points: v };
  };
  const criteria = [...m.criteria.map((c) => withPoints(c, "model")), ...(data.candidates?.criteria ?? []).map((c) => withPoints(c, "candidate"))].filter((c): c is Criterion => c !== null);
  if (!criteria.length) throw new Error("buildDraft: every criterion came out at 0 points, so there is no model to write. Lower --min-points or turn off dropping by interval.");
  const columns = { ...m.dataset.columns };
  for (const c of criteria) if ("column" in c.rule && !(c.rule.column in columns) && data.candidates) columns[c.rule.column] = data.candidates.dataset.columns[c.rule.column];

  const s = result.split;
  const cmp = result.comparison;
  const added = criteria.filter((c) => !m.criteria.some((x) => x.id === c.id)).length;
  const rewritten = [...convertedIds].filter((id) => criteria.some((c) => c.id === id));
  const removed = m.criteria.filter((c) => !criteria.some((x) => x.id === c.id)).map((c) => c.id);
  const splitText = s.kind === "date" ? `fitted on ${s.train.n} labelled leads created ${s.train.from} to ${s.train.to}, tested on ${s.test.n} created ${s.test.from} to ${s.test.to} (out of time)` : `fitted on a seeded random ${s.train.n} of the labelled leads, tested on the other ${s.test.n} (the data carry no creation dates)`;
  const note = [
    `Suggested by leadscore suggest from ${m.id} v${m.version}: ${splitText}.`,
    `Method: ${methodText(options, result)}.`,
    `Test period: AUC ${f3(cmp.suggested.auc)} vs ${f3(cmp.current.auc)} for v${m.version} (ΔAUC ${f3(cmp.delong.diff)}, ${pairedDelongP(cmp.delong.p)}), Brier ${f3(cmp.suggested.brier)} vs ${f3(cmp.current.brier)}, calibration slope ${f3(cmp.suggested.slope)} vs ${f3(cmp.current.slope)}; sales-ready tier ${cmp.suggested.tier.wins} vs ${cmp.current.tier.wins} wins from ${cmp.suggested.tier.leads} vs ${cmp.current.tier.leads} leads.`,
    `Thresholds tuned on the training period (judged on the test period): sales-ready by ${result.thresholds.salesReadyRule}, nurture by ${result.thresholds.nurtureRule}.`,
    removed.length ? `Removed (0 points): ${removed.join(", ")}.` : "",
    added ? `${added} candidate criteria added.` : "",
    rewritten.length ? `Count criteria rewritten as 0/1 rules (at least one activity): ${rewritten.join(", ")}.` : "",
    m.caps ? "Caps removed: the fitted points are additive." : "",
    `Verdict: ${cmp.verdict}`,
  ].filter(Boolean).join(" ");

  const train = s.train;
  const version = nextDraftVersion(m, draftOptions);
  const nextDay = new Date(Date.parse(`${s.test.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const draft: Record<string, unknown> = {
    ...(m.$schema !== undefined && { $schema: m.$schema }),
    id: m.id,
    version,
    parent: m.version,
    status: "draft",
    effectiveFrom: draftOptions.effectiveFrom ?? nextDay,
    author: draftOptions.author ?? "leadscore suggest",
    changeNote: note,
    dataset: { columns, activityTypes: [...m.dataset.activityTypes] },
    criteria,
    thresholds: { nurture: result.thresholds.nurture, salesReady: result.thresholds.salesReady },
    probabilityMap: { a: cmp.suggested.map.a, b: cmp.suggested.map.b, fittedOn: { from: train.from, to: train.to } },
  };
  const model = parseModel(draft, `draft ${m.id} v${version}`);
  return { model, diff: diffModels(m, model) };
}
