/**
 * generateSample: the seeded synthetic B2B lead funnel, the workbench's
 * embedded default dataset. For each lead, in order of creation:
 *  1. attributes (attributes.ts), with the drifted source mix after the drift month;
 *  2. behaviour in the 30-day window (activities.ts);
 *  3. the outcome: won with probability σ(ground-truth linear predictor) on
 *     exactly those attributes, window counts and window activity times (ground-truth.ts);
 *  4. deals planned from the outcome (deals.ts) and later, post-decision
 *     behaviour (activities.ts);
 *  5. the snapshot cut: nothing dated at or after `meta.asOf` is kept; deals
 *     created before it but closing after it are "open" with no closed_at.
 * Creation times follow a volume that grows linearly by 50 % over the period.
 * Every lead has its own PRNG stream (seed, lead index), so the output is a
 * pure function of the options.
 */
import { formatDate, formatTimestamp } from "../db/types.js";
import { drawAttributes } from "./attributes.js";
import { drawProfile, laterActivities, windowActivities, type Event } from "./activities.js";
import { planDeals } from "./deals.js";
import { GROUND_TRUTH } from "./ground-truth.js";
import { emptyCounts, groundTruthLogit, sigmoid } from "./linear-predictor.js";
import { resolveOptions, type Calendar } from "./options.js";
import { streamFor } from "./prng.js";
import type { ActivityRow, DealRow, LeadRow, SampleData, SampleOptions } from "./types.js";

const id = (prefix: string, n: number) => prefix + String(n).padStart(6, "0");

function creationTimes(cal: Calendar): number[] {
  const rng = streamFor(cal.seed, 0);
  const k = cal.months;
  const cumulative: number[] = [];
  let total = 0;
  for (let m = 0; m < k; m++) cumulative.push((total += 1 + (k > 1 ? (0.5 * m) / (k - 1) : 0)));
  const times = new Array<number>(cal.leads);
  for (let i = 0; i < cal.leads; i++) {
    const x = rng() * total;
    let m = 0;
    while (m < k - 1 && cumulative[m] <= x) m++;
    const seconds = (cal.monthStarts[m + 1] - cal.monthStarts[m]) / 1000;
    times[i] = cal.monthStarts[m] + Math.floor(rng() * seconds) * 1000;
  }
  return times.sort((a, b) => a - b);
}

/**
 * Generates leads, activities and deals. Options (all optional): seed
 * (default 42), leads (24000), start ("2024-01-01"), months (24).
 * The same options always give the same rows; throws on invalid options
 * (see resolveOptions). Example: `generateSample({leads: 100}).meta.counts.leads` → 100.
 */
export function generateSample(options: SampleOptions = {}): SampleData {
  const cal = resolveOptions(options);
  const driftMonth = GROUND_TRUTH.drift.fromMonth;
  const driftMs = driftMonth < cal.months ? cal.monthStarts[driftMonth] : Infinity;
  const leads: LeadRow[] = [];
  const activities: ActivityRow[] = [];
  const deals: DealRow[] = [];
  const times = creationTimes(cal);
  for (let i = 0; i < times.length; i++) {
    const rng = streamFor(cal.seed, 1, i + 1);
    const afterDrift = times[i] >= driftMs;
    const lead: LeadRow = { lead_id: id("L", i + 1), created_at: times[i], ...drawAttributes(rng, afterDrift) };
    leads.push(lead);
    const profile = drawProfile(rng, lead);
    const early = windowActivities(rng, lead, profile);
    const counts = emptyCounts();
    for (const e of early) counts[e.type]++;
    const won = rng() < sigmoid(groundTruthLogit(lead, counts, afterDrift, GROUND_TRUTH, early));
    const planned = planDeals(rng, lead, won, counts);
    const events: Event[] = early.concat(laterActivities(rng, lead, profile, planned));
    events.sort((a, b) => a.at - b.at);
    for (const e of events)
      if (e.at < cal.endMs) activities.push({ lead_id: lead.lead_id, activity_type: e.type, occurred_at: e.at });
    for (const d of planned) {
      if (d.created >= cal.endMs) continue;
      const closed = d.closed < cal.endMs;
      deals.push({
        deal_id: id("D", deals.length + 1),
        lead_id: lead.lead_id,
        status: closed ? (d.won ? "won" : "lost") : "open",
        amount: d.amount,
        created_at: d.created,
        closed_at: closed ? d.closed : null,
      });
    }
  }
  return {
    leads,
    activities,
    deals,
    meta: {
      seed: cal.seed,
      start: cal.start,
      end: formatDate(cal.endMs - 86_400_000),
      months: cal.months,
      asOf: formatTimestamp(cal.endMs),
      driftFrom: Number.isFinite(driftMs) ? formatDate(driftMs) : null,
      counts: { leads: leads.length, activities: activities.length, deals: deals.length },
    },
  };
}
