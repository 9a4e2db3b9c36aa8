import { describe, expect, it } from "vitest";
import { designFromCsr, designFromLists, rowSums, toBinomialRows } from "../../lib/fit/design.js";

describe("designFromLists", () => {
  it("sorts each row and builds CSR offsets", () => {
    const d = designFromLists([[2, 0], [], [1]], [1, 0, 1], 3);
    expect(Array.from(d.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(d.indices)).toEqual([0, 2, 1]);
    expect(d.weights).toBeUndefined();
  });
  it("refuses duplicates, out-of-range indices and non-0/1 labels, naming the fix", () => {
    expect(() => designFromLists([[1, 1]], [1], 3)).toThrow(/strictly ascending.*row 0.*remove duplicates/);
    expect(() => designFromLists([[3]], [1], 3)).toThrow(/in \[0, nCols\).*index 3/);
    expect(() => designFromLists([[0]], [2], 3)).toThrow(/labels must be 0 \(lost\) or 1 \(won\); received labels\[0\] = 2/);
    expect(() => designFromLists([[0]], [1], 3, [-1])).toThrow(/weights must be finite and ≥ 0/);
  });
});

describe("designFromCsr", () => {
  it("checks offsets against the labels", () => {
    expect(() => designFromCsr(Int32Array.of(0), new Int32Array(0), Uint8Array.of(1), 1)).toThrow(/one entry more than labels/);
  });
});

describe("toBinomialRows / rowSums", () => {
  it("turns labels and weights into won / lost totals and sums row values", () => {
    const d = designFromLists([[0, 1], [1]], [1, 0], 2, [2, 3]);
    const b = toBinomialRows(d);
    expect(Array.from(b.won)).toEqual([2, 0]);
    expect(Array.from(b.lost)).toEqual([0, 3]);
    expect(Array.from(rowSums(b, [10, -4], 100))).toEqual([106, 96]);
  });
});
