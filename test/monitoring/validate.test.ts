import { describe, expect, it } from "vitest";
import { checkInput } from "../../lib/monitoring/validate.js";
import { columns } from "./helpers.js";

const ok = columns([{ at: "2024-01-01", score: 1, y: 1, points: { a: 1 } }, { at: "2024-01-02", score: 2, y: -1 }], ["a"]);

describe("checkInput", () => {
  it("accepts typed and plain arrays and returns n", () => {
    expect(checkInput("f", ok)).toBe(2);
    expect(checkInput("f", { score: [1, 2], outcome: [0, 1], createdAt: [0, 1] })).toBe(2);
  });

  it("says what is wrong, the rule, the value and the fix", () => {
    expect(() => checkInput("f", { ...ok, outcome: [1] })).toThrow(/f: outcome must have one entry per lead; received 1 for 2 scores. Pass columns/);
    expect(() => checkInput("f", { ...ok, score: [NaN, 1] })).toThrow(/f: scores must be finite numbers; score\[0\] is NaN. Drop or impute/);
    expect(() => checkInput("f", { ...ok, createdAt: [0, Infinity] })).toThrow(/createdAt must be epoch milliseconds; createdAt\[1\] is Infinity/);
    expect(() => checkInput("f", { ...ok, criteria: [ok.criteria![0], ok.criteria![0]] })).toThrow(/criterion ids must be unique; "a" appears twice/);
    expect(() => checkInput("f", { ...ok, criteria: [{ id: "b", label: "B", points: [0, NaN] }] })).toThrow(/"b" points\[1\] is NaN. Use 0 when/);
    expect(() => checkInput("f", { ...ok, criteria: undefined }, true)).toThrow(/f: requires criteria/);
  });

  it("checks an input once, and again when a column was replaced or criteria are newly required", () => {
    const input = { score: [1, 2], outcome: [0, 1], createdAt: [0, 1] } as import("../../lib/monitoring/types.js").ReviewInput;
    expect(checkInput("f", input)).toBe(2);
    expect(checkInput("f", input)).toBe(2);
    expect(() => checkInput("f", input, true)).toThrow(/f: requires criteria/);
    input.outcome = [0, 7];
    expect(() => checkInput("g", input)).toThrow(/g: outcome must be 1 \(won\), 0 \(lost\) or −1 \(open\); outcome\[1\] is 7/);
    input.outcome = [0, 1];
    input.criteria = [{ id: "a", label: "A", points: [0, NaN] }];
    expect(() => checkInput("h", input)).toThrow(/h: criterion points must be finite; "a" points\[1\] is NaN/);
    input.criteria = [{ id: "a", label: "A", points: [0, 1] }];
    expect(checkInput("h", input, true)).toBe(2);
  });
});
