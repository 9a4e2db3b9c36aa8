/** Weight of evidence and information value (METHODS.md §2, event = won). */

export type IvBand = "useless" | "weak" | "medium" | "strong" | "suspicious";

/**
 * Siddiqi's reading of an information value: < 0.02 useless, [0.02, 0.1) weak,
 * [0.1, 0.3) medium, [0.3, 0.5] strong, > 0.5 suspicious (check for leakage).
 *
 * @example ivBand(0.25) // "medium"
 */
export function ivBand(iv: number): IvBand {
  if (iv < 0.02) return "useless";
  if (iv < 0.1) return "weak";
  if (iv < 0.3) return "medium";
  if (iv <= 0.5) return "strong";
  return "suspicious";
}

export interface BinnedIv {
  /** WoE_i = ln((E_i/E) / (N_i/N)); positive favours winning (optbinning uses the opposite sign) */
  readonly woe: Float64Array;
  /** (E_i/E − N_i/N)·WoE_i; the IV is their sum */
  readonly contribution: Float64Array;
  readonly iv: number;
  readonly band: IvBand;
  /** true when an empty cell made us add 0.5 to every count */
  readonly smoothed: boolean;
}

/**
 * WoE per bin and IV of a binned or categorical attribute from the won (E_i)
 * and lost (N_i) counts per bin: IV = Σ_i (E_i/E − N_i/N)·ln((E_i/E)/(N_i/N)).
 * When any E_i or N_i is 0, 0.5 is added to every count of every bin first
 * (and `smoothed` is set); WoE is never silently set to 0.
 *
 * @throws when the arrays differ in length, are empty, or a count is negative.
 * @example binnedIv([20, 80], [40, 360]).iv // 0.0810930…
 */
export function binnedIv(won: ArrayLike<number>, lost: ArrayLike<number>): BinnedIv {
  const m = won.length;
  if (m === 0 || lost.length !== m)
    throw new Error(`binnedIv: needs one won and one lost count per bin; received ${m} and ${lost.length}. Pass the counts of every bin, Missing included.`);
  let smoothed = false;
  for (let i = 0; i < m; i++) {
    if (!(won[i] >= 0) || !(lost[i] >= 0))
      throw new Error(`binnedIv: counts must be ≥ 0; received won ${won[i]}, lost ${lost[i]} in bin ${i}. Pass counts (or weights) of leads.`);
    if (won[i] === 0 || lost[i] === 0) smoothed = true;
  }
  const add = smoothed ? 0.5 : 0;
  let E = 0;
  let N = 0;
  for (let i = 0; i < m; i++) {
    E += won[i] + add;
    N += lost[i] + add;
  }
  const woe = new Float64Array(m);
  const contribution = new Float64Array(m);
  let iv = 0;
  for (let i = 0; i < m; i++) {
    const e = (won[i] + add) / E;
    const n = (lost[i] + add) / N;
    woe[i] = Math.log(e / n);
    contribution[i] = (e - n) * woe[i];
    iv += contribution[i];
  }
  return { woe, contribution, iv, band: ivBand(iv), smoothed };
}
