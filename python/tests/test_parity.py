"""Issue 17, item 3, first bullet: the shipped Swift bundle, loaded in PyTorch, gives the same
probabilities and gates as `pepnet rank/gates --json` at fp32 (max |delta| <= 1e-5)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import SAMPLE_MODEL, python_module
from pepnet_torch import gates as gates_cli
from pepnet_torch import rank as rank_cli

TOLERANCE = 1e-5
CATALOG = "3600"
REQUESTS = [("u0", "double_column"), ("u17", "single_column"), ("u2399", "featured")]


def run_rank(capsys, *args):
    rank_cli.main(list(args))
    return json.loads(capsys.readouterr().out)


def assert_same_header(mine: dict, theirs: dict) -> None:
    """Every field pepnet prints besides the items, equal; the twin adds at most `gates: own`
    (which pepnet prints since its `rank --gates` option)."""
    for key, value in theirs.items():
        if key != "items":
            assert mine.get(key) == value, key
    assert set(mine) - set(theirs) <= {"gates"} and mine["gates"] == "own"


def max_delta(a, b) -> float:
    return float(np.max(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))))


@pytest.mark.parametrize("user,domain", REQUESTS)
def test_rank_matches_pepnet_over_the_whole_catalog(pepnet, capsys, user, domain):
    args = ["--user", user, "--domain", domain, "--top", CATALOG, "--candidates", "all", "--json"]
    swift = json.loads(pepnet("rank", "--model", SAMPLE_MODEL, *args).stdout)
    torch_ = run_rank(capsys, "--bundle", SAMPLE_MODEL, *args)
    assert_same_header(torch_, swift)
    assert swift["candidates"] == "all"
    assert len(torch_["items"]) == len(swift["items"]) == int(CATALOG)
    by_id = {it["item"]: it for it in torch_["items"]}
    tasks = swift["tasks"]
    s = [[it["scores"][t] for t in tasks] for it in swift["items"]]
    p = [[by_id[it["item"]]["scores"][t] for t in tasks] for it in swift["items"]]
    assert max_delta(s, p) <= TOLERANCE
    assert max_delta([it["score"] for it in swift["items"]], [by_id[it["item"]]["score"] for it in swift["items"]]) <= TOLERANCE
    # The order agrees: position by position the blended scores are within the tolerance (items
    # closer than that may swap), and the top item is the same unless it is such a near tie.
    assert max_delta([it["score"] for it in swift["items"]], [it["score"] for it in torch_["items"]]) <= TOLERANCE
    if swift["items"][0]["score"] - swift["items"][1]["score"] > 2 * TOLERANCE:
        assert torch_["items"][0]["item"] == swift["items"][0]["item"]
    assert all(it["title"] == by_id[it["item"]]["title"] for it in swift["items"])


@pytest.mark.parametrize("user,domain", REQUESTS)
def test_rank_ranks_the_same_domain_candidates_by_default(pepnet, capsys, user, domain):
    """Without --candidates both rank within the domain's saved set (the shipped bundle has one)."""
    args = ["--user", user, "--domain", domain, "--top", CATALOG, "--json"]
    swift = json.loads(pepnet("rank", "--model", SAMPLE_MODEL, *args).stdout)
    torch_ = run_rank(capsys, "--bundle", SAMPLE_MODEL, *args)
    assert_same_header(torch_, swift)
    assert swift["candidates"] == "domain" and 0 < swift["candidate_count"] < int(CATALOG)
    assert len(swift["items"]) == len(torch_["items"]) == swift["candidate_count"]
    assert {i["item"] for i in swift["items"]} == {i["item"] for i in torch_["items"]}
    assert max_delta([i["score"] for i in swift["items"]], [i["score"] for i in torch_["items"]]) <= TOLERANCE


def test_rank_by_task_and_weights_match(pepnet, capsys):
    for extra in (["--task", "like"], ["--weights", "like=1,follow=2,hate=-1"]):
        args = ["--user", "u5", "--domain", "featured", "--top", "20", "--json", *extra]
        swift = json.loads(pepnet("rank", "--model", SAMPLE_MODEL, *args).stdout)
        torch_ = run_rank(capsys, "--bundle", SAMPLE_MODEL, *args)
        assert torch_["ranked_by"] == swift["ranked_by"]
        assert max_delta([i["score"] for i in swift["items"]], [i["score"] for i in torch_["items"]]) <= TOLERANCE


@pytest.mark.parametrize("user,item,domain", [("u0", "i1857", "double_column"), ("u42", "i3", "featured"), ("u999", "i2500", "single_column")])
def test_gates_match_pepnet(pepnet, capsys, user, item, domain):
    args = ["--user", user, "--item", item, "--domain", domain, "--json"]
    swift = json.loads(pepnet("gates", "--model", SAMPLE_MODEL, *args).stdout)
    gates_cli.main(["--bundle", SAMPLE_MODEL, *args])
    torch_ = json.loads(capsys.readouterr().out)
    assert set(torch_) == set(swift)
    assert torch_["gamma"] == swift["gamma"]
    assert list(torch_["epnet"]) == list(swift["epnet"])
    assert max_delta([swift["epnet"][f] for f in swift["epnet"]], [torch_["epnet"][f] for f in swift["epnet"]]) <= TOLERANCE
    assert set(torch_["ppnet"]) == set(swift["ppnet"])
    for task, layers in swift["ppnet"].items():
        assert [len(l) for l in torch_["ppnet"][task]] == [len(l) for l in layers]
        for mine, theirs in zip(torch_["ppnet"][task], layers):
            assert max_delta(mine, theirs) <= TOLERANCE


def test_rank_module_prints_the_same_json_shape(pepnet):
    """The `python -m pepnet_torch.rank` entry point itself, once (a subprocess, like a user)."""
    args = ["--user", "u3", "--domain", "featured", "--top", "5", "--json"]
    result = python_module("rank", "--bundle", SAMPLE_MODEL, *args)
    assert result.returncode == 0, result.stderr
    torch_ = json.loads(result.stdout)
    swift = json.loads(pepnet("rank", "--model", SAMPLE_MODEL, *args).stdout)
    assert [i["item"] for i in torch_["items"]] == [i["item"] for i in swift["items"]]
    assert_same_header(torch_, swift)
    assert sorted(torch_["items"][0]) == sorted(swift["items"][0])


def test_unknown_user_is_one_line_and_exit_1():
    result = python_module("rank", "--bundle", SAMPLE_MODEL, "--user", "nobody", "--domain", "featured", "--json")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "unknown user 'nobody'" in result.stderr
