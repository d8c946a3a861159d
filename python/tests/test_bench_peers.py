"""The peers' benchmark (python/bench/bench_peers.py) and its table (scripts/bench_table.py): each
peer runs the standard model in --quick mode and reports what the table reads, and the table's
target ratios are the medians' ratios."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO

PEERS = os.path.join(REPO, "python", "bench", "bench_peers.py")
TABLE = os.path.join(REPO, "scripts", "bench_table.py")


def run_peer(*args: str) -> dict:
    done = subprocess.run([sys.executable, PEERS, "--quick", "--threads", "1", *args],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("peer", ["torch-fp32", "torch-bf16"])
def test_torch_peers_train_and_score(peer):
    train = run_peer("--peer", peer, "--mode", "train")
    assert train["impl"] == peer and train["samples_per_s"] > 0
    assert train["loss_last"] < train["loss_first"]
    infer = run_peer("--peer", peer, "--mode", "infer")
    assert infer["impl"] == peer and infer["call_ms_median"] > 0


def test_onnxruntime_peer_scores():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    infer = run_peer("--peer", "onnxruntime-fp32", "--mode", "infer")
    assert infer["impl"] == "onnxruntime-fp32" and infer["call_ms_median"] > 0


def test_onnxruntime_peer_refuses_training():
    done = subprocess.run([sys.executable, PEERS, "--quick", "--peer", "onnxruntime-fp32", "--mode", "train"],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "inference only" in done.stderr


def test_table_reports_the_targets_as_ratios_of_medians(tmp_path):
    rows = []
    for ms, rate in [(100, 1000), (300, 3000), (200, 2000)]:  # medians 200 ms, 2000/s
        rows += [{"impl": "torch-fp32", "mode": "train", "samples_per_s": rate, "cpu_s": 10},
                 {"impl": "torch-bf16", "mode": "train", "samples_per_s": rate, "cpu_s": 10},
                 {"impl": "torch-fp32", "mode": "infer", "call_ms_median": ms, "cpu_s": 10},
                 {"impl": "torch-bf16", "mode": "infer", "call_ms_median": ms, "cpu_s": 10}]
        for precision, factor in [("fp32", 1.0), ("bf16", 0.5)]:
            rows += [{"impl": "pepnet-swift", "mode": "train", "options": "reference", "precision": precision,
                      "samples_per_s": rate * 3 / factor, "cpu_s": 4},
                     {"impl": "pepnet-swift", "mode": "score", "options": "reference", "precision": precision,
                      "ms_per_10k": ms * factor / 2, "cpu_s": 4}]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    table = subprocess.run([sys.executable, TABLE, str(path)], capture_output=True, text=True, check=True).stdout
    assert "| bf16 scoring time / PyTorch bf16 autocast's | 0.25 | 0.40 | <= 0.33 | yes |" in table
    assert "| fp32 scoring time / PyTorch fp32's | 0.50 | 0.40 | <= 0.75 | yes |" in table
    assert "| bf16 training samples/s / PyTorch bf16 autocast's | 6.00 | 2.50 | >= 2.0 | yes |" in table
    assert "| fp32 training samples/s / PyTorch fp32's | 3.00 | 2.50 | >= 1.5 | yes |" in table
    assert "| pepnet bf16 | 12,000 | 4.0 | 50 | 4.0 |" in table
    # a pepnet whose `bench train` has no --precision trains in fp32 and does not say so
    old = [dict(r) for r in rows if not (r["mode"] == "train" and r.get("precision") == "bf16")]
    for r in old:
        if r["mode"] == "train":
            r.pop("precision", None)
    path.write_text("".join(json.dumps(r) + "\n" for r in old))
    table = subprocess.run([sys.executable, TABLE, str(path)], capture_output=True, text=True, check=True).stdout
    assert "| fp32 training samples/s / PyTorch fp32's | 3.00 | 2.50 | >= 1.5 | yes |" in table
    assert "| bf16 training samples/s / PyTorch bf16 autocast's | nan |" in table or \
        "| bf16 training samples/s / PyTorch bf16 autocast's |  |" in table
