/**
 * How a page words where outcomes come from, so that it follows the active
 * dataset: deals (won deal; all deals lost, or no deal after the maturity
 * window) or a label column of the leads file (positive / negative values;
 * no maturity window at all). See outcomes.ts for the rules themselves.
 */
import { outcomeSource } from "./outcomes.js";
import type { DatasetDescription } from "./schema.js";

export interface OutcomeWording {
  source: "deals" | "label";
  /** One sentence on how a lead gets its outcome. */
  rule: string;
  /** What "lost" means here (a KPI note). */
  lost: string;
}

const values = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(" or ");

/**
 * @example outcomeWording({leads: {label: {column: "Converted", positive: ["1"], negative: ["0"]}}, maturityDays: 90} as DatasetDescription).lost
 *   // => 'Converted is "0"'
 */
export function outcomeWording(d: DatasetDescription): OutcomeWording {
  if (outcomeSource(d) === "label" && d.leads.label) {
    const l = d.leads.label;
    const col = JSON.stringify(l.column);
    return {
      source: "label",
      rule: `Outcomes come from the label column ${col} of the leads file: won when it is ${values(l.positive)}, lost when it is ${values(l.negative)}, open when it is empty or anything else.`,
      lost: `${l.column} is ${values(l.negative)}`,
    };
  }
  return {
    source: "deals",
    rule: `Outcomes come from deals: a lead is won with a won deal, lost when all its deals are lost or when it has no deal ${d.maturityDays} days after its creation, else open.`,
    lost: `no won deal, and all deals lost or no deal after the ${d.maturityDays}-day maturity window`,
  };
}
