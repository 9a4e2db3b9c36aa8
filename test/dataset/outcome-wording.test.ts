/**
 * Pages word outcomes after the active dataset (lib/dataset outcomeWording):
 * deals and a maturity window only where deals define outcomes; the label
 * column and its values where a label does.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outcomeWording, parseDatasetDescription } from "../../lib/dataset/index.js";

const read = (file: string) => parseDatasetDescription(JSON.parse(readFileSync(file, "utf8")), file);

describe("outcomeWording", () => {
  it("speaks of deals and the maturity window for the sample (outcomes from deals)", () => {
    const w = outcomeWording(read("data/sample.dataset.json"));
    expect(w.source).toBe("deals");
    expect(w.rule).toContain("no deal 90 days after its creation");
    expect(w.lost).toBe("no won deal, and all deals lost or no deal after the 90-day maturity window");
  });

  it("speaks of the label column, and of no deal or maturity, for X Education (outcomes from a label)", () => {
    const w = outcomeWording(read("test/dataset/fixtures/x-education.dataset.json"));
    expect(w.source).toBe("label");
    expect(w.rule).toBe('Outcomes come from the label column "Converted" of the leads file: won when it is "1", lost when it is "0", open when it is empty or anything else.');
    expect(w.lost).toBe('Converted is "0"');
    expect(`${w.rule} ${w.lost}`).not.toMatch(/deal|matur|90/i);
  });

  it("follows outcomeFrom when both a label and deals are mapped", () => {
    const d = read("data/sample.dataset.json");
    const both = { ...d, leads: { ...d.leads, label: { column: "won", positive: ["yes"], negative: ["no"] } } };
    expect(outcomeWording({ ...both, outcomeFrom: "label" }).source).toBe("label");
    expect(outcomeWording({ ...both, outcomeFrom: "deals", maturityDays: 30 }).lost).toContain("30-day maturity window");
  });
});
