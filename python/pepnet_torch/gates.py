"""`python -m pepnet_torch.gates --bundle B --user U --item I --domain D --json`: the EPNet and
PPNet gate activations of one (user, item, domain), as `pepnet gates --json` prints them."""

from __future__ import annotations

import argparse

import numpy as np
import torch

from . import jsonout
from .bundle import BundleError, load
from .request import RequestError, fail, index, pipeline_of


def gates(bundle, user: int, item: int, domain: int) -> dict | None:
    """`{"epnet": {field: value or [values]}, "ppnet": {task: [[layer units]]}}`, None without gates."""
    model = bundle.model
    if not hasattr(model, "towers"):
        return None
    general, side = pipeline_of(bundle).encode_catalog(user, [item], domain)
    with torch.no_grad():
        _, ep, pp = model(torch.from_numpy(general), torch.from_numpy(side), return_gates=True)
    config = bundle.config
    d = config.embeddingDim
    epnet = {}
    if ep is not None:
        row = ep[0].numpy().astype(np.float32)
        for f, field in enumerate(config.general_fields):
            if config.epnetGranularity == "elementwise":
                epnet[field.name] = [jsonout.f32(v) for v in row[f * d : (f + 1) * d]]
            else:
                epnet[field.name] = jsonout.f32(row[f])
    ppnet = {}
    for t, layers in enumerate(pp):
        if layers:
            ppnet[bundle.tasks[t]] = [[jsonout.f32(v) for v in g[0].numpy()] for g in layers]
    return {"epnet": epnet, "ppnet": ppnet, "gamma": jsonout.f32(config.gamma)}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m pepnet_torch.gates", description=__doc__)
    p.add_argument("--bundle", default="sample-data/model")
    p.add_argument("--user", required=True)
    p.add_argument("--item", required=True)
    p.add_argument("--domain", required=True)
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)
    try:
        bundle = load(a.bundle)
        pipeline = pipeline_of(bundle)
        u = index("user", a.user, pipeline.users["ids"])
        i = index("item", a.item, pipeline.items["ids"])
        d = index("domain", a.domain, bundle.domains)
        g = gates(bundle, u, i, d)
    except (BundleError, RequestError) as e:
        fail(str(e))
    if g is None:
        fail(f"{a.bundle}: a {bundle.config.architecture} model has no gates")
    # Whether the ids have embeddings of their own (pepnet gates' user_known and item_known).
    g.update(
        user=a.user,
        item=a.item,
        domain=a.domain,
        user_known=pipeline.user_ids.index(a.user) != 0,
        item_known=pipeline.item_ids.index(a.item) != 0,
    )
    if a.json:
        jsonout.write(g)
    else:
        for name, v in g["epnet"].items():
            print(f"epnet {name:<14} {np.mean(v):.3f}")
        for task, layers in g["ppnet"].items():
            for l, units in enumerate(layers):
                print(f"ppnet {task:<12} L{l + 1} {np.mean(units):.3f}")


if __name__ == "__main__":
    main()
