/**
 * Half-life recovery on data shaped like the sample generator's recency
 * effects (lib/sample/activities.ts, ground-truth.ts), generated here with a
 * seed: activity times drawn from an exponential with a 7-day mean truncated
 * to the 30-day window after creation; the recency value is the generator's
 * own term (termValue of a "recency" ground-truth term, so the test pins the
 * generator's functional form, 2^(−age/h) with age in days before
 * created_at + 30 days); the ages handed to the fit are computed as the
 * reader (from-data-read.ts) does, scoring date − occurred_at in days, and
 * the count enters as one nuisance level per count 0 … 5+, as in
 * suggestFromData. The fit must recover the half-life used to draw the
 * outcomes within ±30 % and its 95 % profile interval must cover it.
 *
 * The sizes are large on purpose: with the 14,000 training leads of the
 * default sample (about 2,500 leads with a pricing-page view) the estimate
 * of a 7-day half-life spreads from about 3 to 12 days across seeds (the
 * interval is honest about it), which is why the sample bench also runs a
 * larger sample (bench/from-data.ts, part "halflife").
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../lib/prng.js";
import type { GroundTruthTerm } from "../../lib/sample/ground-truth.js";
import { termValue, emptyCounts } from "../../lib/sample/linear-predictor.js";
import type { LeadRow } from "../../lib/sample/types.js";
import { fitHalfLife } from "../../lib/suggest/decay.js";

const DAY = 86_400_000;
const WINDOW = 30;

function gauss(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function poisson(rng: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  for (let p = rng(); p > l; p *= rng()) k++;
  return k;
}

/**
 * n leads; each has Poisson(λ·e^(0.8·z)) activities (or, with `pAny`, at most one with that probability),
 * at times after creation drawn as the generator does (exponential, 7-day mean, truncated to the window) or,
 * with `uniformTimes`, uniformly over the window;
 * logit = −2.5 + βcount·min(count, 3) (or βany·[count ≥ 1]) + β·Σ 2^(−age/h).
 */
function simulate(n: number, seed: number, truth: { halfLife: number; beta: number; lambda?: number; betaCount?: number; pAny?: number; betaAny?: number; uniformTimes?: boolean }) {
  const rng = mulberry32(seed);
  const term: GroundTruthTerm = { kind: "recency", type: "pricing_page", windowDays: WINDOW, halfLifeDays: truth.halfLife, beta: truth.beta };
  const offsets = new Int32Array(n + 1);
  const ages: number[] = [];
  const perCount = new Uint8Array(n);
  const labels = new Uint8Array(n);
  const created0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const created = created0 + i * 60_000;
    const k = truth.pAny !== undefined ? (rng() < truth.pAny ? 1 : 0) : poisson(rng, (truth.lambda ?? 0.35) * Math.exp(0.8 * gauss(rng)));
    const events = [];
    for (let e = 0; e < k; e++) {
      // truncated exponential, 7-day mean, whole seconds after creation (as the generator)
      const days = truth.uniformTimes ? rng() * WINDOW : -7 * Math.log(1 - rng() * (1 - Math.exp(-WINDOW / 7)));
      events.push({ type: "pricing_page" as const, at: created + Math.floor((days * DAY) / 1000) * 1000 });
    }
    const scoringAt = created + WINDOW * DAY;
    for (const ev of events) ages.push((scoringAt - ev.at) / DAY);
    offsets[i + 1] = ages.length;
    perCount[i] = Math.min(5, k);
    const lead = { lead_id: `L${i}`, created_at: created } as unknown as LeadRow;
    const x = termValue(term, lead, emptyCounts(), events);
    const eta = -2.5 + (truth.pAny !== undefined ? (truth.betaAny ?? 0) * (k > 0 ? 1 : 0) : (truth.betaCount ?? 0) * Math.min(k, 3)) + truth.beta * x;
    labels[i] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  return fitHalfLife(offsets, Float32Array.from(ages), perCount, 6, labels, new Float64Array(n), rows);
}

describe("decay half-life on data shaped like the sample generator's", () => {
  it("recovers a 7-day half-life (counts with a capped count effect, as pricing_page) within ±30 %, the interval covering it", () => {
    const h = simulate(150_000, 21, { halfLife: 7, beta: 1.2, lambda: 0.35, betaCount: 0.35 });
    expect(Math.abs(h.halfLife / 7 - 1)).toBeLessThanOrEqual(0.3);
    expect(h.lo).not.toBeNull();
    expect(h.hi).not.toBeNull();
    expect(h.lo!).toBeLessThanOrEqual(7);
    expect(h.hi!).toBeGreaterThanOrEqual(7);
    expect(h.beta).toBeGreaterThan(0);
  });

  it("recovers a 10-day half-life (at most one activity with a has-activity effect, as webinar) within ±30 %, the interval covering it", () => {
    // times uniform over the window and a stronger effect (β 2, half the leads active) here: with the
    // generator's early times (7-day mean) a 10-day half-life is barely identified, 2^(−age/10) varying
    // only from 0.125 to about 0.3 for most activities; at 150,000 leads its interval still spans about
    // 5 to 120 days (measured), so a test of the point estimate there would pass or fail by the seed's
    // luck. With this design the estimate spread over seeds 22, 31, 32, 34 was 10.2–10.9 days.
    const h = simulate(150_000, 22, { halfLife: 10, beta: 2.0, pAny: 0.5, betaAny: 0.5, uniformTimes: true });
    expect(Math.abs(h.halfLife / 10 - 1)).toBeLessThanOrEqual(0.3);
    expect(h.lo).not.toBeNull();
    expect(h.hi).not.toBeNull();
    expect(h.lo!).toBeLessThanOrEqual(10);
    expect(h.hi!).toBeGreaterThanOrEqual(10);
  });

  it("with the generator's early activity times a 10-day half-life is weakly identified, and the interval says so (covers 10, wide)", () => {
    const h = simulate(150_000, 22, { halfLife: 10, beta: 1.0, pAny: 0.15, betaAny: 0.5 });
    expect(h.lo === null || h.lo <= 10).toBe(true);
    expect(h.hi === null || h.hi >= 10).toBe(true);
    expect(h.hi === null || h.hi / (h.lo ?? 1) > 4).toBe(true);
  });

  it("finds no timing effect where there is none (the likelihood-ratio statistic stays small)", () => {
    const h = simulate(60_000, 23, { halfLife: 7, beta: 0, lambda: 0.35, betaCount: 0.35 });
    // χ²₁ 99.9 % point: a fixed seed, so this is a check of the statistic's scale, not a rate
    expect(h.lrt).toBeLessThan(10.83);
  });
});
