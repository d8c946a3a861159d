"""Issue 17, item 3, second bullet: a bundle trained by the twin (`torchrun --standalone
--nproc_per_node 2`, one epoch on the sample data encoded by `pepnet encode`) opens in the
explorer, `rank` and `gates`, and `pepnet eval` reports the AUC (and GAUC) PyTorch computed, to
within 1e-4, on every (domain, task) slice of the test split."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import PYTHON_DIR, REPO, SAMPLE_DATA

TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def trained(pepnet, tmp_path_factory):
    work = tmp_path_factory.mktemp("twin")
    encoded, bundle = str(work / "enc"), str(work / "bundle")
    pepnet("encode", "--data", SAMPLE_DATA, "--out", encoded, "--shard-rows", "32768")
    torchrun = os.path.join(os.path.dirname(sys.executable), "torchrun")
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR, OMP_NUM_THREADS="1")
    result = subprocess.run(
        [torchrun, "--standalone", "--nproc_per_node", "2", "-m", "pepnet_torch.train", "--encoded", encoded,
         "--out", bundle, "--epochs", "1", "--threads", "1"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["workers"] == 2 and summary["epochs"] == 1
    return bundle, summary


def test_pepnet_eval_reports_the_auc_pytorch_computed(pepnet, trained):
    bundle, summary = trained
    report = json.loads(pepnet("eval", "--model", bundle, "--data", SAMPLE_DATA, "--split", "test", "--json").stdout)
    theirs = {(s.get("domain"), s["task"]): s for s in report["slices"]}
    mine = summary["test"]["slices"]
    assert len(mine) == len(theirs)
    for s in mine:
        t = theirs[(s.get("domain"), s["task"])]
        assert s["impressions"] == t["impressions"] and s["positives"] == t["positives"]
        for metric in ("auc", "gauc"):
            assert (metric in s) == (metric in t)
            if metric in s:
                assert abs(s[metric] - t[metric]) <= TOLERANCE, (s, t)
    # One epoch learns something: every task's AUC over all domains is above chance.
    assert all(s["auc"] > 0.55 for s in mine if "domain" not in s)


def test_the_bundle_opens_in_explore_rank_and_gates(pepnet, trained):
    bundle, _ = trained
    frame = pepnet("explore", bundle, "--snapshot", "--size", "120x40").stdout
    assert "PEPNet explorer" in frame and "EPNet gates" in frame
    ranked = json.loads(pepnet("rank", "--model", bundle, "--user", "u1", "--domain", "featured", "--json").stdout)
    assert len(ranked["items"]) == 10
    gates = json.loads(
        pepnet("gates", "--model", bundle, "--user", "u1", "--item", "i3", "--domain", "featured", "--json").stdout
    )
    assert set(gates["ppnet"]) == set(ranked["tasks"])
