#!/usr/bin/env python3
"""Writes the reference solution that LogisticRegressionTest checks dp4tl's L-BFGS solver against.

Run once (pip install numpy scikit-learn from the local wheelhouse):
    python3 scripts/lp-reference.py > dp4tl-djl/src/test/resources/io/dp4tl/djl/train/lp-reference.json

Data: 4 overlapping Gaussian classes in 6 dimensions, made from a fixed numpy seed, features rounded to float32 so
Java reads exactly the values scikit-learn saw. For each lambda, scikit-learn's multinomial
LogisticRegression(C = 1 / (lambda * n), lbfgs, tol 1e-10) gives the coefficients, intercepts and
the objective (1/n) sum CE + lambda/2 ||W||^2 at its solution.
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(20231201)
n_per, d, k = 60, 6, 4
centres = rng.normal(0, 1.2, size=(k, d))
x = np.concatenate([centres[c] + rng.normal(0, 1.0, size=(n_per, d)) for c in range(k)]).astype(np.float32)
y = np.repeat(np.arange(k), n_per)
order = rng.permutation(len(y))
x, y = x[order], y[order]
n = len(y)

cases = []
for lam in [1.0, 0.1, 0.01, 0.001]:
    model = LogisticRegression(C=1.0 / (lam * n), solver="lbfgs", tol=1e-10, max_iter=100000)
    model.fit(x.astype(np.float64), y)
    w, b = model.coef_, model.intercept_
    logits = x.astype(np.float64) @ w.T + b
    logits -= logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    objective = -logp[np.arange(n), y].mean() + 0.5 * lam * (w ** 2).sum()
    cases.append({"lambda": lam, "weights": w.ravel().tolist(), "intercepts": b.tolist(),
                  "objective": float(objective), "trainAccuracy": float(model.score(x, y))})

print(json.dumps({"generator": "scripts/lp-reference.py, scikit-learn " + sklearn.__version__,
                  "dimension": d, "classes": k, "features": x.ravel().tolist(), "labels": y.tolist(),
                  "cases": cases}, indent=1))
