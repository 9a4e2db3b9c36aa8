/**
 * The suggestion's worker starts while the page is still reading the real
 * data (a few hundred milliseconds). It spends that time fitting a small
 * made-up dataset on the model's own criteria, so that the real fit then runs
 * on code the JavaScript engine has already compiled. Nothing of it is ever
 * shown or kept.
 */
import type { Model } from "../model/schema.js";
import { designColumns } from "./columns.js";
import type { SuggestData } from "./data.js";
import { evaluateSuggestion, fitSuggestion, prepareSuggest } from "./run.js";

const DAY = 86_400_000;

/**
 * A deterministic made-up SuggestData on `model`'s criteria: `n` labelled
 * leads created over one year, each criterion slot firing on about a third of
 * them, won more often the higher the current score (so both outcomes occur
 * in the training and the test period).
 * @example warmUpData(model).n // 3000
 */
export function warmUpData(model: Model, n = 3000): SuggestData {
  const columns = designColumns(model, "model");
  const p = columns.length;
  let state = 0x9e3779b9;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const offsets = new Int32Array(n + 1);
  const indices: number[] = [];
  const labels = new Uint8Array(n);
  const createdMs = new Float64Array(n);
  const currentScore = new Float64Array(n);
  const spread = Math.max(1, columns.reduce((s, c) => s + Math.abs(c.currentPoints), 0) / 3);
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    let score = 0;
    for (let j = 0; j < p; j++)
      if (next() < 0.33) {
        indices.push(j);
        score += columns[j].currentPoints;
      }
    offsets[i + 1] = indices.length;
    currentScore[i] = score;
    labels[i] = next() < 1 / (1 + Math.exp(1 - (2 * score) / spread)) ? 1 : 0;
    createdMs[i] = start + Math.floor((i / n) * 365) * DAY;
  }
  return {
    model, candidates: null, candidateColumns: [], columns, n,
    leadIds: Array.from({ length: n }, (_, i) => `warm-up-${i}`),
    labels, createdMs, currentScore, offsets, indices: Int32Array.from(indices), meanUnit: new Float64Array(p).fill(1),
  };
}

/**
 * Fits and evaluates the made-up data once (what the page waits for before
 * its first screen; the bootstrap that follows is not). Returns false when
 * the model's criteria cannot be fitted this way (e.g. no criterion): the
 * real request is then simply not warmed up.
 */
export function warmUp(model: Model): boolean {
  try {
    const data = warmUpData(model);
    const prep = prepareSuggest(data, {});
    evaluateSuggestion(data, {}, prep, fitSuggestion(prep));
    return true;
  } catch {
    return false;
  }
}
