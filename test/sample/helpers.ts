/** Shared helpers for the sample tests: the outcome rule and a mid-rank AUC, written out independently of lib/. */
import type { DealRow, LeadRow, SampleData } from "../../lib/sample/index.js";

export const DAY_MS = 86_400_000;
export const MATURITY_DAYS = 90;

export const parseTimestamp = (s: string) => Date.parse(s.replace(" ", "T") + "Z");

export type Outcome = "won" | "lost" | "open";

/**
 * The METHODS §1 outcome rule: won if any deal is won; lost if all deals are
 * lost, or no deal and created more than 90 days before the snapshot; else open.
 */
export function outcomes(data: SampleData): Map<string, Outcome> {
  const asOf = parseTimestamp(data.meta.asOf);
  const byLead = new Map<string, DealRow[]>();
  for (const d of data.deals) byLead.set(d.lead_id, [...(byLead.get(d.lead_id) ?? []), d]);
  const out = new Map<string, Outcome>();
  for (const l of data.leads) {
    const ds = byLead.get(l.lead_id) ?? [];
    let o: Outcome;
    if (ds.some((d) => d.status === "won")) o = "won";
    else if (ds.length > 0) o = ds.every((d) => d.status === "lost") ? "lost" : "open";
    else o = l.created_at < asOf - MATURITY_DAYS * DAY_MS ? "lost" : "open";
    out.set(l.lead_id, o);
  }
  return out;
}

/** AUC with mid-ranks for ties (METHODS §5): (R₊ − n₊(n₊+1)/2) / (n₊·n₋). */
export function auc(scores: number[], labels: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const rank = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    for (let k = i; k <= j; k++) rank[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let nPos = 0;
  let rPos = 0;
  labels.forEach((y, i) => {
    if (y) {
      nPos++;
      rPos += rank[i];
    }
  });
  const nNeg = labels.length - nPos;
  return (rPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Groups activities by lead_id. */
export function activitiesByLead<T extends { lead_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.lead_id);
    if (list) list.push(r);
    else m.set(r.lead_id, [r]);
  }
  return m;
}

export type { LeadRow };
