/** Score → probability map p = σ(a + b·s) (METHODS.md §4, Platt). */
export interface ScoreMap {
  readonly a: number;
  readonly b: number;
}

export interface ScoreMapFit extends ScoreMap {
  /** summed weighted log loss (nats) at (a, b) */
  readonly logLoss: number;
  readonly iterations: number;
}

/**
 * P(win | score) under a map: σ(a + b·s).
 *
 * @example scoreProbability({ a: 0, b: 1 }, 0) // 0.5
 */
export function scoreProbability(map: ScoreMap, score: number): number {
  const z = map.a + map.b * score;
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Maximum-likelihood fit of p = σ(a + b·s) to scores with weighted won / lost
 * counts (one entry per distinct score, or per lead with 0/1 counts), by Newton
 * steps on the centred score with step halving. Unpenalised; when every
 * weighted score is the same, b = 0 and a is the logit of the win rate.
 *
 * Used by the integer refinement (on score histograms) and by the cost/value
 * threshold. `init` warm-starts the iteration.
 *
 * @throws when the arrays differ in length or hold no won or no lost weight.
 * @example fitScoreMap([0, 1], [1, 3], [3, 1]).b // ≈ 2.1972 (= 2·ln 3)
 */
export function fitScoreMap(
  scores: ArrayLike<number>,
  won: ArrayLike<number>,
  lost: ArrayLike<number>,
  init?: ScoreMap,
): ScoreMapFit {
  const n = scores.length;
  if (won.length !== n || lost.length !== n)
    throw new Error(`fitScoreMap: scores, won and lost must have the same length; received ${n}, ${won.length}, ${lost.length}. Pass one count pair per score.`);
  let W1 = 0;
  let W = 0;
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const w = won[i] + lost[i];
    if (w === 0) continue;
    W1 += won[i];
    W += w;
    sx += w * scores[i];
  }
  if (!(W1 > 0) || !(W - W1 > 0))
    throw new Error(`fitScoreMap: needs both won and lost weight; received won ${W1}, lost ${W - W1}. Fit on labelled leads of both outcomes.`);
  const c = sx / W;
  for (let i = 0; i < n; i++) {
    const w = won[i] + lost[i];
    if (w > 0) sxx += w * (scores[i] - c) ** 2;
  }
  const loss = (a: number, b: number) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const w1 = won[i];
      const w0 = lost[i];
      if (w1 + w0 === 0) continue;
      const z = a + b * (scores[i] - c);
      const sp = Math.log1p(Math.exp(-Math.abs(z)));
      f += w1 * (Math.max(-z, 0) + sp) + w0 * (Math.max(z, 0) + sp);
    }
    return f;
  };
  if (sxx <= 0) {
    const a = Math.log(W1 / (W - W1));
    return { a, b: 0, logLoss: loss(a, 0), iterations: 0 };
  }
  // centred parameters: z = ac + b·(s − c)
  let b = init ? init.b : 0;
  let ac = init ? init.a + init.b * c : Math.log(W1 / (W - W1));
  let f = loss(ac, b);
  let it = 0;
  for (; it < 100; it++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < n; i++) {
      const w1 = won[i];
      const w = w1 + lost[i];
      if (w === 0) continue;
      const x = scores[i] - c;
      const z = ac + b * x;
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const g = w * p - w1;
      const h = w * p * (1 - p);
      g0 += g;
      g1 += g * x;
      h00 += h;
      h01 += h * x;
      h11 += h * x * x;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) break;
    const d0 = (h11 * g0 - h01 * g1) / det;
    const d1 = (h00 * g1 - h01 * g0) / det;
    let t = 1;
    let fNew = loss(ac - d0, b - d1);
    while (fNew > f && t > 1e-8) {
      t *= 0.5;
      fNew = loss(ac - t * d0, b - t * d1);
    }
    if (fNew > f) break;
    ac -= t * d0;
    b -= t * d1;
    const done = f - fNew <= 1e-13 * Math.max(1, f) && Math.abs(t * d0) + Math.abs(t * d1) * Math.sqrt(sxx / W) < 1e-9;
    f = fNew;
    if (done) break;
  }
  return { a: ac - b * c, b, logLoss: f, iterations: it };
}
