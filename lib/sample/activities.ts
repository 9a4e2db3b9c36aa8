/**
 * Draws a lead's behaviour (the activities table) in two phases.
 *
 * Window phase, [created_at, created_at + 30 days): what the ground truth
 * sees. Two latent propensities per lead drive it: engagement (log-normal,
 * ×1.6 for students, ×1.3 for free webmail, ×0.5 for purchased lists) and
 * buying intent (higher with a confirmed budget or a short timeline, lower for
 * students and "Just researching"). Mean counts: email_open 3·openRate (more for
 * students / free webmail, unrelated to winning), email_click 0.6·engagement,
 * web_visit 1.8·engagement (+1 landing visit for search / content leads),
 * pricing_page 0.35·intent·√engagement, webinar attendance up to 60 %
 * (always for Webinar-sourced leads), demo_request up to 50 % (≈ 5 %·intent),
 * unsubscribe 4 % (12 % purchased lists), bounce 2 % (12 % purchased lists,
 * 5 % free webmail). Times follow an exponential with a 7-day mean truncated
 * to the window, except pricing-page views and web visits (the two types with
 * a recency effect in the ground truth), whose times are uniform over the
 * window: leads then differ in how recent their views are, which is what lets
 * the half-lives be recovered (with the 7-day exponential most activity sat
 * 16–30 days before the scoring date, where 2^(−age/h) hardly varies, and the
 * fitted half-lives of the sample missed the truth by 40–45 %). A bounce ends
 * all email activity; an unsubscribe ends it from that moment on.
 *
 * Later phase, from created_at + 30 days + 1 hour (after the scoring date):
 * newsletter tails (email_open, mean 1.8·openRate, 90-day mean delay; web_visit
 * 0.6·engagement), sales-process activity between a deal's creation and its
 * close (web_visit, pricing_page, email_click, demo_request; about twice as
 * much on deals that are won) and onboarding after a won deal closes
 * (≈ 8 web_visit, 5 email_open, 2 email_click, a webinar for 40 %). This
 * post-decision activity is what makes a scorer that counts all activity
 * look better than it is.
 */
import type { ActivityType } from "../tables.js";
import { bernoulli, exponential, normal, poisson, truncatedExponential, uniform } from "./draws.js";
import type { Rng } from "./prng.js";
import type { LeadRow } from "./types.js";

export interface Event {
  type: ActivityType;
  at: number;
}

/** A lead's latent behaviour, drawn once and used by both phases. */
export interface Profile {
  engagement: number;
  intent: number;
  openRate: number;
  bouncedAt: number | null;
  unsubscribedAt: number | null;
}

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;
const at = (t: number, days: number) => t + Math.floor((days * DAY_MS) / 1000) * 1000;

const SOURCE_ENGAGEMENT: Record<string, number> = {
  "Organic search": 1.0, "Paid search": 1.0, Webinar: 1.3, Referral: 1.2, "Trade show": 0.9,
  "Content download": 1.1, Partner: 1.0, "Purchased list": 0.5,
};
const LEVEL_ENGAGEMENT: Record<string, number> = {
  "C-level": 0.6, VP: 0.8, Director: 0.9, Manager: 1.0, "Individual contributor": 1.2, Student: 1.6,
};

/** Draws the latent propensities and the bounce / unsubscribe moments (within the window). */
export function drawProfile(rng: Rng, lead: LeadRow): Profile {
  const student = lead.job_level === "Student";
  const free = lead.email_domain_type === "free webmail";
  const purchased = lead.lead_source === "Purchased list";
  const engagement =
    Math.exp(normal(rng, 0, 0.7)) *
    SOURCE_ENGAGEMENT[lead.lead_source] *
    (LEVEL_ENGAGEMENT[lead.job_level ?? "Manager"] ?? 1) *
    (free ? 1.3 : 1);
  const intent = Math.exp(
    normal(rng, 0, 0.8) +
      (lead.budget_confirmed === "yes" ? 0.4 : 0) +
      (lead.timeline === "< 3 months" ? 0.3 : 0) -
      (lead.use_case === "Just researching" ? 0.6 : 0) -
      (student ? 1.0 : 0),
  );
  const openRate = Math.exp(normal(rng, 0, 0.6)) * (student ? 1.5 : 1) * (free ? 1.4 : 1);
  const t = lead.created_at;
  const pBounce = purchased ? 0.12 : free ? 0.05 : 0.02;
  const bouncedAt = bernoulli(rng, pBounce) ? at(t, uniform(rng, 0, 2)) : null;
  const pUnsub = purchased ? 0.12 : 0.04;
  const unsubscribedAt = bernoulli(rng, pUnsub) ? at(t, truncatedExponential(rng, 7, WINDOW_DAYS)) : null;
  return { engagement, intent, openRate, bouncedAt, unsubscribedAt };
}

function emailAllowed(p: Profile, time: number): boolean {
  return p.bouncedAt === null && (p.unsubscribedAt === null || time < p.unsubscribedAt);
}

function push(out: Event[], p: Profile, type: ActivityType, time: number): void {
  if ((type === "email_open" || type === "email_click") && !emailAllowed(p, time)) return;
  out.push({ type, at: time });
}

/** Window-phase events, all in [created_at, created_at + 30 days). */
export function windowActivities(rng: Rng, lead: LeadRow, p: Profile): Event[] {
  const t = lead.created_at;
  const out: Event[] = [];
  const soon = () => at(t, truncatedExponential(rng, 7, WINDOW_DAYS));
  const src = lead.lead_source;
  const student = lead.job_level === "Student";
  const free = lead.email_domain_type === "free webmail";
  if (src === "Webinar") out.push({ type: "webinar", at: at(t, uniform(rng, 0, 0.08)) });
  if (src === "Organic search" || src === "Paid search" || src === "Content download") out.push({ type: "web_visit", at: t });
  if (p.bouncedAt !== null) out.push({ type: "bounce", at: p.bouncedAt });
  if (p.unsubscribedAt !== null) out.push({ type: "unsubscribe", at: p.unsubscribedAt });
  const clickBoost = (student ? 2 : 1) * (free ? 1.5 : 1);
  const counts: [ActivityType, number][] = [
    ["email_open", poisson(rng, 3 * p.openRate)],
    ["email_click", poisson(rng, 0.6 * p.engagement * Math.sqrt(p.openRate) * clickBoost)],
    ["web_visit", poisson(rng, 1.8 * p.engagement)],
    ["pricing_page", poisson(rng, 0.35 * p.intent * Math.sqrt(p.engagement))],
    ["webinar", src !== "Webinar" && bernoulli(rng, Math.min(0.6, 0.1 * p.engagement)) ? 1 : 0],
    ["demo_request", bernoulli(rng, Math.min(0.5, 0.05 * p.intent)) ? 1 : 0],
  ];
  // pricing-page views and web visits carry a recency effect in the ground truth: their times are
  // spread evenly over the window, so that leads differ in how recent they are and the half-lives can
  // be recovered from the data (one draw each, as soon())
  const spread = () => at(t, uniform(rng, 0, WINDOW_DAYS) * (1 - 1e-9));
  for (const [type, n] of counts) for (let i = 0; i < n; i++) push(out, p, type, type === "pricing_page" || type === "web_visit" ? spread() : soon());
  return out;
}

/** A deal as planned before the snapshot cuts it: the span sales works on it. */
export interface DealSpan {
  won: boolean;
  created: number;
  closed: number;
}

/** Later-phase events (all at or after created_at + 30 days + 1 hour); may run past the snapshot. */
export function laterActivities(rng: Rng, lead: LeadRow, p: Profile, deals: DealSpan[]): Event[] {
  const from = lead.created_at + WINDOW_DAYS * DAY_MS + 3_600_000;
  const out: Event[] = [];
  const after = (start: number, meanDays: number) => at(start, exponential(rng, meanDays));
  for (let i = poisson(rng, 1.8 * p.openRate); i > 0; i--) push(out, p, "email_open", after(from, 90));
  for (let i = poisson(rng, 0.6 * p.engagement); i > 0; i--) push(out, p, "web_visit", after(from, 45));
  for (const d of deals) {
    const lo = Math.max(d.created, from);
    if (d.closed > lo) {
      const k = d.won ? 1 : 0.5;
      const during = () => at(lo, uniform(rng, 0, (d.closed - lo) / DAY_MS));
      for (let i = poisson(rng, 3 * k); i > 0; i--) push(out, p, "web_visit", during());
      for (let i = poisson(rng, 1.2 * k); i > 0; i--) push(out, p, "pricing_page", during());
      for (let i = poisson(rng, 2 * k); i > 0; i--) push(out, p, "email_click", during());
      if (bernoulli(rng, 0.4 * k)) push(out, p, "demo_request", during());
    }
    if (d.won) {
      for (let i = poisson(rng, 8); i > 0; i--) push(out, p, "web_visit", after(d.closed, 30));
      for (let i = poisson(rng, 5); i > 0; i--) push(out, p, "email_open", after(d.closed, 30));
      for (let i = poisson(rng, 2); i > 0; i--) push(out, p, "email_click", after(d.closed, 30));
      if (bernoulli(rng, 0.4)) push(out, p, "webinar", after(d.closed, 20));
    }
  }
  return out;
}
