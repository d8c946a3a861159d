"""`python -m pepnet_torch.train --encoded ENC --out BUNDLE [options as pepnet train]`.

Trains PEPNet (or an ablation, or the DNN) on a dataset encoded by `pepnet encode`, and writes a
bundle that `pepnet explore`, `rank`, `gates` and `eval` open unchanged. Under `torchrun` it
trains with DistributedDataParallel (gloo on CPU, nccl on a GPU): worker r reads the train shards
r, r + W, r + 2W, ..., each step runs `--batch-size / W` rows per worker (the gradients are
averaged, so a step sees `--batch-size` rows as in pepnet), and every worker runs the same number
of steps (the smallest worker's share; the few rows past it are skipped that epoch). Worker 0
evaluates on the validation split after every epoch, keeps the best epoch's weights (mean AUC over
the tasks), and at the end prints one JSON line with the validation and test reports (AUC, GAUC,
log-loss per domain and task, as `pepnet eval --json`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from . import metrics
from .bundle import save
from .config import SUPPORTED, FieldSpec, ModelConfig
from .encoded import EncodedDataset, EncodedError
from .model import build
from .optim import LazyAdam


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m pepnet_torch.train", description=__doc__.split("\n\n")[0])
    p.add_argument("--encoded", required=True, help="Encoded dataset folder (pepnet encode).")
    p.add_argument("--out", required=True, help="Where to write the model bundle.")
    p.add_argument("--arch", default="pepnet", choices=SUPPORTED)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=512)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--emb-lr", type=float)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--emb-dim", type=int, default=16)
    p.add_argument("--tower", default="256,128")
    p.add_argument("--gate-hidden", type=int, default=64)
    p.add_argument("--gamma", type=float, default=2.0)
    p.add_argument("--epnet-granularity", default="elementwise", choices=("elementwise", "fieldwise"))
    p.add_argument("--ppnet-placement", default="pre", choices=("pre", "post"))
    p.add_argument("--ppnet-gating", default="shared_split", choices=("shared_split", "per_task"))
    p.add_argument("--ungated-final-layer", action="store_true")
    p.add_argument("--stop-gradient-prior", action="store_true")
    p.add_argument("--l2", type=float, default=0.0)
    p.add_argument("--emb-l2", type=float, default=1e-2)
    p.add_argument("--patience", type=int, default=2)
    p.add_argument("--task-weights", help="task=weight pairs (others weigh 1)")
    p.add_argument("--threads", type=int, default=0, help="torch threads per worker (0: torch's default)")
    a = p.parse_args(argv)
    if a.epochs < 1 or a.batch_size < 1 or a.emb_dim < 1 or a.gate_hidden < 1:
        p.error("--epochs, --batch-size, --emb-dim and --gate-hidden must be at least 1")
    try:
        a.tower = [int(w) for w in a.tower.split(",")]
        assert all(w > 0 for w in a.tower)
    except (ValueError, AssertionError):
        p.error(f"--tower wants comma-separated positive widths such as 256,128; got '{a.tower}'")
    return a


def task_weights(text: str | None, tasks: list[str]) -> list[float]:
    weights = [1.0] * len(tasks)
    for part in (text or "").split(","):
        if part.strip():
            name, _, value = part.partition("=")
            if name not in tasks:
                raise SystemExit(f"pepnet_torch: --task-weights: unknown task '{name}'")
            weights[tasks.index(name)] = float(value)
    return weights


def scores_of(model: nn.Module, split, batch: int = 4096) -> np.ndarray:
    """Float32 probabilities, rows x tasks."""
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, split.rows, batch):
            g = torch.from_numpy(split.general_ids[start : start + batch].astype(np.int64))
            s = torch.from_numpy(split.domain_side_ids[start : start + batch].astype(np.int64))
            out.append(torch.sigmoid(model(g, s)).numpy())
    model.train()
    return np.concatenate(out).astype(np.float32) if out else np.zeros((0, 0), np.float32)


def evaluate(model, split, enc) -> dict:
    return metrics.report(
        scores_of(model, split), split.labels, split.label_mask, split.domains, split.users, enc.domains, enc.tasks,
        split.oracle,
    )


def mean_auc(report: dict) -> float:
    values = [s["auc"] for s in report["slices"] if "domain" not in s and "auc" in s]
    return float(np.mean(values)) if values else float("-inf")


def main(argv=None) -> None:
    a = parse_args(argv)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    if world > 1:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    try:
        enc = EncodedDataset(a.encoded)
    except EncodedError as e:
        sys.stderr.write(f"pepnet_torch: {e}\n")
        raise SystemExit(1)
    config = ModelConfig(
        architecture=a.arch, fields=[FieldSpec(**f) for f in enc.fields], tasks=enc.tasks, embeddingDim=a.emb_dim,
        tower=a.tower, epnetGateHidden=a.gate_hidden, ppnetGateHidden=a.gate_hidden, gamma=a.gamma,
        epnetGranularity=a.epnet_granularity, ppnetPlacement=a.ppnet_placement, ppnetTaskGating=a.ppnet_gating,
        ppnetGateFinalLayer=not a.ungated_final_layer, stopGradient=a.arch != "pepnet-no-stopgrad",
        stopGradientPrior=a.stop_gradient_prior,
    )
    config.validate()
    torch.manual_seed(a.seed)  # the same initial weights on every worker
    model = build(config)
    net = DistributedDataParallel(model) if world > 1 else model

    shards = enc.shards("train")
    mine = list(range(rank, len(shards), world))
    train = enc.load("train", mine)
    per_worker = [sum(shards[k]["rows"] for k in range(r, len(shards), world)) for r in range(world)]
    local_batch = max(1, a.batch_size // world)
    steps = min((n + local_batch - 1) // local_batch for n in per_worker) if world > 1 else (train.rows + local_batch - 1) // local_batch
    valid = enc.load("valid") if rank == 0 else None

    embeddings = [t.weight for t in model.embeddings.tables.values()]
    embedding_ids = {id(p) for p in embeddings}
    dense = [p for p in model.parameters() if id(p) not in embedding_ids]
    dense_opt = torch.optim.Adam(dense, lr=a.lr, weight_decay=a.l2)
    emb_opt = LazyAdam(embeddings, lr=a.emb_lr or a.lr, l2=a.emb_l2)
    weights = torch.tensor(task_weights(a.task_weights, enc.tasks), dtype=torch.float32)
    bce = nn.BCEWithLogitsLoss(reduction="none")

    best, best_epoch, best_state, since_best = float("-inf"), 0, None, 0
    started = time.time()
    trained_rows = 0
    step = 0
    for epoch in range(1, a.epochs + 1):
        order = np.random.default_rng([a.seed, epoch, rank]).permutation(train.rows)
        for k in range(steps):
            rows = order[k * local_batch : (k + 1) * local_batch]
            g = torch.from_numpy(train.general_ids[rows].astype(np.int64))
            s = torch.from_numpy(train.domain_side_ids[rows].astype(np.int64))
            y = torch.from_numpy(train.labels[rows])
            m = torch.from_numpy(train.label_mask[rows])
            loss = (bce(net(g, s), y) * m * weights).sum() / max(len(rows), 1)
            dense_opt.zero_grad(set_to_none=True)
            emb_opt.zero_grad()
            loss.backward()
            step += 1
            dense_opt.step()
            emb_opt.step(step)
            trained_rows += len(rows)
        stop = torch.zeros(1)
        if rank == 0:
            report = evaluate(model, valid, enc)
            score = mean_auc(report)
            sys.stderr.write(f"epoch {epoch}: validation mean AUC {score:.4f}\n")
            if best_state is None or score > best:
                best, best_epoch, since_best = score, epoch, 0
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            else:
                since_best += 1
                if since_best >= a.patience:
                    stop[0] = 1
        if world > 1:
            dist.broadcast(stop, 0)
        if stop[0] > 0:
            break
    seconds = time.time() - started
    if rank == 0:
        model.load_state_dict(best_state)
        validation = evaluate(model, valid, enc)
        test = evaluate(model, enc.load("test"), enc)
        negative = enc.pipeline_json.get("schema", {}).get("negative_tasks")
        save(
            a.out, model, config, enc.pipeline_json, enc.tasks, enc.domains, training=None,
            validation=validation, test=test, negative_tasks=negative,
        )
        summary = {
            "bundle": a.out, "workers": world, "epochs": epoch, "best_epoch": best_epoch, "seconds": seconds,
            "samples_per_second": trained_rows * world / seconds if seconds > 0 else None,
            "validation": validation, "test": test,
        }
        sys.stdout.write(json.dumps(summary, sort_keys=True) + "\n")
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
