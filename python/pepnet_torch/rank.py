"""`python -m pepnet_torch.rank --bundle B --user U --domain D [--top K] [--task T | --weights W] [--json]`:
the catalog ranked for one (user, domain), printed as `pepnet rank` prints it."""

from __future__ import annotations

import argparse
import json
import os

import numpy as np

from . import jsonout
from .bundle import BundleError, load
from .request import RequestError, fail, index, pipeline_of, probabilities


def parse_weights(text: str, tasks: list[str]) -> list[float]:
    weights = [0.0] * len(tasks)
    for part in text.split(","):
        name, sep, value = part.partition("=")
        if not sep:
            raise RequestError(f"--weights wants TASK=NUMBER pairs, got '{part}'")
        weights[index("task", name.strip(), tasks)] = float(value)
    return weights


def ranked(scores: np.ndarray, weights: list[float], top: int) -> list[tuple[int, np.float32]]:
    """(item, blended score) best first; the blend summed in Float32 task by task, ties by catalog
    index, as pepnet's RankedList."""
    blended = np.zeros(scores.shape[0], dtype=np.float32)
    for t, w in enumerate(weights):
        blended = blended + np.float32(w) * scores[:, t]
    order = sorted(range(len(blended)), key=lambda i: (-blended[i], i))
    return [(i, blended[i]) for i in order[:top]]


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m pepnet_torch.rank", description=__doc__)
    p.add_argument("--bundle", default="sample-data/model")
    p.add_argument("--user", required=True)
    p.add_argument("--domain", required=True)
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--task")
    p.add_argument("--weights")
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)
    if a.task and a.weights:
        p.error("give --task or --weights, not both")
    if a.top < 1:
        p.error("--top must be at least 1")
    try:
        bundle = load(a.bundle)
        pipeline = pipeline_of(bundle)
        u = index("user", a.user, pipeline.users["ids"])
        d = index("domain", a.domain, bundle.domains)
        tasks = bundle.tasks
        weights = bundle.default_weights
        negative = [t for t in tasks if t in (bundle.manifest.get("negative_tasks") or [])]
        ranked_by = (
            "sum of all task probabilities"
            if not negative
            else "sum of task probabilities, minus " + ", ".join(negative)
        )
        if a.task:
            weights = [0.0] * len(tasks)
            weights[index("task", a.task, tasks)] = 1.0
            ranked_by = a.task
        elif a.weights:
            weights = parse_weights(a.weights, tasks)
            ranked_by = a.weights
        # pepnet rank's default `--candidates domain`: the items seen in the domain in training
        # (pipeline.json's `candidates`), or the whole catalogue for a bundle without them.
        with open(os.path.join(a.bundle, "pipeline.json"), encoding="utf-8") as f:
            saved = json.load(f).get("candidates")
        items = list(saved[d]) if saved is not None else list(range(len(pipeline.items["ids"])))
        applied = "domain" if saved is not None else "all"
        general, side = pipeline.encode_catalog(u, items, d)
        scores = probabilities(bundle, general, side)
    except (BundleError, RequestError) as e:
        fail(str(e))
    if not np.isfinite(scores).all():
        fail(f"{a.bundle}: a score is not a finite number for user {a.user} in {a.domain}")
    out = []
    for k, (j, blended) in enumerate(ranked(scores, weights, a.top)):
        i = items[j]
        out.append(
            {
                "item": pipeline.items["ids"][i],
                "title": pipeline.items["titles"][i],
                "rank": k + 1,
                "score": jsonout.f32(blended),
                "scores": {t: jsonout.f32(scores[j, ti]) for ti, t in enumerate(tasks)},
                # Whether the item's id has an embedding of its own (pepnet rank's `known`).
                "known": pipeline.item_ids.index(pipeline.items["ids"][i]) != 0,
            }
        )
    if a.json:
        # "gates": whose gates ranked; the twin ranks with each user's own (pepnet rank's default).
        jsonout.write(
            {
                "user": a.user,
                "user_known": pipeline.user_ids.index(a.user) != 0,
                "domain": a.domain,
                "tasks": tasks,
                "ranked_by": ranked_by,
                "gates": "own",
                "candidates": applied,
                "candidate_count": len(items),
                "items": out,
            }
        )
        return
    print(f"top {len(out)} for user {a.user} in {a.domain}, ranked by {ranked_by}")
    for it in out:
        print(f"{it['rank']:<5} {it['item']:<7} {it['score']:.3f}  {it['title']}")


if __name__ == "__main__":
    main()
