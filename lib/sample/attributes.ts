/**
 * Draws a lead's fit attributes and form answers. Shares (before drift):
 * lead_source Organic search 22 %, Content download 18, Purchased list 15,
 * Paid search 12, Webinar 10, Trade show 8, Partner 8, Referral 7; after the
 * drift month Paid search gets weight 28 (≈ 24 % of new leads).
 * Missing (null): company_size ≈ 10 % (40 % for students), job_level 10 %,
 * country 8 %, budget_confirmed 45 %, timeline 35 %, use_case 30 %.
 * company_size is log-normal (median ≈ 120 employees, σ = 1.6 on the log
 * scale), clamped to [1, 200 000].
 */
import { bernoulli, normal, weighted } from "./draws.js";
import type { Rng } from "./prng.js";
import type { LeadRow } from "./types.js";

export const INDUSTRIES = {
  Software: 22, Manufacturing: 15, Finance: 12, Healthcare: 11, Retail: 10, Education: 9, Government: 6, Other: 15,
} as const;
export const JOB_LEVELS = {
  "C-level": 6, VP: 9, Director: 16, Manager: 26, "Individual contributor": 25, Student: 8, "": 10,
} as const;
export const COUNTRIES = {
  "United States": 38, "United Kingdom": 12, Germany: 10, France: 7, Canada: 7, Australia: 5, India: 8, Brazil: 5, "": 8,
} as const;
export const LEAD_SOURCES = {
  "Organic search": 22, "Paid search": 12, Webinar: 10, Referral: 7, "Trade show": 8,
  "Content download": 18, Partner: 8, "Purchased list": 15,
} as const;
export const TIMELINES = { "< 3 months": 20, "3-6 months": 30, "6-12 months": 28, "> 12 months": 22 } as const;
export const USE_CASES = {
  "Replace current tool": 25, "New initiative": 30, "Evaluating options": 30, "Just researching": 15,
} as const;

/** Probability that budget_confirmed is "yes" when answered, by job level. */
const BUDGET_YES: Record<string, number> = {
  "C-level": 0.5, VP: 0.5, Director: 0.4, Manager: 0.3, "Individual contributor": 0.15, Student: 0.05, "": 0.25,
};

const orNull = (s: string): string | null => (s === "" ? null : s);

/**
 * Draws every attribute column of one lead (all but lead_id and created_at),
 * using the drifted source mix when `afterDrift`.
 */
export function drawAttributes(
  rng: Rng,
  afterDrift: boolean,
): Omit<LeadRow, "lead_id" | "created_at"> {
  const industry = weighted(rng, INDUSTRIES);
  const level = weighted(rng, JOB_LEVELS);
  const student = level === "Student";
  const country = weighted(rng, COUNTRIES);
  const lead_source = weighted(rng, afterDrift ? { ...LEAD_SOURCES, "Paid search": 28 } : LEAD_SOURCES);
  const sizeMissing = bernoulli(rng, student ? 0.4 : 0.1);
  const rawSize = Math.round(Math.exp(normal(rng, Math.log(120), 1.6)));
  const company_size = sizeMissing ? null : Math.min(200_000, Math.max(1, rawSize));
  const pFree = (student ? 0.7 : level === "Individual contributor" ? 0.22 : 0.12) + (lead_source === "Purchased list" ? 0.1 : 0);
  const email_domain_type = bernoulli(rng, pFree) ? "free webmail" : "business";
  const budget_confirmed = bernoulli(rng, 0.45) ? null : bernoulli(rng, BUDGET_YES[level]) ? "yes" : "no";
  const timeline = bernoulli(rng, 0.35) ? null : weighted(rng, TIMELINES);
  const use_case = bernoulli(rng, 0.3)
    ? null
    : student && bernoulli(rng, 0.5)
      ? "Just researching"
      : weighted(rng, USE_CASES);
  return {
    industry,
    company_size,
    job_level: orNull(level),
    country: orNull(country),
    lead_source,
    email_domain_type,
    budget_confirmed,
    timeline,
    use_case,
  };
}
