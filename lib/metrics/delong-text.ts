/**
 * The paired DeLong comparison in words: the one formatter of its interval
 * and p-value that the pages, the CLI and the suggestion's change note share.
 * Numbers are written with a fixed number of decimals (interval 3, p 4) and
 * never with an exponent; a p-value below 0.0001 is written "p < 0.0001".
 * A value that is not finite is written "–", as the pages write it.
 */
import type { DelongPairedResult } from "./delong-paired.js";

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

/**
 * A paired DeLong p-value: "p < 0.0001" or "p = 0.0123" (four decimals).
 * @example pairedDelongP(1.7e-15) // "p < 0.0001"
 * @example pairedDelongP(0.0321) // "p = 0.0321"
 */
export function pairedDelongP(p: number): string {
  return p < 0.0001 ? "p < 0.0001" : `p = ${fixed(p, 4)}`;
}

/**
 * The 95 % interval of the AUC difference, three decimals.
 * @example pairedDelongCi({ ci95: [0.0641, 0.0789] }) // "95 % CI 0.064 to 0.079"
 */
export function pairedDelongCi(d: Pick<DelongPairedResult, "ci95">): string {
  return `95 % CI ${fixed(d.ci95[0], 3)} to ${fixed(d.ci95[1], 3)}`;
}

/**
 * The interval and the p-value: "95 % CI 0.064 to 0.079, p < 0.0001".
 * The sentence around it (which AUCs, how many leads, the verdict) stays with its page.
 */
export function pairedDelongText(d: Pick<DelongPairedResult, "ci95" | "p">): string {
  return `${pairedDelongCi(d)}, ${pairedDelongP(d.p)}`;
}

/**
 * A p-value in words as the Calibration page and the published report write
 * it beside a z: "p < 0.0001", four decimals below 0.001, else three
 * ("p = 0.032"); "p –" when not finite. Kept apart from pairedDelongP because
 * those pages have always shown three decimals (src/components/glossary.ts
 * re-exports it as fmtP).
 */
export function pValueWords(p: number): string {
  if (!Number.isFinite(p)) return "p –";
  return p < 0.0001 ? "p < 0.0001" : `p = ${p < 0.001 ? p.toFixed(4) : p.toFixed(3)}`;
}
