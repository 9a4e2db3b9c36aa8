"""Reference values for the review tests (test/monitoring/*.test.ts), from scipy.
Documentation only: the tests do not run Python; the printed numbers are
copied into the tests with their source named. Produced with
scipy 1.17.1 (the version is printed first).

    /usr/bin/python3 test/monitoring/reference/reference_values.py

Two-proportion z-test, pooled, two-sided, no continuity correction: scipy
chi2_contingency(correction=False) on the 2x2 table gives X^2 = z^2 and the
same p-value as statsmodels proportions_ztest and R
prop.test(c(x1, x2), c(n1, n2), correct = FALSE).
"""
import math

import numpy as np
import scipy
from scipy.stats import chi2_contingency, percentileofscore

print("scipy", scipy.__version__)


def two_prop(x1, n1, x2, n2):
    table = [[x1, n1 - x1], [x2, n2 - x2]]
    chi2, p, _, _ = chi2_contingency(table, correction=False)
    sign = 1 if x1 / n1 >= x2 / n2 else -1
    return sign * math.sqrt(chi2), p


for case in [(30, 100, 15, 100), (5, 40, 20, 60), (4, 4, 2, 5), (2, 8, 3, 5), (5, 50, 3, 5)]:
    z, p = two_prop(*case)
    print("twoProportionZ", case, "z = %.15g" % z, "p = %.15g" % p)

# Mid-rank percentile of a score among the labelled leads (best-customers.test.ts).
labelled = [10, 20, 30, 30, 5, 15, 25]
for s in [10, 20, 30]:
    print("percentileofscore(kind='mean')", s, "%.15g" % percentileofscore(labelled, s, kind="mean"))


def psi(e, a, smoothing=1e-4):
    e = np.asarray(e, float) / np.sum(e)
    a = np.asarray(a, float) / np.sum(a)
    e = np.where(e > 0, e, smoothing)
    a = np.where(a > 0, a, smoothing)
    return float(np.sum((a - e) * np.log(a / e)))


# PSI, METHODS.md §8 (score-drift.test.ts, criterion-drift.test.ts).
for e, a in [([5, 5], [2, 8]), ([5, 5], [3, 7]), ([5, 5], [4, 6]), ([5, 5], [0, 5]), ([5, 5], [10, 2])]:
    print("psi", e, a, "%.15g" % psi(e, a))
