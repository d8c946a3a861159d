"""Numeric features in the twin: a pepnet-trained bundle whose user `followers` and item `length`
are cut at their train quantiles scores in the twin as in pepnet, for raw cells on a cut, between
cuts, beyond the last cut, below the first, bucket labels, `missing` values and non-numbers
(docs/model-format.md, `pipeline.json`: tokens first, then a number's bucket in Float32)."""

from __future__ import annotations

import csv
import json
import os
import random

import numpy as np
import pytest

from pepnet_torch import rank as rank_cli
from pepnet_torch.numeric import float32_of

TOLERANCE = 1e-5
#: Train users' followers: four distinct values, so four buckets cut at the midpoints.
TRAIN_FOLLOWERS = ["0.1", "0.2", "0.3", "0.4"]
#: 0.3f/2 + 0.4f/2 rounds to the Float32 above 0.35f.
CUTS = [0.15, 0.25, 0.35000002]
#: Raw followers of catalogue users without train impressions (so the cuts stay those above) and
#: the bucket pepnet gives each: 0 is the out-of-vocabulary slot.
EDGE_FOLLOWERS = {
    "0.15": 2,  # on the first cut in Float32 (as a double, 0.15 is below 0.15f)
    "0.35000002": 4,  # on the last cut
    "0.35": 3,  # the Float32 under the last cut
    # Just below the Float32 midpoint under 0.15f: its nearest Float32 is under the cut, but its
    # nearest double is that midpoint, which rounds (to even) onto the cut.
    "0.149999998509883880615234374999": 1,
    "0.1499999985098838806152343750001": 2,
    "0.22": 2,  # between cuts
    "0.3": 3,
    "7": 4,  # beyond the last cut
    "1e3": 4,
    "+2": 4,
    ".5": 4,
    "5.": 4,
    "1E1": 4,
    "0.01": 1,  # below the first cut
    "-3.5": 1,
    "1e-50": 1,  # underflows to 0
    "<0.15": 1,  # a bucket's label is looked up first
    "0.25..<0.35000002": 3,
    ">=0.35000002": 4,
    "-1": 0,  # listed in the schema's `missing`
    "NA": 0,  # not numbers
    "nan": 0,
    "inf": 0,
    "1e40": 0,
    "0x10": 0,
    "1,000": 0,
    "1_000": 0,
    " 3": 0,
    "\u0663": 0,  # ARABIC-INDIC DIGIT THREE: Python's float() reads it, pepnet does not
    "": 0,
}


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


@pytest.fixture(scope="module")
def bundle(pepnet, tmp_path_factory):
    """A tiny dataset with a numeric user and a numeric item feature, trained by pepnet."""
    work = tmp_path_factory.mktemp("numeric")
    data = work / "d"
    data.mkdir()
    schema = {
        "version": 1,
        "domains": ["feed", "search"],
        "impressions": {"user_id": "user_id", "item_id": "item_id", "domain": "domain", "tasks": ["click"]},
        "users": {"id": "user_id", "features": ["gender", "followers"]},
        "items": {"id": "item_id", "features": ["length"]},
        "numeric": ["followers", "length"],
        "missing": ["-1"],
        "id_min_count": 1,
    }
    (data / "schema.json").write_text(json.dumps(schema, indent=2), encoding="utf-8")
    train_users = [f"u{k}" for k in range(8)]
    edge_users = [f"e{k}" for k in range(len(EDGE_FOLLOWERS))]
    users = [(u, "mf"[k % 2], TRAIN_FOLLOWERS[k % 4]) for k, u in enumerate(train_users)]
    users += [(u, "f", v) for u, v in zip(edge_users, EDGE_FOLLOWERS)]
    write_csv(data / "users.csv", ["user_id", "gender", "followers"], users)
    items = [(f"i{k}", v) for k, v in enumerate(["3", "10", "30", "60", "120", "NA"])]
    write_csv(data / "items.csv", ["item_id", "length"], items)
    rng = random.Random(7)
    # Clicks depend on followers and length, so their buckets' embeddings learn apart.
    for split, n in [("train", 400), ("valid", 60), ("test", 60)]:
        rows = []
        for _ in range(n):
            u, i = rng.randrange(8), rng.randrange(len(items))
            p = 0.15 + 0.6 * ((u % 4) / 3) * (i / len(items))
            rows.append((train_users[u], items[i][0], rng.choice(schema["domains"]), int(rng.random() < p)))
        write_csv(data / f"{split}.csv", ["user_id", "item_id", "domain", "click"], rows)
    out = str(work / "model")
    pepnet(
        "train", "--data", str(data), "--out", out, "--epochs", "3", "--tower", "8", "--emb-dim", "4",
        "--gate-hidden", "4", "--batch-size", "16", "--no-checkpoint",
    )
    return out, edge_users


def pipeline_json(bundle_dir):
    with open(os.path.join(bundle_dir, "pipeline.json"), encoding="utf-8") as f:
        return json.load(f)


def test_the_bundle_cuts_followers_where_the_edge_values_expect(bundle):
    out, _ = bundle
    followers = next(v for v in pipeline_json(out)["user_features"] if v["name"] == "followers")
    assert followers["cuts"] == CUTS
    assert followers["tokens"] == ["<0.15", "0.15..<0.25", "0.25..<0.35000002", ">=0.35000002"]
    # The Float32 cases mean what they say: 0.15 reads as the cut in Float32, not as a double.
    assert float32_of("0.15") == np.float32(0.15) and 0.15 < float(np.float32(0.15))
    assert np.float32(float("0.149999998509883880615234374999")) == np.float32(0.15)


def test_numeric_cells_score_the_same_in_pepnet_and_the_twin(pepnet, capsys, bundle):
    out, edge_users = bundle
    scores = {}
    for user, cell in zip(edge_users, EDGE_FOLLOWERS):
        args = ["--user", user, "--domain", "feed", "--top", "100", "--json"]
        swift = json.loads(pepnet("rank", "--model", out, *args, "--candidates", "all").stdout)
        rank_cli.main(["--bundle", out, *args])
        twin = json.loads(capsys.readouterr().out)
        theirs = {it["item"]: it["scores"]["click"] for it in swift["items"]}
        mine = {it["item"]: it["scores"]["click"] for it in twin["items"]}
        assert mine and set(mine) <= set(theirs)
        delta = max(abs(np.float64(mine[i]) - np.float64(theirs[i])) for i in mine)
        assert delta <= TOLERANCE, (repr(cell), EDGE_FOLLOWERS[cell], delta)
        scores[cell] = np.array([theirs[i] for i in sorted(theirs)], dtype=np.float64)
    # pepnet itself buckets the cells as EDGE_FOLLOWERS says: the edge users differ only in
    # followers, so cells of one bucket score alike and cells of different buckets do not.
    for a in EDGE_FOLLOWERS:
        for b in EDGE_FOLLOWERS:
            gap = np.abs(scores[a] - scores[b]).max()
            if EDGE_FOLLOWERS[a] == EDGE_FOLLOWERS[b]:
                assert gap <= TOLERANCE, (repr(a), repr(b), gap)
            else:
                assert gap > 20 * TOLERANCE, (repr(a), repr(b), gap)
