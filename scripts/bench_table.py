"""Aggregates scripts/bench-vs-torch.sh's JSON lines into the tables of docs/performance.md: the
contenders' medians over rounds (wall time and process CPU seconds), then issue 15's five targets
as ratios of medians from this one run."""
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def values(impl, mode, key, options="reference", precision=None):
    out = []
    for r in rows:
        if r.get("impl") != impl or r["mode"] != mode or key not in r:
            continue
        # a pepnet without `bench train --precision` trains in fp32 and does not say so
        if impl == "pepnet-swift" and (
                r.get("options") != options or (precision and r.get("precision", "fp32") != precision)):
            continue
        out.append(r[key])
    return out


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt(x, pattern):
    return "" if x != x else format(x, pattern)


CONTENDERS = [  # (label, impl, precision, options)
    ("pepnet fp32", "pepnet-swift", "fp32", "reference"),
    ("pepnet bf16", "pepnet-swift", "bf16", "reference"),
    ("PyTorch fp32", "torch-fp32", None, None),
    ("PyTorch bf16 autocast", "torch-bf16", None, None),
    ("ONNX Runtime fp32", "onnxruntime-fp32", None, None),
    ("pepnet fp32, paper options", "pepnet-swift", "fp32", "paper"),
]


def train_rate(impl, precision, options):
    return med(values(impl, "train", "samples_per_s", options or "reference", precision))


def score_ms(impl, precision, options):
    key = "ms_per_10k" if impl == "pepnet-swift" else "call_ms_median"
    return med(values(impl, "score" if impl == "pepnet-swift" else "infer", key, options or "reference", precision))


def cpu(impl, mode, precision, options):
    return med(values(impl, mode, "cpu_s", options or "reference", precision))


n_rounds = len(values("torch-fp32", "train", "samples_per_s"))
gemm = med(values("torch-fp32", "gemm", "gflops_median"))
print(f"rounds: {n_rounds} (interleaved); medians over rounds; PyTorch fp32 GEMM 2048^3: {gemm:.0f} GFLOP/s\n")
print("| contender | training, samples/s | training process CPU s | scoring 10,000 candidates, ms | scoring process CPU s |")
print("|---|---|---|---|---|")
for label, impl, precision, options in CONTENDERS:
    train_mode, score_mode = "train", "score" if impl == "pepnet-swift" else "infer"
    print(f"| {label} | {fmt(train_rate(impl, precision, options), ',.0f')} | "
          f"{fmt(cpu(impl, train_mode, precision, options), '.1f')} | "
          f"{fmt(score_ms(impl, precision, options), '.0f')} | "
          f"{fmt(cpu(impl, score_mode, precision, options), '.1f')} |")

print("\n| issue 15 target | ratio in this run (wall-clock medians) | ratio of process CPU s | target | met (wall) |")
print("|---|---|---|---|---|")
# Process CPU seconds (user + system of the whole benchmark process, set-up included) do the same
# work for both sides of a ratio; they move less than wall time when others load the machine.
p_cpu = {(m, p): cpu("pepnet-swift", m, p, None) for m in ("train", "score") for p in ("fp32", "bf16")}
t_cpu = {(m, p): cpu(f"torch-{p}", "train" if m == "train" else "infer", None, None)
         for m in ("train", "score") for p in ("fp32", "bf16")}
targets = [
    ("bf16 scoring time / PyTorch bf16 autocast's",
     score_ms("pepnet-swift", "bf16", None) / score_ms("torch-bf16", None, None), ("score", "bf16"), 0.33, "<="),
    ("fp32 scoring time / PyTorch fp32's",
     score_ms("pepnet-swift", "fp32", None) / score_ms("torch-fp32", None, None), ("score", "fp32"), 0.75, "<="),
    ("bf16 training samples/s / PyTorch bf16 autocast's",
     train_rate("pepnet-swift", "bf16", None) / train_rate("torch-bf16", None, None), ("train", "bf16"), 2.0, ">="),
    ("fp32 training samples/s / PyTorch fp32's",
     train_rate("pepnet-swift", "fp32", None) / train_rate("torch-fp32", None, None), ("train", "fp32"), 1.5, ">="),
]
for label, ratio, key, bound, sense in targets:
    # as the wall ratio reads: time ratios are pepnet / peer, throughput ratios peer / pepnet CPU
    cpu_ratio = p_cpu[key] / t_cpu[key] if sense == "<=" else t_cpu[key] / p_cpu[key]
    met = "" if ratio != ratio else ("yes" if (ratio <= bound if sense == "<=" else ratio >= bound) else "no")
    print(f"| {label} | {fmt(ratio, '.2f')} | {fmt(cpu_ratio, '.2f')} | {sense} {bound} | {met} |")
print("| explorer user/domain change with gates, p95 | `pepnet bench explorer` (not in this script) | | <= 16 ms | |")
