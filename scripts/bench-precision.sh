#!/usr/bin/env bash
# bf16 against fp32 scoring in the same run: ROUNDS rounds of [bench score --precision fp32,
# --precision bf16], interleaved so that drift on a shared machine hits both alike; prints the CPU
# model, the ISA oneDNN chose, each precision's median ms per 10,000 candidates and CPU seconds
# per call (user + system, less sensitive to other load than wall time), and the ratios.
#   bash scripts/bench-precision.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
if [ -z "${PEPNET_BIN:-}" ]; then
  swift build -c release --product pepnet >&2
fi
bin=${PEPNET_BIN:-$PWD/.build/release/pepnet}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  for precision in fp32 bf16; do
    /usr/bin/time -f "%U %S" -o "$out.time" "$bin" bench score --precision "$precision" --calls 10 > "$out.run"
    cpu=$(awk '{print $1 + $2}' "$out.time")
    tail -n 1 "$out.run" | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); d['cpu_s']=$cpu; print(json.dumps(d))" >> "$out"
  done
done
rm -f "$out.time" "$out.run"

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); oneDNN ISA: $(tail -n 1 "$out" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["onednn_isa"])')"
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
by = {p: [r for r in rows if r["precision"] == p] for p in ("fp32", "bf16")}
med = {p: statistics.median(r["ms_per_10k"] for r in by[p]) for p in by}
cpu = {p: statistics.median(r["cpu_s"] for r in by[p]) for p in by}
print(f"rounds: {sys.argv[2]} (interleaved), bench score: 10,000 candidates, 2 threads, 10 timed calls")
print("| precision | ms per 10k (median) | all rounds | process CPU s (median) |")
print("|---|---|---|---|")
for p in ("fp32", "bf16"):
    rounds = ", ".join(f"{r['ms_per_10k']:.0f}" for r in by[p])
    print(f"| {p} | {med[p]:.0f} | {rounds} | {cpu[p]:.1f} |")
print(f"bf16 / fp32: {med['bf16'] / med['fp32']:.2f}x the time ({med['fp32'] / med['bf16']:.2f}x faster); CPU {cpu['bf16'] / cpu['fp32']:.2f}x")
PY
