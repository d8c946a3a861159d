"""Every option of the model config, in both directions of the bundle: the twin builds a model
with random weights for each layout (field-wise EPNet, post-gating, per-task gating, an ungated
logit layer, the prior stop-gradient, the ablations, towers without the prior ids, the DNN), saves
it as a bundle with the sample pipeline, and `pepnet rank/gates --json` on that bundle give the
twin's probabilities and gates (max |delta| <= 1e-5). A tensor laid out wrongly fails pepnet's load
or the comparison."""

from __future__ import annotations

import json

import pytest
import torch

from conftest import SAMPLE_MODEL
from pepnet_torch import build, load, save
from pepnet_torch import gates as gates_cli
from pepnet_torch import rank as rank_cli
from pepnet_torch.config import FieldSpec, ModelConfig
from test_parity import max_delta

TOLERANCE = 1e-5
OPTIONS = {
    "fieldwise": dict(epnetGranularity="fieldwise"),
    "post": dict(ppnetPlacement="post"),
    "per_task": dict(ppnetTaskGating="per_task"),
    "post_per_task_ungated_final": dict(ppnetPlacement="post", ppnetTaskGating="per_task", ppnetGateFinalLayer=False),
    "ungated_final": dict(ppnetGateFinalLayer=False),
    "stop_gradient_prior_gamma3": dict(stopGradientPrior=True, gamma=3.0),
    "epnet-only": dict(architecture="epnet-only"),
    "ppnet-only": dict(architecture="ppnet-only"),
    "pepnet-no-stopgrad": dict(architecture="pepnet-no-stopgrad", stopGradient=False),
    "pepnet-prior-gates-only": dict(architecture="pepnet-prior-gates-only"),
    "dnn": dict(architecture="dnn"),
}


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE_MODEL)


@pytest.mark.parametrize("name", list(OPTIONS))
def test_a_twin_bundle_of_every_layout_scores_the_same_in_pepnet(pepnet, capsys, tmp_path, sample, name):
    base = sample.config
    options = dict(architecture="pepnet", **OPTIONS[name]) if "architecture" not in OPTIONS[name] else OPTIONS[name]
    config = ModelConfig(
        fields=[FieldSpec(**vars(f)) for f in base.fields], tasks=list(base.tasks), embeddingDim=4, tower=[8, 6],
        epnetGateHidden=5, ppnetGateHidden=7, **options,
    )
    torch.manual_seed(7)
    model = build(config)
    with torch.no_grad():  # spread the gates away from neutral so that a misplaced gate shows
        for p in model.parameters():
            p.mul_(3.0)
    bundle = str(tmp_path / name)
    save(bundle, model, config, sample.pipeline_json, sample.tasks, sample.domains)

    args = ["--user", "u7", "--domain", "single_column", "--top", "3600", "--json"]
    swift = json.loads(pepnet("rank", "--model", bundle, *args).stdout)
    rank_cli.main(["--bundle", bundle, *args])
    mine = json.loads(capsys.readouterr().out)
    by_id = {it["item"]: it for it in mine["items"]}
    tasks = swift["tasks"]
    assert max_delta(
        [[it["scores"][t] for t in tasks] for it in swift["items"]],
        [[by_id[it["item"]]["scores"][t] for t in tasks] for it in swift["items"]],
    ) <= TOLERANCE

    args = ["--user", "u7", "--item", "i42", "--domain", "single_column", "--json"]
    result = pepnet("gates", "--model", bundle, *args, check=False)
    if config.architecture == "dnn":
        assert result.returncode == 1 and "has no gates" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    swift = json.loads(result.stdout)
    gates_cli.main(["--bundle", bundle, *args])
    mine = json.loads(capsys.readouterr().out)
    assert list(mine["epnet"]) == list(swift["epnet"])
    if swift["epnet"]:
        assert max_delta(list(swift["epnet"].values()), list(mine["epnet"].values())) <= TOLERANCE
    assert set(mine["ppnet"]) == set(swift["ppnet"])
    for task, layers in swift["ppnet"].items():
        assert [len(l) for l in mine["ppnet"][task]] == [len(l) for l in layers]
        for a, b in zip(mine["ppnet"][task], layers):
            assert max_delta(a, b) <= TOLERANCE
