"""Aggregates scripts/bench-vs-torch.sh's JSON lines into the markdown table of docs/performance.md."""
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def pick(pred, key):
    return [r[key] for r in rows if pred(r)]


def med(values):
    return statistics.median(values) if values else float("nan")


torch_train = pick(lambda r: r.get("impl") == "own" and r["mode"] == "train", "samples_per_s")
torch_infer = pick(lambda r: r.get("impl") == "own" and r["mode"] == "infer", "call_ms_median")
torch_train_rss = pick(lambda r: r.get("impl") == "own" and r["mode"] == "train", "peak_rss_mib_time")
torch_gemm = pick(lambda r: r["mode"] == "gemm", "gflops_median")


def ours(mode, options, key):
    return pick(lambda r: r.get("impl") == "pepnet-swift" and r["mode"] == mode and r["options"] == options, key)


t_tr, t_inf, t_rss = med(torch_train), med(torch_infer), med(torch_train_rss)
o_tr, o_inf = med(ours("train", "reference", "samples_per_s")), med(ours("score", "reference", "call_ms_median"))
o_rss = med(ours("train", "reference", "peak_rss_mib_time"))
p_tr, p_inf = med(ours("train", "paper", "samples_per_s")), med(ours("score", "paper", "call_ms_median"))
print(f"rounds: {len(torch_train)}; medians over rounds; PyTorch fp32 GEMM 2048^3: {med(torch_gemm):.0f} GFLOP/s\n")
print("| measure | PyTorch 2.13 (reference options) | pepnet, reference options | ratio | pepnet, paper options |")
print("|---|---|---|---|---|")
print(f"| training, samples/s (batch 1024, 2 threads) | {t_tr:,.0f} | {o_tr:,.0f} | {o_tr / t_tr:.2f}x | {p_tr:,.0f} |")
print(f"| training GFLOP/s | | {med(ours('train', 'reference', 'gflops')):.0f} | | {med(ours('train', 'paper', 'gflops')):.0f} |")
print(f"| scoring 10,000 candidates, ms | {t_inf:.0f} | {o_inf:.0f} | {o_inf / t_inf:.2f}x time | {p_inf:.0f} |")
print(f"| peak RSS, training process, MiB | {t_rss:.0f} | {o_rss:.0f} | {o_rss / t_rss:.2f}x | |")
