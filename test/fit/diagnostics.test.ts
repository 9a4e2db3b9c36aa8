import { describe, expect, it } from "vitest";
import { collapseRows } from "../../lib/fit/collapse.js";
import { designFromLists, toBinomialRows } from "../../lib/fit/design.js";
import { criterionDiagnostics } from "../../lib/fit/diagnostics.js";
import { aucWeighted } from "./fixture.js";

// 500 leads, criterion 0 = "demo requested", criterion 1 = "closed by sales" tag:
//   criterion 0: with 30 won / 20 lost, without 70 won / 380 lost (E = 100, N = 400)
//   criterion 1: met by 95 of the 100 won leads and 2 of the 400 lost ones
function build() {
  const rows: number[][] = [];
  const y: number[] = [];
  const add = (n: number, won: number, crit: number[]) => {
    for (let i = 0; i < n; i++) {
      rows.push(crit);
      y.push(won);
    }
  };
  add(30, 1, [0, 1]); // 30 won with demo, all tagged
  add(65, 1, [1]); // 65 won tagged without demo
  add(5, 1, []); // 5 won without either
  add(20, 0, [0]); // 20 lost with demo
  add(2, 0, [1]);
  add(378, 0, []);
  return designFromLists(rows, y, 2);
}

describe("criterionDiagnostics", () => {
  const design = build();
  const [demo, tag] = criterionDiagnostics(collapseRows(design));

  it("win rates, lift, WoE and IV (hand-computed)", () => {
    // win rate with = 30/50 = 0.6, without = 70/450 = 0.155556; ȳ = 100/500 = 0.2 → lift 3
    // WoE_with = ln((30/100)/(20/400)) = ln 6 = 1.791759; WoE_without = ln(0.7/0.95) = −0.305382
    // IV = 0.25·1.791759 + (−0.25)·(−0.305382) = 0.447940 + 0.076345 = 0.524285 → suspicious
    expect([demo.nWith, demo.nWithout]).toEqual([50, 450]);
    expect(demo.winRateWith).toBeCloseTo(0.6, 12);
    expect(demo.winRateWithout).toBeCloseTo(70 / 450, 12);
    expect(demo.lift).toBeCloseTo(3, 12);
    expect(demo.woe).toBeCloseTo(Math.log(6), 12);
    expect(demo.iv).toBeCloseTo(0.524285, 6);
    expect(demo.band).toBe("suspicious");
    // single-criterion AUC = ½(1 + 0.3 − 0.05) = 0.625
    expect(demo.auc).toBeCloseTo(0.625, 12);
    expect(demo.leakage).toBe(true); // by IV
  });

  it("single-criterion AUC equals the mid-rank AUC of the indicator", () => {
    const rows = toBinomialRows(design);
    const has1 = Array.from({ length: rows.nRows }, (_, r) => (rows.offsets[r + 1] > rows.offsets[r] && rows.indices[rows.offsets[r + 1] - 1] === 1 ? 1 : 0));
    expect(tag.auc).toBeCloseTo(aucWeighted(has1, rows.won, rows.lost), 12);
    // 0.5·(1 + 0.95 − 0.005) = 0.9725 > 0.9 → leakage
    expect(tag.auc).toBeCloseTo(0.9725, 12);
    expect(tag.leakage).toBe(true);
  });

  it("refuses rows with only one outcome", () => {
    expect(() => criterionDiagnostics(toBinomialRows(designFromLists([[0]], [1], 1)))).toThrow(/needs both won and lost leads/);
  });
});
