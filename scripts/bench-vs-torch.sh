#!/usr/bin/env bash
# pepnet against the peers a user would pick, in the same run, on the standard benchmark
# configuration (python/bench: PyTorch fp32, PyTorch bf16 autocast, ONNX Runtime fp32):
# rounds of [training: torch fp32, torch bf16, pepnet fp32, pepnet bf16, pepnet fp32 paper options;
# scoring 10,000 candidates: the same five and ONNX Runtime], interleaved so that drift on a shared
# machine hits every contender alike, then the CPU model, the ISA oneDNN chose (ONEDNN_VERBOSE) for
# pepnet and for PyTorch, and a markdown table of medians and ratios (scripts/bench_table.py).
#   bash scripts/bench-vs-torch.sh [ROUNDS] [OUT.jsonl]
# Needs a Python venv with torch==2.13.0+cpu, onnx and onnxruntime at $TORCH_VENV (default
# /tmp/torch-venv); it is created if missing. The peers are for comparison only, never used by pepnet.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
out=${2:-/tmp/pepnet-bench.jsonl}
venv=${TORCH_VENV:-/tmp/torch-venv}
peers=$PWD/python/bench/bench_peers.py
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import torch, onnx, onnxruntime" 2> /dev/null; then
  "$venv/bin/pip" install -q "torch==2.13.0+cpu" onnx onnxruntime
fi
if [ -z "${PEPNET_BIN:-}" ]; then
  swift build -c release --product pepnet >&2
fi
bin=${PEPNET_BIN:-$PWD/.build/release/pepnet}
: > "$out"
# OMP_WAIT_POLICY, when set (PASSIVE on a machine others load: OpenMP's spinning waits then burn
# the cores the other threads need), applies to every contender alike; unset, each runtime's default.
if [ -n "${OMP_WAIT_POLICY:-}" ]; then echo "OMP_WAIT_POLICY=$OMP_WAIT_POLICY" >&2; fi

# Runs a command under /usr/bin/time and appends its JSON line with the peak RSS (MiB) and the
# process's CPU seconds (user + system: steadier than wall time when others load the machine).
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" 2> "$log.time" > "$log"
  local rss cpu
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log.time")
  cpu=$(awk -F: '/User time|System time/ {s += $2} END {print s}' "$log.time")
  tail -n 1 "$log" | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); d['peak_rss_mib_time']=$rss/1024; d['cpu_s']=$cpu; print(json.dumps(d))" >> "$out"
  rm -f "$log" "$log.time"
}

pepnet_trains_bf16=false
if "$bin" bench train --help | grep -q -- --precision; then pepnet_trains_bf16=true; fi

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  measure "$venv/bin/python" "$peers" --peer torch-fp32 --mode train --threads 2
  measure "$venv/bin/python" "$peers" --peer torch-bf16 --mode train --threads 2
  if $pepnet_trains_bf16; then
    measure "$bin" bench train --threads 2 --precision fp32
    measure "$bin" bench train --threads 2 --precision bf16
  else
    measure "$bin" bench train --threads 2
  fi
  measure "$bin" bench train --threads 2 --paper-options
  measure "$venv/bin/python" "$peers" --peer torch-fp32 --mode infer --threads 2
  measure "$venv/bin/python" "$peers" --peer torch-bf16 --mode infer --threads 2
  measure "$venv/bin/python" "$peers" --peer onnxruntime-fp32 --mode infer --threads 2
  measure "$bin" bench score --threads 2 --precision fp32
  measure "$bin" bench score --threads 2 --precision bf16
  measure "$bin" bench score --threads 2 --precision fp32 --paper-options
done
measure "$venv/bin/python" "$peers" --mode gemm --threads 2

# The ISA each oneDNN picked: the `info,cpu,isa:` line of ONEDNN_VERBOSE (pepnet links Debian's
# oneDNN; PyTorch ships its own).
# oneDNN 3 puts a version field after the prefix: `onednn_verbose,v1,info,cpu,isa:`.
onednn_isa() { ONEDNN_VERBOSE=1 "$@" 2>&1 | sed -n -E 's/^onednn_verbose,(v[0-9]+,)?info,cpu,isa://p' | head -n 1; }
echo "OMP_WAIT_POLICY: ${OMP_WAIT_POLICY:-unset (runtime defaults)}"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "oneDNN ISA, pepnet (Debian oneDNN 2.6): $(onednn_isa "$bin" bench score --precision bf16 --warmup 0 --calls 1 --candidates 100)"
echo "oneDNN ISA, PyTorch bf16 (its own oneDNN): $(onednn_isa "$venv/bin/python" "$peers" --peer torch-bf16 --mode infer --quick)"
echo
python3 scripts/bench_table.py "$out"
