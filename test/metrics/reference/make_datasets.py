"""Writes test/metrics/fixtures/datasets.json: the small fixed datasets the
metrics tests use. Run once (numpy seed 20240611); the JSON is committed and
the tests read only the JSON. Values are rounded so the JSON is exact.

    /usr/bin/python3 test/metrics/reference/make_datasets.py
"""
import json
import pathlib

import numpy as np

rng = np.random.default_rng(20240611)

# "ties": 120 leads, integer scores 0..10 (heavy ties), win probability rising with score.
s = rng.integers(0, 11, size=120)
y = (rng.random(120) < 1 / (1 + np.exp(-(s - 6) * 0.5))).astype(int)
ties = {"scores": s.tolist(), "labels": y.tolist()}

# "paired": 90 leads, two models on the same leads; A integer points 0..30 with ties,
# B = A plus noise, rounded to 0.5 (ties again, different ordering).
latent = rng.normal(size=90)
yp = (rng.random(90) < 1 / (1 + np.exp(-(latent * 1.3 - 0.4)))).astype(int)
a = np.clip(np.round(15 + 5 * (latent + rng.normal(scale=0.8, size=90))), 0, 30)
b = np.round(2 * (a + rng.normal(scale=4, size=90))) / 2
paired = {"scoresA": a.tolist(), "scoresB": b.tolist(), "labels": yp.tolist()}

# "points": 200 leads with scorecard points 350..750 (needs standardising), for Platt.
pts = np.round(rng.normal(560, 70, size=200)).astype(int)
ypts = (rng.random(200) < 1 / (1 + np.exp(-(-9.0 + 0.015 * pts)))).astype(int)
points = {"scores": pts.tolist(), "labels": ypts.tolist(),
          "weights": np.round(rng.uniform(0.5, 3, size=200), 2).tolist()}

# "probs": 150 predicted probabilities (overconfident model) with outcomes, for
# brier / log loss / ECE / calibration slope. A coarse score (0..9) groups them.
z = rng.normal(size=150)
true_p = 1 / (1 + np.exp(-(z - 0.3)))
yprob = (rng.random(150) < true_p).astype(int)
phat = np.round(1 / (1 + np.exp(-(1.8 * z - 0.1))), 4)
phat = np.clip(phat, 0.0001, 0.9999)
probs = {"p": phat.tolist(), "labels": yprob.tolist()}

# "grouped": 100 leads, integer score 0..9 and p constant within each score
# (p = Platt-style map of the score), for the exact Brier decomposition.
gs = rng.integers(0, 10, size=100)
gy = (rng.random(100) < 0.08 + 0.08 * gs).astype(int)
gp = np.round(1 / (1 + np.exp(-(-2.2 + 0.35 * gs))), 6)
grouped = {"scores": gs.tolist(), "p": gp.tolist(), "labels": gy.tolist()}

out = {"ties": ties, "paired": paired, "points": points, "probs": probs, "grouped": grouped}
path = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "datasets.json"
path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
print("wrote", path, {k: len(next(iter(v.values()))) for k, v in out.items()})
