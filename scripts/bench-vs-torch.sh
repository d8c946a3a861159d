#!/usr/bin/env bash
# Side-by-side speed against the PyTorch reference (not part of this repository: a checkout named
# by PEPNET_TORCH_BENCH, ../shared/bench by default), in the same run:
# rounds of [torch train, pepnet train, torch infer, pepnet score], interleaved so that drift on a
# shared machine hits both alike; then a markdown table of medians and ratios (scripts/bench_table.py).
#   bash scripts/bench-vs-torch.sh [ROUNDS] [OUT.jsonl]
# Needs a Python venv with torch==2.13.0+cpu at $TORCH_VENV (default /tmp/torch-venv); it is
# created if missing. PyTorch is used for comparison only, never by pepnet itself.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
out=${2:-/tmp/pepnet-bench.jsonl}
venv=${TORCH_VENV:-/tmp/torch-venv}
bench_dir=${PEPNET_TORCH_BENCH:-../shared/bench}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "torch==2.13.0+cpu"
fi
if [ -z "${PEPNET_BIN:-}" ]; then
  swift build -c release --product pepnet >&2
fi
bin=${PEPNET_BIN:-$PWD/.build/release/pepnet}
: > "$out"

# Runs a command under /usr/bin/time and appends its JSON line with the peak RSS (MiB) added.
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" 2> "$log.time" > "$log"
  local rss
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log.time")
  tail -n 1 "$log" | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); d['peak_rss_mib_time']=$rss/1024; print(json.dumps(d))" >> "$out"
  rm -f "$log" "$log.time"
}

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  (cd "$bench_dir" && measure "$venv/bin/python" bench_torch.py --mode train --threads 2 --out /dev/null)
  measure "$bin" bench train --threads 2
  measure "$bin" bench train --threads 2 --paper-options
  (cd "$bench_dir" && measure "$venv/bin/python" bench_torch.py --mode infer --threads 2 --out /dev/null)
  measure "$bin" bench score --threads 2
  measure "$bin" bench score --threads 2 --paper-options
done
(cd "$bench_dir" && measure "$venv/bin/python" bench_torch.py --mode gemm --threads 2 --out /dev/null)
python3 scripts/bench_table.py "$out"
