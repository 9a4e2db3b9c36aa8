import { describe, expect, it } from "vitest";
import { GLOSSARY, aucGrade, fmtP, slopeOk, termsIn } from "../../src/components/glossary.js";

describe("the glossary of metrics", () => {
  it("gives every term a meaning and a three-way guide", () => {
    for (const t of GLOSSARY) {
      expect(t.meaning.length, t.key).toBeGreaterThan(30);
      for (const g of [t.good, t.investigate, t.bad]) expect(g.length, t.key).toBeGreaterThan(1);
    }
    expect(new Set(GLOSSARY.map((t) => t.key)).size).toBe(GLOSSARY.length);
  });

  it("finds the metrics a text names, as whole words, and the ones their explanations name", () => {
    expect(termsIn("AUC 0.81, KS 0.42")).toEqual(["auc", "ks"]);
    expect(termsIn("AUCTION of KSA assets")).toEqual([]);
    // Gini's explanation names the AUC, IV's names the lift: both come along.
    expect(termsIn("Gini 0.6")).toEqual(["auc", "gini"]);
    expect(termsIn("IV band")).toEqual(["iv", "lift"]);
    expect(termsIn("calibration slope 1.61")).toContain("slope");
  });

  it("grades an AUC on the guide's bands (0.75 good, 0.65 fair)", () => {
    expect(aucGrade(0.86).grade).toBe("strong");
    expect(aucGrade(0.75).grade).toBe("good");
    expect(aucGrade(0.7499).kind).toBe("warn");
    expect(aucGrade(0.6).kind).toBe("bad");
    expect(aucGrade(NaN).grade).toBe("not measurable");
  });

  it("reads a calibration slope as good only inside 0.9–1.1 (METHODS.md §6)", () => {
    expect(slopeOk(1.61)).toBe(false);
    expect(slopeOk(0.95)).toBe(true);
    expect(slopeOk(0.89)).toBe(false);
  });

  it("writes p-values without exponents", () => {
    expect(fmtP(1.7e-15)).toBe("p < 0.0001");
    expect(fmtP(0.0321)).toBe("p = 0.032");
    expect(fmtP(0.00042)).toBe("p = 0.0004");
  });
});
