"""Reference values for test/fit/logistic.test.ts.

Writes test/fit/fixtures/logistic-600.csv (600 leads × 6 binary criteria,
label y, integer weight w) from a seeded NumPy generator and prints the
scikit-learn / SciPy coefficients that the test records.

Run: /usr/bin/python3 test/fit/reference/logistic_reference.py
(Debian python3-sklearn 1.2.1, python3-scipy 1.10.1, python3-numpy 1.24.2)
"""
import json
import os

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "fixtures", "logistic-600.csv")

rng = np.random.default_rng(20240601)
n, p = 600, 6
rates = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.25])
X = (rng.random((n, p)) < rates).astype(int)
true = np.array([1.2, -0.8, 0.5, 0.0, 0.3, 2.0])
eta = -1.5 + X @ true
y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
w = rng.integers(1, 4, n)
with open(path, "w") as f:
    f.write(",".join([f"x{j}" for j in range(p)] + ["y", "w"]) + "\n")
    for i in range(n):
        f.write(",".join(str(v) for v in list(X[i]) + [y[i], w[i]]) + "\n")

out = {}
for name, C, sw, solver in [
    ("C1_newton", 1.0, None, "newton-cg"),
    ("C1_lbfgs", 1.0, None, "lbfgs"),
    ("C0.1_weighted", 0.1, w, "newton-cg"),
]:
    m = LogisticRegression(C=C, penalty="l2", solver=solver, tol=1e-10, max_iter=100000)
    m.fit(X, y, sample_weight=sw)
    out[name] = {"intercept": float(m.intercept_[0]), "coef": [float(v) for v in m.coef_[0]]}

# prior mean (shrink toward expert coefficients): no sklearn option, so minimise
# Σ logloss + (λ/2)·Σ(β − m)² directly with SciPy BFGS, C = 0.5 (λ = 2).
prior = np.array([0.5, -0.5, 0.0, 1.0, 0.0, 1.0])
lam = 2.0


def obj(theta):
    b0, b = theta[0], theta[1:]
    z = b0 + X @ b
    ll = np.sum(np.logaddexp(0, z) - y * z)
    pr = 1 / (1 + np.exp(-z))
    g0 = np.sum(pr - y)
    g = X.T @ (pr - y) + lam * (b - prior)
    return ll + 0.5 * lam * np.sum((b - prior) ** 2), np.concatenate([[g0], g])


res = minimize(obj, np.zeros(p + 1), jac=True, method="BFGS", options={"gtol": 1e-11, "maxiter": 10000})
out["prior_C0.5_scipy"] = {"intercept": float(res.x[0]), "coef": [float(v) for v in res.x[1:]]}
print(json.dumps(out, indent=1))
