import { describe, expect, it } from "vitest";
import { delongPaired } from "../../lib/metrics/delong-paired.js";
import { pValueWords, pairedDelongCi, pairedDelongP, pairedDelongText } from "../../lib/metrics/delong-text.js";

describe("the paired DeLong sentence (one formatter)", () => {
  it("writes p with four decimals and never an exponent", () => {
    expect(pairedDelongP(1.7e-15)).toBe("p < 0.0001");
    expect(pairedDelongP(0.00009999)).toBe("p < 0.0001");
    expect(pairedDelongP(0.0001)).toBe("p = 0.0001");
    expect(pairedDelongP(0.0321)).toBe("p = 0.0321");
    expect(pairedDelongP(0.5)).toBe("p = 0.5000");
    expect(pairedDelongP(NaN)).toBe("p = –");
  });

  it("writes the interval with three decimals, as the review and workshop pages did", () => {
    // The Review page's draft comparison on the bundled sample read "95 % CI 0.064 to 0.079, p < 0.0001".
    expect(pairedDelongText({ ci95: [0.06412, 0.07895], p: 3e-80 })).toBe("95 % CI 0.064 to 0.079, p < 0.0001");
    // The Workshop page's consensus vs fitted read "95 % CI -0.036 to -0.027, p < 0.0001" (ASCII minus from toFixed).
    expect(pairedDelongText({ ci95: [-0.0364, -0.0272], p: 1e-40 })).toBe("95 % CI -0.036 to -0.027, p < 0.0001");
    expect(pairedDelongCi({ ci95: [NaN, 0.1] })).toBe("95 % CI – to 0.100");
  });

  it("formats a real paired test: identical scores give Δ = 0 and p = 1", () => {
    const s = [0.1, 0.4, 0.35, 0.8, 0.7, 0.2];
    const y = [0, 0, 1, 1, 1, 0];
    const d = delongPaired(s, s, y);
    expect(pairedDelongText(d)).toBe("95 % CI 0.000 to 0.000, p = 1.0000");
  });
});

describe("pValueWords (the Calibration page's and the report's form, fmtP)", () => {
  it("keeps three decimals from 0.001 up, four below, and never an exponent", () => {
    expect(pValueWords(2e-9)).toBe("p < 0.0001");
    expect(pValueWords(0.00042)).toBe("p = 0.0004");
    expect(pValueWords(0.0321)).toBe("p = 0.032");
    expect(pValueWords(Infinity)).toBe("p –");
  });
});
