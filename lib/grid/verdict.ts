/**
 * The plain-language answer to "is our mix right?" from a relative weight
 * (relative-weight.ts). A version adds fit and engagement points with equal
 * weight, so the fitted ratio r = b_e / b_f is read against 1: an interval
 * wholly below 1 means engagement points are worth less than the model says
 * (it over-weights behaviour), wholly above 1 that it under-weights it.
 */
import type { RelativeWeight } from "./relative-weight.js";

export type Verdict = "over-weights behaviour" | "under-weights behaviour" | "balanced" | "unknown";

const f2 = (x: number) => x.toFixed(2);

/**
 * @example weightVerdict({ ratio: 0.6, ci95: [0.45, 0.75], … }).text
 * // => "On these leads one engagement point is worth 0.60 fit points (95 % CI 0.45–0.75); the version counts it as 1: it over-weights behaviour."
 */
export function weightVerdict(w: RelativeWeight): { verdict: Verdict; text: string } {
  if (w.ratio === null || w.ci95 === null) return { verdict: "unknown", text: `No relative weight: ${w.note ?? "it could not be estimated."}` };
  const [lo, hi] = w.ci95;
  const verdict: Verdict = hi < 1 ? "over-weights behaviour" : lo > 1 ? "under-weights behaviour" : "balanced";
  const tail =
    verdict === "balanced"
      ? "the interval includes 1, so the data do not contradict the version's equal weighting."
      : verdict === "over-weights behaviour"
        ? "it over-weights behaviour."
        : "it under-weights behaviour.";
  const point = `${f2(w.ratio)} fit point${Math.abs(w.ratio) === 1 ? "" : "s"}`;
  return { verdict, text: `On these leads one engagement point is worth ${point} (95 % CI ${f2(lo)}–${f2(hi)}); the version counts it as 1: ${tail}` };
}
