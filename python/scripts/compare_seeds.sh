#!/usr/bin/env bash
# Issue 17, item 3, third bullet: the same data and settings trained in pepnet and in the twin,
# over several seeds; prints each run's test AUC and GAUC (mean over tasks, all domains, as
# `pepnet eval --json` reports them for both bundles) and the mean and spread per trainer.
#   bash python/scripts/compare_seeds.sh [EPOCHS] [SEEDS...]     (default: 2 epochs, seeds 1 2 3)
# Needs PEPNET_BIN (default .build/release/pepnet) and a venv with python/requirements.txt at
# PEPNET_PYTHON_VENV (default .build-python).
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs=${1:-2}
[ $# -gt 0 ] && shift
seeds=(1 2 3)
if [ $# -gt 0 ]; then seeds=("$@"); fi
bin=${PEPNET_BIN:-$PWD/.build/release/pepnet}
venv=${PEPNET_PYTHON_VENV:-$PWD/.build-python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=sample-data/dataset
"$bin" encode --data "$data" --out "$work/enc" --shard-rows 32768 >&2
summary() {  # bundle name seconds -> one JSON line with the mean test AUC and GAUC
  "$bin" eval --model "$1" --data "$data" --split test --json |
    python3 -c "
import json, sys
r = json.load(sys.stdin)
s = [x for x in r['slices'] if x.get('domain') is None]
print(json.dumps({'trainer': '$2', 'seed': $3, 'seconds': $4,
  'auc': sum(x['auc'] for x in s) / len(s), 'gauc': sum(x['gauc'] for x in s) / len(s)}))"
}
for seed in "${seeds[@]}"; do
  start=$(date +%s.%N)
  "$bin" train --data "$data" --out "$work/pepnet-$seed" --epochs "$epochs" --seed "$seed" --no-checkpoint >/dev/null 2>&1
  t1=$(python3 -c "import time; print(round(time.time() - $start, 1))")
  summary "$work/pepnet-$seed" pepnet "$seed" "$t1"
  start=$(date +%s.%N)
  PYTHONPATH=python OMP_NUM_THREADS=1 "$venv/bin/torchrun" --standalone --nproc_per_node 2 -m pepnet_torch.train \
    --encoded "$work/enc" --out "$work/twin-$seed" --epochs "$epochs" --seed "$seed" --threads 1 >/dev/null 2>&1
  t2=$(python3 -c "import time; print(round(time.time() - $start, 1))")
  summary "$work/twin-$seed" twin "$seed" "$t2"
done
