#!/usr/bin/env bash
# Training samples/s of pepnet fp32 and bf16 against PyTorch fp32 and bf16 autocast, on the
# standard benchmark configuration, in interleaved rounds [torch fp32, torch bf16, pepnet fp32,
# pepnet bf16] (the training half of bench-vs-torch.sh, without its ONNX Runtime scoring peer, so
# it needs only torch), then the CPU, the medians and issue 15's bf16 training ratio.
#   bash scripts/bench-train-precision.sh [ROUNDS] [OUT.jsonl]
# PEPNET_BIN: the pepnet binary (default .build-release/release/pepnet); TORCH_PYTHON: a Python
# with torch==2.13.0+cpu (default /tmp/torch-venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
out=${2:-/tmp/pepnet-bench-train.jsonl}
bin=${PEPNET_BIN:-$PWD/.build-release/release/pepnet}
python=${TORCH_PYTHON:-/tmp/torch-venv/bin/python}
peers=$PWD/python/bench/bench_peers.py
: > "$out"
# Appends a contender's JSON line with its process CPU seconds (user + system).
measure() {
  local name=$1
  shift
  local log
  log=$(mktemp)
  /usr/bin/time -f "%U %S" -o "$log.time" "$@" > "$log"
  local cpu
  cpu=$(awk '{print $1 + $2}' "$log.time")
  tail -n 1 "$log" | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); d['contender']='$name'; d['cpu_s']=$cpu; print(json.dumps(d))" >> "$out"
  rm -f "$log" "$log.time"
}
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  measure "PyTorch fp32" "$python" "$peers" --peer torch-fp32 --mode train --threads 2
  measure "PyTorch bf16 autocast" "$python" "$peers" --peer torch-bf16 --mode train --threads 2
  measure "pepnet fp32" "$bin" bench train --threads 2 --precision fp32
  measure "pepnet bf16" "$bin" bench train --threads 2 --precision bf16
done
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
names = list(dict.fromkeys(r["contender"] for r in rows))
med = {n: (statistics.median(r["samples_per_s"] for r in rows if r["contender"] == n),
           statistics.median(r["cpu_s"] for r in rows if r["contender"] == n)) for n in names}
print(f"rounds: {len(rows) // len(names)} (interleaved); medians")
print("| contender | training samples/s | process CPU s |")
print("|---|---|---|")
for n in names:
    print(f"| {n} | {med[n][0]:,.0f} | {med[n][1]:.1f} |")
isa = [r.get("onednn_isa") for r in rows if r["contender"] == "pepnet bf16"]
print(f"pepnet bf16 ran at: {sorted(set(r.get('precision') for r in rows if r['contender'] == 'pepnet bf16'))}, oneDNN ISA {sorted(set(isa))}")
for a, b in [("pepnet bf16", "PyTorch bf16 autocast"), ("pepnet fp32", "PyTorch fp32"), ("pepnet bf16", "pepnet fp32")]:
    print(f"{a} / {b}: samples/s {med[a][0] / med[b][0]:.2f}, CPU s {med[b][1] / med[a][1]:.2f} (inverse ratio)")
PY
