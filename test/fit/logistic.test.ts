import { describe, expect, it } from "vitest";
import { collapseRows } from "../../lib/fit/collapse.js";
import { designFromLists, toBinomialRows } from "../../lib/fit/design.js";
import { fitLogistic } from "../../lib/fit/logistic.js";
import { readFixture } from "./fixture.js";

// Reference values: test/fit/reference/logistic_reference.py on
// test/fit/fixtures/logistic-600.csv (scikit-learn 1.2.1 LogisticRegression,
// penalty='l2', tol=1e-10, max_iter=100000; SciPy 1.10.1 BFGS for the prior mean).
const SKLEARN_C1 = {
  intercept: -1.5367516131126215,
  coef: [1.1755583320980005, -0.8255301233595265, 0.46323188285341727, 0.0038493385471623305, 0.37475814937006136, 1.9168488431556445],
};
const SKLEARN_C1_LBFGS = {
  intercept: -1.5367537053207,
  coef: [1.175558824802419, -0.8255259319468281, 0.4632305368448748, 0.0038522541124612385, 0.37475991347922144, 1.916848949395975],
};
const SKLEARN_C01_WEIGHTED = {
  intercept: -1.5203689955583963,
  coef: [0.9001806916305722, -0.629564223340335, 0.38573522902682783, 0.10651633320864397, 0.47997876598353806, 1.5879929628975804],
};
const SCIPY_PRIOR_C05 = {
  intercept: -1.5534909972869528,
  coef: [1.1582456104224224, -0.8359979391019058, 0.44386427303290016, 0.07423715902457587, 0.3658958010484634, 1.9192669256925439],
};

function expectClose(fit: { intercept: number; coef: ArrayLike<number> }, ref: typeof SKLEARN_C1, tol = 1e-4) {
  expect(Math.abs(fit.intercept - ref.intercept)).toBeLessThan(tol);
  ref.coef.forEach((c, j) => expect(Math.abs(fit.coef[j] - c)).toBeLessThan(tol));
}

describe("fitLogistic", () => {
  const { design, rows, y, w } = readFixture("logistic-600.csv");

  it("matches scikit-learn LogisticRegression(C=1) (newton-cg and lbfgs)", () => {
    const fit = fitLogistic(toBinomialRows(design));
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(15);
    expect(fit.warnings).toEqual([]);
    expectClose(fit, SKLEARN_C1);
    expectClose(fit, SKLEARN_C1_LBFGS);
  });

  it("matches scikit-learn with sample weights and C = 0.1", () => {
    const weighted = designFromLists(rows, y, 6, w);
    expectClose(fitLogistic(toBinomialRows(weighted), { C: 0.1 }), SKLEARN_C01_WEIGHTED);
  });

  it("collapsed weighted fit equals the uncollapsed fit", () => {
    const full = fitLogistic(toBinomialRows(design));
    const collapsed = collapseRows(design);
    expect(collapsed.nRows).toBeLessThan(64); // 6 binary criteria: at most 2⁶ vectors
    const fit = fitLogistic(collapsed);
    expect(Math.abs(fit.intercept - full.intercept)).toBeLessThan(1e-9);
    full.coef.forEach((c, j) => expect(Math.abs(fit.coef[j] - c)).toBeLessThan(1e-9));
    expect(fit.objective).toBeCloseTo(full.objective, 8);
  });

  it("shrinks toward a prior mean: penalty (λ/2)·Σ(β − m)² (SciPy BFGS reference)", () => {
    const priorMean = [0.5, -0.5, 0, 1, 0, 1];
    expectClose(fitLogistic(collapseRows(design), { C: 0.5, priorMean }), SCIPY_PRIOR_C05);
    // a very strong penalty pins the coefficients to the prior
    const pinned = fitLogistic(collapseRows(design), { C: 1e-9, priorMean });
    priorMean.forEach((m, j) => expect(pinned.coef[j]).toBeCloseTo(m, 6));
  });

  it("holds excluded criteria at 0 and equals a fit on the remaining columns", () => {
    const include = [1, 1, 0, 1, 1, 1];
    const masked = fitLogistic(collapseRows(design), { include });
    const dropped = designFromLists(rows.map((r) => r.filter((j) => j !== 2).map((j) => (j > 2 ? j - 1 : j))), y, 5);
    const ref = fitLogistic(collapseRows(dropped));
    expect(masked.coef[2]).toBe(0);
    [0, 1, 3, 4, 5].forEach((j, k) => expect(masked.coef[j]).toBeCloseTo(ref.coef[k], 9));
  });

  it("warns about separation without a penalty and still returns", () => {
    // criterion 0 is met only by won leads: perfect quasi-separation
    const sep = designFromLists([[0], [0], [0], [1], [1], [], [], [], [1]], [1, 1, 1, 0, 1, 0, 1, 0, 0], 2);
    const fit = fitLogistic(toBinomialRows(sep), { C: Infinity, maxIter: 50 });
    const codes = fit.warnings.map((x) => x.code);
    expect(codes).toContain("separation");
    expect(fit.warnings.find((x) => x.code === "separation")?.columns).toEqual([0]);
    // with the default penalty the same data fit cleanly
    expect(fitLogistic(toBinomialRows(sep)).warnings).toEqual([]);
  });

  it("warns about a criterion nobody meets", () => {
    const d = designFromLists([[0], [], [0], []], [1, 0, 0, 1], 2);
    const fit = fitLogistic(toBinomialRows(d));
    expect(fit.warnings.map((x) => x.code)).toEqual(["empty-column"]);
    expect(fit.coef[1]).toBe(0);
  });

  it("refuses a non-positive C with a message that names the fix", () => {
    expect(() => fitLogistic(toBinomialRows(design), { C: 0 })).toThrow(/C must be > 0.*Infinity for no penalty/);
  });
});
