/**
 * How much one engagement point is worth in fit points on the data: the
 * maximum-likelihood logistic fit logit P(won) = a + b_f·fit + b_e·engagement
 * (no penalty) on the labelled leads, and the ratio r = b_e / b_f with a
 * delta-method 95 % interval. The model adds the two sub-scores with equal
 * weight (r = 1 by construction): r < 1 means its engagement points count
 * for less than the model gives them (behaviour over-weighted), r > 1 the
 * opposite.
 */
import { Z95 } from "../metrics/normal.js";
import { PairIndex } from "../metrics/pair-index.js";
import type { Interval } from "../metrics/types.js";

export interface RelativeWeight {
  n: number;
  intercept: number;
  /** Log-odds per fit point, and its standard error. */
  bFit: number;
  seFit: number;
  /** Log-odds per engagement point, and its standard error. */
  bEngagement: number;
  seEngagement: number;
  /** b_e / b_f; null when it cannot be estimated (see note). */
  ratio: number | null;
  /** ratio ± 1.96·se (delta method); null with ratio. */
  ci95: Interval | null;
  converged: boolean;
  /** Why the ratio is missing or not to be trusted; null when fine. */
  note: string | null;
}

interface Grouped { x1: Float64Array; x2: Float64Array; won: Float64Array; lost: Float64Array }

/** Collapses leads with the same (fit, engagement) into one row with won/lost counts. */
function group(fit: ArrayLike<number>, eng: ArrayLike<number>, labels: ArrayLike<number>): Grouped {
  // Keyed by the two numbers through a hash index on typed arrays (a Map of Maps boxed a number per
  // lead: 0.5 s at a million leads); rows in order of first appearance, 0 and −0 one key, NaN one key.
  const index = new PairIndex(Math.min(labels.length, 1 << 16));
  let won = new Float64Array(1024), lost = new Float64Array(1024);
  for (let i = 0; i < labels.length; i++) {
    const k = index.add(fit[i], eng[i]);
    if (k >= won.length) {
      const w = new Float64Array(won.length * 2), l = new Float64Array(won.length * 2);
      w.set(won);
      l.set(lost);
      won = w;
      lost = l;
    }
    if (labels[i] === 1) won[k]++;
    else lost[k]++;
  }
  const d = index.size;
  return { x1: index.first.slice(0, d), x2: index.second.slice(0, d), won: won.slice(0, d), lost: lost.slice(0, d) };
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves the 3×3 system H·s = g (symmetric positive definite) and returns s and H⁻¹, or null when singular. */
function solve3(h: number[][], g: number[]): { step: number[]; inv: number[][] } | null {
  const [a, b, c] = h[0], [, e, f] = h[1], [, , i] = h[2];
  const d = b, gg = c, hh = f;
  const A = e * i - f * hh, B = -(d * i - f * gg), C = d * hh - e * gg;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 1e-300)) return null;
  const inv = [
    [A, -(b * i - c * hh), b * f - c * e],
    [B, a * i - c * gg, -(a * f - c * d)],
    [C, -(a * hh - b * gg), a * e - b * d],
  ].map((row) => row.map((v) => v / det));
  return { step: inv.map((row) => row[0] * g[0] + row[1] * g[1] + row[2] * g[2]), inv };
}

/**
 * Fits logit P(won) = a + b_f·fit + b_e·engagement by Newton's method with
 * step halving on grouped rows (converged when the largest step is below
 * 1e-8·(1 + max |θ|) in the standardised coefficients, or when a step below
 * 1e-6·(1 + max |θ|) changes the log-likelihood by no more than its rounding,
 * 1e-12 relative: the optimum to the log-likelihood's rounding). A tighter
 * step bound (1e-10, before 2026-12-06) could never be met on the sample's
 * starting v1: rounding in the gradient's sum over the groups keeps the Newton
 * step at 5.5e-10 at the optimum, and the fit was reported as not converged.
 * The two variables are standardised internally;
 * standard errors from the inverse observed information. Labels 1 won, 0
 * lost (open leads removed first).
 * @throws when lengths differ.
 * @example relativeWeight(fit, engagement, labels).ratio // 0.5 when an engagement point adds half a fit point's log-odds
 */
export function relativeWeight(fit: ArrayLike<number>, engagement: ArrayLike<number>, labels: ArrayLike<number>): RelativeWeight {
  const n = labels.length;
  if (fit.length !== n || engagement.length !== n) throw new Error(`relativeWeight: fit (${fit.length}), engagement (${engagement.length}) and labels (${n}) must have the same length; pass the same labelled leads.`);
  const g = group(fit, engagement, labels);
  const m = g.x1.length;
  let total = 0, wonAll = 0;
  const mean = [0, 0];
  for (let k = 0; k < m; k++) {
    const w = g.won[k] + g.lost[k];
    total += w; wonAll += g.won[k];
    mean[0] += w * g.x1[k]; mean[1] += w * g.x2[k];
  }
  const empty: RelativeWeight = { n, intercept: NaN, bFit: NaN, seFit: NaN, bEngagement: NaN, seEngagement: NaN, ratio: null, ci95: null, converged: false, note: null };
  if (wonAll === 0 || wonAll === total) return { ...empty, note: `${wonAll} won of ${total} labelled leads: both outcomes are needed.` };
  mean[0] /= total; mean[1] /= total;
  const sd = [0, 0];
  for (let k = 0; k < m; k++) {
    const w = g.won[k] + g.lost[k];
    sd[0] += w * (g.x1[k] - mean[0]) ** 2; sd[1] += w * (g.x2[k] - mean[1]) ** 2;
  }
  sd[0] = Math.sqrt(sd[0] / total); sd[1] = Math.sqrt(sd[1] / total);
  if (sd[1] === 0) return { ...empty, note: "every labelled lead has the same engagement score: there is no engagement score to weigh." };
  if (sd[0] === 0) return { ...empty, note: "every labelled lead has the same fit score: there is no fit score to weigh against." };
  const z1 = g.x1.map((v) => (v - mean[0]) / sd[0]), z2 = g.x2.map((v) => (v - mean[1]) / sd[1]);
  const loglik = (t: number[]) => {
    let ll = 0;
    for (let k = 0; k < m; k++) {
      const eta = t[0] + t[1] * z1[k] + t[2] * z2[k];
      // log σ(η) = −log(1 + e^−η), log(1 − σ(η)) = −log(1 + e^η), both from l = log(1 + e^−|η|)
      const l = Math.log1p(Math.exp(-Math.abs(eta)));
      ll -= g.won[k] * (eta > 0 ? l : -eta + l);
      ll -= g.lost[k] * (eta > 0 ? eta + l : l);
    }
    return ll;
  };
  let theta = [Math.log(wonAll / (total - wonAll)), 0, 0];
  let ll = loglik(theta);
  let inv: number[][] | null = null;
  let converged = false;
  for (let it = 0; it < 100; it++) {
    // Scalars, not an array per row (a million rows): the gradient and the upper triangle of the
    // Hessian, which is all solve3 reads (x = [1, z1, z2]; products in the order v·x_a·x_b).
    let g0 = 0, g1 = 0, g2 = 0, h00 = 0, h01 = 0, h02 = 0, h11 = 0, h12 = 0, h22 = 0;
    const [t0, t1, t2] = theta;
    for (let k = 0; k < m; k++) {
      const x1 = z1[k], x2 = z2[k];
      const w = g.won[k] + g.lost[k];
      const p = sigmoid(t0 + t1 * x1 + t2 * x2);
      const r = g.won[k] - w * p, v = w * p * (1 - p);
      g0 += r; g1 += r * x1; g2 += r * x2;
      h00 += v; h01 += v * x1; h02 += v * x2;
      h11 += v * x1 * x1; h12 += v * x1 * x2; h22 += v * x2 * x2;
    }
    const grad = [g0, g1, g2];
    const h = [[h00, h01, h02], [h01, h11, h12], [h02, h12, h22]];
    const s = solve3(h, grad);
    if (!s) break;
    inv = s.inv;
    const maxStep = Math.max(...s.step.map(Math.abs));
    if (maxStep < 1e-8 * (1 + Math.max(...theta.map(Math.abs)))) {
      // the last, tiny Newton step is still taken: near the optimum it doubles the correct digits
      theta = theta.map((t, a) => t + s.step[a]);
      converged = true;
      break;
    }
    let f = 1;
    let next = theta.map((t, a) => t + s.step[a]);
    let nextLl = loglik(next);
    while (nextLl < ll - 1e-12 && f > 1e-8) {
      f /= 2;
      next = theta.map((t, a) => t + f * s.step[a]);
      nextLl = loglik(next);
    }
    // No step improves the log-likelihood beyond its rounding while the Newton step is tiny: at the optimum.
    if (f <= 1e-8 && maxStep < 1e-6 * (1 + Math.max(...theta.map(Math.abs)))) {
      converged = true;
      break;
    }
    // A small step that no longer changes the log-likelihood (beyond rounding) has converged too.
    const flat = maxStep < 1e-6 * (1 + Math.max(...theta.map(Math.abs))) && Math.abs(nextLl - ll) <= 1e-12 * (1 + Math.abs(ll));
    theta = next;
    ll = nextLl;
    if (flat) {
      converged = true;
      break;
    }
  }
  if (!inv) return { ...empty, note: "the information matrix is singular (fit and engagement are collinear on these leads)." };
  // Back to points: b = β/sd; Cov(b_f, b_e) = Cov(β_f, β_e)/(sd_f·sd_e).
  const bFit = theta[1] / sd[0], bEng = theta[2] / sd[1];
  const vF = inv[1][1] / sd[0] ** 2, vE = inv[2][2] / sd[1] ** 2, cFE = inv[1][2] / (sd[0] * sd[1]);
  const intercept = theta[0] - bFit * mean[0] - bEng * mean[1];
  const out: RelativeWeight = { n, intercept, bFit, seFit: Math.sqrt(vF), bEngagement: bEng, seEngagement: Math.sqrt(vE), ratio: null, ci95: null, converged, note: null };
  if (!converged) return { ...out, note: "the fit did not converge (the outcomes may be separated by the scores)." };
  if (!(bFit > 0) || Math.abs(bFit) < Z95 * out.seFit) {
    return { ...out, note: `a fit point does not clearly raise the odds of winning (b_fit ${bFit.toPrecision(3)} ± ${(Z95 * out.seFit).toPrecision(2)}): no ratio to fit points.` };
  }
  const ratio = bEng / bFit;
  // Delta method: Var(r) ≈ r²·(vE/b_e² + vF/b_f² − 2·cFE/(b_e·b_f)), written without dividing by b_e.
  const se = Math.sqrt(Math.max(0, vE / bFit ** 2 + (ratio ** 2 * vF) / bFit ** 2 - (2 * ratio * cFE) / bFit ** 2));
  return { ...out, ratio, ci95: [ratio - Z95 * se, ratio + Z95 * se] };
}
