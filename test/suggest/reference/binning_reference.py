"""Reference optimal bands by exhaustive search (plain Python 3, no packages).

Public table: X Education leads (Kaggle "Leads.csv", ../shared/data/x-education-leads), label Converted.
For each column: pre-bins at the values of rank floor(q*n/20), q = 1..19, of the sorted non-missing
values, rounded to 2 significant digits, kept when > min, <= max and distinct (the rule of
lib/suggest/binning.ts preBinCuts). Then EVERY partition of the pre-bins into consecutive bands
(2^(m-1) of them) is enumerated; a partition is feasible when each band holds >= 5 % of all rows
(missing included) and the win rates follow the shape (ascending, descending, peaked = up then down,
valley = down then up; ties allowed); the feasible one with the highest IV wins.
IV = sum (w/W - l/L) * ln(((w+.5)/(W+.5)) / ((l+.5)/(L+.5))) over the bands (missing excluded: a constant).
Run: python3 test/suggest/reference/binning_reference.py  (prints the JSON recorded in binning.test.ts)
"""
import csv, json, math, sys
from decimal import Decimal

PATH = "../shared/data/x-education-leads/Leads.csv"

def readable(x, digits=2):
    if x == 0: return x
    e = math.floor(math.log10(abs(x))) - digits + 1
    step = 10.0 ** e
    r = math.floor(x / step + 0.5) * step  # half up, as JavaScript's Math.round
    return round(r, -e) if e < 0 else r

def iv_term(w, l, W, L):
    return (w / W - l / L) * math.log(((w + .5) / (W + .5)) / ((l + .5) / (L + .5)))

def shape_ok(rates, trend):
    ups = [b >= a for a, b in zip(rates, rates[1:])]
    downs = [b <= a for a, b in zip(rates, rates[1:])]
    if trend == "ascending": return all(ups)
    if trend == "descending": return all(downs)
    first_up = trend == "peaked"
    # first leg then second leg: find a split point
    for s in range(len(rates)):
        a = rates[: s + 1]; b = rates[s:]
        leg1 = all((y >= x) if first_up else (y <= x) for x, y in zip(a, a[1:]))
        leg2 = all((y <= x) if first_up else (y >= x) for x, y in zip(b, b[1:]))
        if leg1 and leg2: return True
    return False

def column(name):
    rows = list(csv.DictReader(open(PATH, encoding="utf-8")))
    xs, ys = [], []
    for r in rows:
        v = r[name].strip()
        ys.append(1 if r["Converted"] == "1" else 0)
        xs.append(None if v in ("", "Select") else float(v))
    N = len(ys); W = sum(ys); L = N - W
    s = sorted(x for x in xs if x is not None)
    n = len(s)
    cuts = []
    for q in range(1, 20):
        v = readable(s[min(n - 1, (q * n) // 20)])
        if v > s[0] and v <= s[-1] and (not cuts or v > cuts[-1]): cuts.append(v)
    m = len(cuts) + 1
    pn = [0] * m; pw = [0] * m
    for x, y in zip(xs, ys):
        if x is None: continue
        b = sum(1 for c in cuts if x >= c)
        pn[b] += 1; pw[b] += y
    best = {}
    for trend in ("ascending", "descending", "peaked", "valley"):
        top = None
        for mask in range(1 << (m - 1)):
            edges = [0] + [i + 1 for i in range(m - 1) if mask >> i & 1] + [m]
            bands = [(sum(pn[a:b]), sum(pw[a:b])) for a, b in zip(edges, edges[1:])]
            if any(k < 0.05 * N for k, _ in bands): continue
            if not shape_ok([w / k for k, w in bands], trend): continue
            iv = sum(iv_term(w, k - w, W, L) for k, w in bands)
            if top is None or iv > top[1] + 1e-15: top = (edges, iv)
        best[trend] = None if top is None else {"edges": top[0], "iv": round(top[1], 12)}
    return {"column": name, "N": N, "W": W, "cuts": cuts, "n": pn, "won": pw, "best": best}

print(json.dumps([column(c) for c in ("TotalVisits", "Page Views Per Visit", "Total Time Spent on Website")]))
