"""Issue 18 item 4 in the twin: a bundle with a multi-valued field (the MovieLens-style fixture's
genres, mean-pooled) scores in the twin as in pepnet, whether pepnet or the twin trained it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import PYTHON_DIR, REPO
from pepnet_torch import rank as rank_cli

TOLERANCE = 1e-5
LOG = os.path.join(REPO, "Tests", "Fixtures", "import-examples", "movielens", "ratings.csv")


@pytest.fixture(scope="module")
def imported(pepnet, tmp_path_factory):
    work = tmp_path_factory.mktemp("multi")
    data = str(work / "d")
    pepnet(
        "import", "--log", LOG, "--user-id", "user", "--item-id", "movie", "--domain", "age_group", "--tasks",
        "like", "--user-features", "gender,age,occupation", "--item-features", "genres", "--title", "title",
        "--multi", "genres=|", "--split-by", "timestamp", "--out", data,
    )
    return work, data


def scores_of(pepnet, capsys, bundle):
    """pepnet's and the twin's probabilities of every catalogue item for each (user, domain)."""
    pairs = []
    for user, domain in [("u1", "under25"), ("u6", "45plus"), ("u3", "25to44")]:
        args = ["--user", user, "--domain", domain, "--top", "100", "--candidates", "all", "--json"]
        swift = json.loads(pepnet("rank", "--model", bundle, *args).stdout)
        rank_cli.main(["--bundle", bundle, "--user", user, "--domain", domain, "--top", "100", "--json"])
        twin = json.loads(capsys.readouterr().out)
        pairs.append((swift, twin))
    return pairs


def assert_same_scores(pairs):
    for swift, twin in pairs:
        # The twin ranks within pipeline.json's candidates; pepnet was asked for the whole catalogue.
        theirs = {it["item"]: it["scores"]["like"] for it in swift["items"]}
        mine = {it["item"]: it["scores"]["like"] for it in twin["items"]}
        assert mine and set(mine) <= set(theirs)
        delta = max(abs(np.float64(mine[i]) - np.float64(theirs[i])) for i in mine)
        assert delta <= TOLERANCE, (swift["user"], delta)


def test_a_pepnet_bundle_with_pooled_genres_scores_the_same_in_the_twin(pepnet, capsys, imported):
    work, data = imported
    bundle = str(work / "swift")
    pepnet(
        "train", "--data", data, "--out", bundle, "--epochs", "2", "--tower", "8", "--emb-dim", "4",
        "--gate-hidden", "4", "--batch-size", "8", "--id-min-count", "1", "--no-checkpoint",
    )
    with open(os.path.join(bundle, "config.json"), encoding="utf-8") as f:
        fields = json.load(f)["model"]["fields"]
    assert [f.get("maxValues") for f in fields if f["name"] == "genres"] == [16]
    assert_same_scores(scores_of(pepnet, capsys, bundle))


def test_a_twin_trained_bundle_with_pooled_genres_scores_as_pepnet_does(pepnet, capsys, imported):
    work, data = imported
    encoded, bundle = str(work / "enc"), str(work / "twin")
    pepnet("encode", "--data", data, "--out", encoded)
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR, OMP_NUM_THREADS="1")
    result = subprocess.run(
        [sys.executable, "-m", "pepnet_torch.train", "--encoded", encoded, "--out", bundle, "--epochs", "1",
         "--threads", "1", "--tower", "8", "--emb-dim", "4", "--gate-hidden", "4", "--batch-size", "8"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with open(os.path.join(bundle, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    genres = [f for f in config["model"]["fields"] if f["name"] == "genres"]
    assert genres and genres[0]["maxValues"] == 16
    assert all("maxValues" not in f for f in config["model"]["fields"] if f["name"] != "genres")
    assert_same_scores(scores_of(pepnet, capsys, bundle))
