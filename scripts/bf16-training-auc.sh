#!/usr/bin/env bash
# Test AUC of bf16-trained against fp32-trained models on the sample dataset over seeds: for each
# seed, `pepnet train` at both precisions (same options otherwise), then each bundle's test mean
# AUC over tasks (all domains) and |ΔAUC|, issue 15's fidelity target (at most 0.002).
#   bash scripts/bf16-training-auc.sh [EPOCHS] [SEEDS...]   (default 3 epochs, seeds 1 2 3)
# PEPNET_BIN: the pepnet binary (default .build-release/release/pepnet).
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}
shift || true
seeds=("$@")
if [ ${#seeds[@]} -eq 0 ]; then seeds=(1 2 3); fi
bin=${PEPNET_BIN:-$PWD/.build-release/release/pepnet}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for seed in "${seeds[@]}"; do
  for precision in fp32 bf16; do
    "$bin" train --data sample-data/dataset --out "$work/$precision-$seed" --seed "$seed" --threads 2 \
      --epochs "$epochs" --patience "$epochs" --precision "$precision" --no-checkpoint > /dev/null 2> "$work/log"
  done
done
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); epochs $epochs; seeds ${seeds[*]}"
python3 - "$work" "${seeds[@]}" <<'PY'
import json, sys
work, seeds = sys.argv[1], sys.argv[2:]
def mean_auc(path):
    config = json.load(open(path + "/config.json"))
    slices = [s for s in config["test"]["slices"] if s.get("domain") is None]
    return sum(s["auc"] for s in slices) / len(slices), config["training"].get("precision")
print("| seed | fp32 test mean AUC | bf16 test mean AUC | bf16 - fp32 |")
print("|---|---|---|---|")
deltas = []
for seed in seeds:
    (a, pa), (b, pb) = mean_auc(f"{work}/fp32-{seed}"), mean_auc(f"{work}/bf16-{seed}")
    assert pa == "fp32" and pb == "bf16", (pa, pb)
    deltas.append(b - a)
    print(f"| {seed} | {a:.4f} | {b:.4f} | {b - a:+.4f} |")
print(f"mean ΔAUC {sum(deltas) / len(deltas):+.4f}; largest |ΔAUC| {max(abs(d) for d in deltas):.4f}")
PY
