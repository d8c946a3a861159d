#!/usr/bin/env bash
# Trains PEPNet, the baselines (DNN, Shared-Bottom, MMoE, PLE) and the ablations (epnet-only,
# ppnet-only, pepnet-no-stopgrad) with several seeds, evaluates every bundle on the test split and
# writes docs/results.md (tables by domain and task, mean ± sd over seeds, verdicts).
#
#   scripts/results.sh                 # all models, seeds 1 2 3, the dataset described below
#   SEEDS="1 2" ARCHS="pepnet dnn" scripts/results.sh
#
# Environment: PEPNET (binary, default .build/release/pepnet), DATA (dataset folder; default: one
# generated into $WORK/data, see below), WORK (scratch, default /tmp/pepnet-results), SEEDS, ARCHS,
# THREADS (default 2), OUT (default docs/results.md), EXTRA (more `pepnet train` options).
# About 25 minutes on 2 otherwise idle cores.
set -euo pipefail
cd "$(dirname "$0")/.."

PEPNET=${PEPNET:-.build/release/pepnet}
WORK=${WORK:-/tmp/pepnet-results}
SEEDS=${SEEDS:-"1 2 3"}
ARCHS=${ARCHS:-"pepnet dnn shared-bottom mmoe ple epnet-only ppnet-only pepnet-no-stopgrad"}
THREADS=${THREADS:-2}
OUT=${OUT:-docs/results.md}
EXTRA=${EXTRA:-}
# Settings shared by every model (see docs/results.md, "What we found"): embeddings 16, towers
# 128,64 (PEPNet's per-task towers, the baselines' towers and the DNN body), gate hidden 64, two
# experts (MMoE, PLE: two shared plus two per task) of width 128, Adam lr 2e-3, batch 512, L2 0.003
# on the embedding rows, early stopping with patience 3 on the validation mean AUC (every model
# sits on a plateau for 2-5 epochs before it learns the user-by-category interests). The PEPNet
# family costs 5-10 times more per epoch than the DNN, so its epoch cap is lower; it is the side
# that cap could hurt.
TRAIN_OPTS="--threads $THREADS --emb-dim 16 --tower 128,64 --gate-hidden 64 --experts 2 --expert-hidden 128"
TRAIN_OPTS+=" --lr 2e-3 --batch-size 512 --emb-l2 3e-3 --patience 3"
PEPNET_EPOCHS=${PEPNET_EPOCHS:-16}
BASELINE_EPOCHS=${BASELINE_EPOCHS:-30}

if [[ ! -x $PEPNET ]]; then
  echo "results.sh: $PEPNET not found; build it with: swift build -c release --product pepnet" >&2
  exit 1
fi
mkdir -p "$WORK"
if [[ -z ${DATA:-} ]]; then
  DATA=$WORK/data
  # 500 impressions per user instead of sample-data's 125: see docs/results.md for why.
  "$PEPNET" generate --out "$DATA" --seed 1 --users 400 --items 600 --authors 100 --impressions 200000 \
    >"$WORK/generate.log" 2>&1
fi

start=$(date +%s)
runs=$WORK/runs
rm -rf "$runs"
mkdir -p "$runs"
for arch in $ARCHS; do
  case $arch in
    pepnet | epnet-only | ppnet-only | pepnet-no-stopgrad) epochs=$PEPNET_EPOCHS ;;
    *) epochs=$BASELINE_EPOCHS ;;
  esac
  for seed in $SEEDS; do
    t0=$(date +%s)
    # shellcheck disable=SC2086
    "$PEPNET" train --data "$DATA" --out "$runs/$arch-s$seed" --arch "$arch" --seed "$seed" --epochs "$epochs" $TRAIN_OPTS $EXTRA \
      --json >"$runs/$arch-s$seed.jsonl" 2>"$runs/$arch-s$seed.log"
    echo "$arch seed $seed: $(($(date +%s) - t0)) s" >&2
  done
done
elapsed=$(($(date +%s) - start))
python3 scripts/results.py "$runs" "$OUT" "$elapsed"
echo "wrote $OUT in $((elapsed / 60)) min $((elapsed % 60)) s" >&2
