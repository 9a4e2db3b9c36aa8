"""Reference values for the metrics tests, from scikit-learn / scipy / numpy
on test/metrics/fixtures/datasets.json. Documentation only: the tests do not
run Python; the printed numbers are copied into test/metrics/*.test.ts with
their source named. Produced with Debian 12 python3-sklearn 1.2.1,
scipy 1.10.1, numpy 1.24.2.

    /usr/bin/python3 test/metrics/reference/reference_values.py
"""
import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from scipy import optimize, stats
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score, roc_curve

D = json.loads((pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "datasets.json").read_text())
out = {"versions": {"sklearn": sklearn.__version__, "numpy": np.__version__}}


def delong_components(s, y):
    """DeLong (1988) structural components straight from the n+ x n- psi matrix."""
    s = np.asarray(s, float)
    y = np.asarray(y)
    pos, neg = s[y == 1], s[y == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    return psi.mean(axis=1), psi.mean(axis=0)  # V10 (per won), V01 (per lost)


def delong(s, y):
    v10, v01 = delong_components(s, y)
    var = v10.var(ddof=1) / len(v10) + v01.var(ddof=1) / len(v01)
    a = v10.mean()
    z = stats.norm.ppf(0.975)
    return {"auc": a, "variance": var, "se": np.sqrt(var),
            "ci95": [max(0, a - z * np.sqrt(var)), min(1, a + z * np.sqrt(var))]}


def delong_paired(sa, sb, y):
    """pROC roc.test(method='delong', paired=TRUE): covariance of the V components."""
    a10, a01 = delong_components(sa, y)
    b10, b01 = delong_components(sb, y)
    s10 = np.cov(np.vstack([a10, b10]), ddof=1)
    s01 = np.cov(np.vstack([a01, b01]), ddof=1)
    S = s10 / len(a10) + s01 / len(a01)
    diff = a10.mean() - b10.mean()
    se = np.sqrt(S[0, 0] + S[1, 1] - 2 * S[0, 1])
    z = diff / se
    return {"aucA": a10.mean(), "aucB": b10.mean(), "diff": diff, "se": se, "z": z,
            "p": 2 * stats.norm.sf(abs(z))}


def roc(s, y):
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    return {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr.tolist()}


def ks_from_roc(s, y):
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    j = tpr - fpr
    i = int(np.argmax(j))  # first maximum = highest threshold
    return {"ks": j[i], "threshold": thr[i], "tpr": tpr[i], "fpr": fpr[i]}


# --- discrimination -------------------------------------------------------
t = D["ties"]
out["ties"] = {
    "roc_auc_score": roc_auc_score(t["labels"], t["scores"]),
    "roc_auc_score_neg": roc_auc_score(t["labels"], -np.asarray(t["scores"])),
    "delong": delong(t["scores"], t["labels"]),
    "roc_curve": roc(t["scores"], t["labels"]),
    "ks": ks_from_roc(t["scores"], t["labels"]),
}
pr = D["paired"]
out["paired"] = {
    "roc_auc_score_A": roc_auc_score(pr["labels"], pr["scoresA"]),
    "roc_auc_score_B": roc_auc_score(pr["labels"], pr["scoresB"]),
    "delongA": delong(pr["scoresA"], pr["labels"]),
    "delong_paired": delong_paired(pr["scoresA"], pr["scoresB"], pr["labels"]),
    "ksB": ks_from_roc(pr["scoresB"], pr["labels"]),
    "roc_curve_B_len": len(roc_curve(pr["labels"], pr["scoresB"], drop_intermediate=False)[0]),
}
# tiny hand example: A = [1,2,3,4,5,6], B = [2,1,4,3,6,5], y = [0,0,1,0,1,1]
out["tiny_paired"] = delong_paired([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5], [0, 0, 1, 0, 1, 1])

# --- Platt ----------------------------------------------------------------
pt = D["points"]
X = np.asarray(pt["scores"], float)[:, None]
yp = np.asarray(pt["labels"])
w = np.asarray(pt["weights"])
lr = LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, yp)
lrw = LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, yp, sample_weight=w)
out["platt"] = {"a": lr.intercept_[0], "b": lr.coef_[0, 0], "n_iter": int(lr.n_iter_[0]),
                "weighted_a": lrw.intercept_[0], "weighted_b": lrw.coef_[0, 0],
                "p_first3": lr.predict_proba(X[:3])[:, 1].tolist()}

# --- probabilities --------------------------------------------------------
pb = D["probs"]
p = np.asarray(pb["p"])
y = np.asarray(pb["labels"])
w150 = w[:150]
prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
edges = np.linspace(0, 1, 11)
idx = np.searchsorted(edges[1:-1], p, side="right")  # calibration_curve's binning
counts = np.bincount(idx, minlength=10)
nz = counts > 0
gaps = np.abs(prob_true - prob_pred)
ece = float(np.sum(counts[nz] / len(p) * gaps))
lp = np.log(np.clip(p, 1e-15, 1 - 1e-15) / (1 - np.clip(p, 1e-15, 1 - 1e-15)))
cs = LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(lp[:, None], y)
citl = optimize.brentq(lambda a: np.sum(y - 1 / (1 + np.exp(-(a + lp)))), -10, 10, xtol=1e-14)
out["probs"] = {
    "brier_score_loss": brier_score_loss(y, p),
    "brier_score_loss_weighted": brier_score_loss(y, p, sample_weight=w150),
    "log_loss": log_loss(y, p, eps=1e-15),
    "log_loss_weighted": log_loss(y, p, eps=1e-15, sample_weight=w150),
    "calibration_curve_prob_true": prob_true.tolist(),
    "calibration_curve_prob_pred": prob_pred.tolist(),
    "bin_counts_nonempty": counts[nz].tolist(),
    "ece": ece,
    "mce": float(gaps.max()),
    "cal_intercept": cs.intercept_[0],
    "cal_slope": cs.coef_[0, 0],
    "citl_brentq": citl,
}
out["log_loss_clipped"] = log_loss([1, 0, 1], [0.0, 0.0, 1.0], eps=1e-15)

# --- Brier decomposition over distinct scores ----------------------------
g = pd.DataFrame(D["grouped"])
N = len(g)
ybar = g.labels.mean()
agg = g.groupby("scores").agg(n=("labels", "size"), yk=("labels", "mean"), pk=("p", "mean"))
out["grouped"] = {
    "brier_score_loss": brier_score_loss(g.labels, g.p),
    "reliability": float((agg.n * (agg.pk - agg.yk) ** 2).sum() / N),
    "resolution": float((agg.n * (agg.yk - ybar) ** 2).sum() / N),
    "uncertainty": ybar * (1 - ybar),
}

# --- bands: win rates, monotonicity summary ------------------------------
# bands of the "ties" data at edges [3, 5, 7, 9]: [-inf,3), [3,5), [5,7), [7,9), [9,inf)
ts = pd.DataFrame(t)
band = np.searchsorted([3, 5, 7, 9], ts.scores, side="right")
bt = ts.groupby(band).labels.agg(["size", "sum"])
rates = (bt["sum"] / bt["size"]).to_numpy()
out["bands"] = {"n": bt["size"].tolist(), "wins": bt["sum"].tolist(), "rates": rates.tolist(),
                "spearman": stats.spearmanr(np.arange(len(rates)), rates).correlation}
# per-score rates (11 bands, non-monotone): spearman and weighted isotonic fit
ps = ts.groupby("scores").labels.agg(["size", "sum"])
prates = (ps["sum"] / ps["size"]).to_numpy()
iso = IsotonicRegression().fit(np.arange(len(prates)), prates, sample_weight=ps["size"].to_numpy())
out["per_score"] = {"n": ps["size"].tolist(), "rates": prates.tolist(),
                    "spearman": stats.spearmanr(np.arange(len(prates)), prates).correlation,
                    "isotonic": iso.predict(np.arange(len(prates))).tolist()}

# --- lift / gain with proportional ties (per-lead formulation) -----------
s = np.asarray(t["scores"], float)
yy = np.asarray(t["labels"])
n = len(s)
above = np.array([(s > v).sum() for v in s])  # leads strictly above lead i
same = np.array([(s == v).sum() for v in s])
lift = []
for j in range(1, 11):
    m = j * n / 10
    share = np.clip(m - above, 0, same) / same  # share of i's tie group inside the top m
    wins = float((yy * share).sum())
    lift.append({"depth": j / 10, "wins": wins, "precision": wins / m, "lift": wins / m / yy.mean(),
                 "gain": wins / yy.sum()})
out["lift"] = lift

# --- PSI hand example ----------------------------------------------------
e = np.array([0.25, 0.25, 0.25, 0.25])
a = np.array([0.1, 0.2, 0.3, 0.4])
out["psi"] = float(np.sum((a - e) * np.log(a / e)))

# --- normal cdf ----------------------------------------------------------
out["norm_cdf"] = {str(x): stats.norm.cdf(x) for x in [-8.0, -3.0, -1.0, 0.5, 1.959963984540054, 2.5, 6.0]}

# quantile cuts of the 'ties' scores, k = 5 (winRateByBand's rule restated:
# c_j = lowest distinct score with at least j·n/k leads below it)
s5 = np.asarray(D["ties"]["scores"])
cuts = sorted({min(v for v in np.unique(s5) if (s5 < v).sum() >= j * len(s5) / 5) for j in range(1, 5)})
out["quantile_cuts_k5"] = {"cuts": [int(c) for c in cuts],
                           "counts": np.bincount(np.searchsorted(cuts, s5, side="right")).tolist()}


def tolist(o):
    if isinstance(o, dict):
        return {k: tolist(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [tolist(v) for v in o]
    if isinstance(o, np.generic):
        return o.item()
    return o


print(json.dumps(tolist(out), indent=1))

