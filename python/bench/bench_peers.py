"""The peers pepnet is timed against, on the standard benchmark configuration, one measurement per
process (so that /usr/bin/time -v reports that measurement's peak RSS):

  python bench_peers.py --peer torch-fp32|torch-bf16|onnxruntime-fp32 --mode train|infer [--threads 2]
  python bench_peers.py --mode gemm [--threads 2]

torch-fp32 is plain PyTorch; torch-bf16 runs the forward pass (and the loss) under
torch.autocast("cpu", dtype=torch.bfloat16), PyTorch's own mixed precision through oneDNN, with
fp32 master weights and Adam in fp32; onnxruntime-fp32 exports the same model to ONNX and scores
it with ONNX Runtime's CPU provider (inference only). Prints one JSON line (and appends it to
--out when given). `--quick` shrinks the workload for the tests, not for measuring.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_model import ReferencePEPNet  # noqa: E402

# The standard configuration (pepnet's `StandardBenchmark` is the same).
CFG = {
    "general_vocabs": [10_000, 50_000, 5_000] + [100] * 21,
    "domain_side_vocabs": [3, 100, 100],
    "prior_fields": [0, 1, 2],
    "emb_dim": 16,
    "n_tasks": 5,
    "tower": [256, 128],
    "ep_hidden": 64,
    "pp_hidden": 64,
    "gamma": 2.0,
    "lr": 1e-3,
    "batch_size": 1024,
    "pos_rate": 0.10,
    "train_warmup_steps": 5,
    "train_timed_steps": 30,
    "n_candidates": 10_000,
    "infer_warmup_calls": 3,
    "infer_timed_calls": 20,
    # of the 21 other general fields, the first 10 are user/context side (fixed while scoring one user)
    "user_side_other_fields": 10,
}
QUICK = {"batch_size": 64, "train_warmup_steps": 1, "train_timed_steps": 2, "n_candidates": 200,
         "infer_warmup_calls": 1, "infer_timed_calls": 2}
PEERS = ("torch-fp32", "torch-bf16", "onnxruntime-fp32")


def make_model() -> ReferencePEPNet:
    return ReferencePEPNet(CFG["general_vocabs"], CFG["domain_side_vocabs"], CFG["prior_fields"],
                           CFG["emb_dim"], CFG["n_tasks"], CFG["tower"], CFG["ep_hidden"],
                           CFG["pp_hidden"], CFG["gamma"])


def random_batch(bs: int, gen: torch.Generator):
    gen_ids = torch.stack([torch.randint(0, v, (bs,), generator=gen) for v in CFG["general_vocabs"]], 1)
    dom_ids = torch.stack([torch.randint(0, v, (bs,), generator=gen) for v in CFG["domain_side_vocabs"]], 1)
    labels = (torch.rand(bs, CFG["n_tasks"], generator=gen) < CFG["pos_rate"]).float()
    return gen_ids, dom_ids, labels


def candidate_batch(n: int, gen: torch.Generator):
    """One (user, domain): user, context and domain-side ids repeated, item-side ids random."""
    gen_ids, dom_ids, _ = random_batch(n, gen)
    gen_ids[:, 0] = 1234
    k = CFG["user_side_other_fields"]
    gen_ids[:, 3:3 + k] = gen_ids[0, 3:3 + k]
    dom_ids[:] = dom_ids[0]
    return gen_ids, dom_ids


def precision_context(peer: str):
    if peer == "torch-bf16":
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def bench_train(peer: str) -> dict:
    if peer == "onnxruntime-fp32":
        raise SystemExit("bench_peers: onnxruntime-fp32 is inference only")
    model = make_model()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=CFG["lr"])
    loss_fn = torch.nn.BCEWithLogitsLoss()
    gen = torch.Generator().manual_seed(0)
    batches = [random_batch(CFG["batch_size"], gen)
               for _ in range(CFG["train_warmup_steps"] + CFG["train_timed_steps"])]
    times, losses = [], []
    for g, d, y in batches:
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        with precision_context(peer):
            loss = loss_fn(model(g, d).float(), y)
        loss.backward()
        opt.step()
        times.append(time.perf_counter() - t0)
        losses.append(float(loss.detach()))
    timed = times[CFG["train_warmup_steps"]:]
    med = statistics.median(timed)
    return {"step_s_median": med, "samples_per_s": CFG["batch_size"] / med,
            "loss_first": losses[0], "loss_last": losses[-1]}


def onnx_scorer(model: ReferencePEPNet, g: torch.Tensor, d: torch.Tensor, threads: int):
    """The model exported to ONNX (opset 17), in an ONNX Runtime CPU session with `threads` intra-op
    threads; returns a function of (general ids, domain ids) to logits."""
    import onnxruntime as ort

    path = os.path.join(tempfile.mkdtemp(prefix="pepnet-peers-"), "pepnet.onnx")
    with torch.no_grad():
        torch.onnx.export(model, (g, d), path, input_names=["general_ids", "domain_ids"],
                          output_names=["logits"], opset_version=17, dynamo=False,
                          dynamic_axes={"general_ids": {0: "n"}, "domain_ids": {0: "n"}, "logits": {0: "n"}})
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])
    feeds = {"general_ids": g.numpy(), "domain_ids": d.numpy()}

    def run(_g, _d):
        return torch.from_numpy(session.run(["logits"], feeds)[0])

    return run, ort.__version__


def bench_infer(peer: str, threads: int) -> dict:
    model = make_model()
    model.eval()
    g, d = candidate_batch(CFG["n_candidates"], torch.Generator().manual_seed(1))
    extra = {}
    if peer == "onnxruntime-fp32":
        logits, extra["onnxruntime"] = onnx_scorer(model, g, d, threads)
    else:
        logits = model
    times = []
    with torch.no_grad(), precision_context(peer):
        for _ in range(CFG["infer_warmup_calls"] + CFG["infer_timed_calls"]):
            t0 = time.perf_counter()
            scores = torch.sigmoid(logits(g, d).float())
            times.append(time.perf_counter() - t0)
    assert scores.shape == (CFG["n_candidates"], CFG["n_tasks"]), scores.shape
    timed = times[CFG["infer_warmup_calls"]:]
    med = statistics.median(timed)
    return {"call_ms_median": 1e3 * med, "call_ms_min": 1e3 * min(timed), "call_ms_max": 1e3 * max(timed),
            "ms_per_10k": 1e3 * med * 10_000 / CFG["n_candidates"], **extra}


def bench_gemm(n: int = 2048, reps: int = 20) -> dict:
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(3):
        torch.matmul(a, b)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        torch.matmul(a, b)
        times.append(time.perf_counter() - t0)
    return {"n": n, "gflops_median": 2 * n ** 3 / statistics.median(times) / 1e9}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", default="torch-fp32", choices=PEERS)
    ap.add_argument("--mode", required=True, choices=["train", "infer", "gemm"])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if args.quick:
        CFG.update(QUICK)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rec = {"impl": args.peer if args.mode != "gemm" else "torch-fp32", "mode": args.mode,
           "threads": args.threads, "torch": torch.__version__, "python": platform.python_version()}
    if args.mode == "gemm":
        rec.update(bench_gemm(256 if args.quick else 2048, 2 if args.quick else 20))
    elif args.mode == "train":
        rec.update(bench_train(args.peer))
    else:
        rec.update(bench_infer(args.peer, args.threads))
    print(json.dumps(rec))
    if args.out:
        with open(args.out, "a") as f:
            f.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
