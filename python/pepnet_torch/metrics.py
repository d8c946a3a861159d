"""AUC, GAUC and log-loss per (domain, task) slice, as pepnet's EvaluationReport computes them.

AUC: the probability that a positive (label > 0.5) scores above a negative, ties counting one
half. GAUC: each user's AUC weighted by the user's rows, users with one class skipped. Rows whose
label is masked out are left out of their task's slices. The report is the JSON `pepnet eval
--json` prints (and config.json's `validation` / `test`).
"""

from __future__ import annotations

import math

import numpy as np


def auc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    if scores.size == 0:
        return None
    positive = labels > 0.5
    p = float(positive.sum())
    n = float(scores.size) - p
    if p == 0 or n == 0:
        return None
    _, group, counts = np.unique(scores.astype(np.float32), return_inverse=True, return_counts=True)
    pos_in = np.bincount(group, weights=positive.astype(np.float64), minlength=counts.size)
    neg_in = counts - pos_in
    neg_below = np.cumsum(neg_in) - neg_in
    return float(np.sum(pos_in * (neg_below + 0.5 * neg_in)) / (p * n))


def gauc(scores: np.ndarray, labels: np.ndarray, users: np.ndarray) -> float | None:
    if scores.size == 0:
        return None
    order = np.argsort(users, kind="stable")
    users_sorted = users[order]
    bounds = np.flatnonzero(np.diff(users_sorted)) + 1
    weighted = 0.0
    total = 0.0
    for rows in np.split(order, bounds):
        if rows.size < 2:
            continue
        a = auc(scores[rows], labels[rows])
        if a is None:
            continue
        weighted += rows.size * a
        total += rows.size
    return weighted / total if total > 0 else None


def log_loss(scores: np.ndarray, labels: np.ndarray) -> float | None:
    if scores.size == 0:
        return None
    p = np.clip(scores.astype(np.float64), 1e-7, 1 - 1e-7)
    y = labels.astype(np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def report(scores, labels, label_mask, domains, users, domain_names, task_names, oracle=None) -> dict:
    """`EvaluationReport` as JSON: slices for every task, per domain and then for all domains."""
    slices = []
    for t, task in enumerate(task_names):
        rows = label_mask[:, t] != 0
        for d in list(range(len(domain_names))) + [None]:
            sel = rows if d is None else rows & (domains == d)
            s, y, u = scores[sel, t], labels[sel, t], users[sel]
            entry = {
                "task": task,
                "positives": int((y > 0.5).sum()),
                "impressions": int(sel.sum()),
                "nanScores": int(np.isnan(s).sum()),
            }
            if d is not None:
                entry["domain"] = domain_names[d]
            for key, value in (("auc", auc(s, y)), ("gauc", gauc(s, y, u)), ("logLoss", log_loss(s, y))):
                if _finite(value) is not None:
                    entry[key] = value
            if oracle is not None:
                o = oracle[sel, t]
                for key, value in (("oracleAUC", auc(o, y)), ("oracleGAUC", gauc(o, y, u))):
                    if _finite(value) is not None:
                        entry[key] = value
            slices.append(entry)
    return {"domains": domain_names, "tasks": task_names, "hasOracle": oracle is not None, "slices": slices}
