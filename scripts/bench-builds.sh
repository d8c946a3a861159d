#!/usr/bin/env bash
# Two pepnet builds against each other in the same run: ROUNDS rounds of `bench score` (fp32 and
# bf16, 10,000 candidates, 2 threads, 10 timed calls) by BEFORE then AFTER, the order alternating
# every round, so that drift on a shared machine hits both alike. Prints the CPU model, each
# build's median ms per 10k and process CPU seconds (user + system, /usr/bin/time; the steadier
# figure on a loaded machine) and the ratios AFTER / BEFORE.
#   BEFORE=path/to/pepnet AFTER=path/to/pepnet bash scripts/bench-builds.sh [ROUNDS]
set -euo pipefail
rounds=${1:-3}
: "${BEFORE:?BEFORE=path of the pepnet binary to compare against}"
: "${AFTER:?AFTER=path of the pepnet binary measured}"
out=$(mktemp)
trap 'rm -f "$out" "$out.time" "$out.run"' EXIT

run() {
  local name=$1 bin=$2 precision=$3
  /usr/bin/time -f "%U %S" -o "$out.time" "$bin" bench score --precision "$precision" --calls 10 > "$out.run"
  local cpu
  cpu=$(awk '{print $1 + $2}' "$out.time")
  tail -n 1 "$out.run" | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); d['cpu_s']=$cpu; d['build']='$name'; d['asked']='$precision'; print(json.dumps(d))" >> "$out"
}

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  for precision in fp32 bf16; do
    if [ $((r % 2)) -eq 1 ]; then
      run before "$BEFORE" "$precision"; run after "$AFTER" "$precision"
    else
      run after "$AFTER" "$precision"; run before "$BEFORE" "$precision"
    fi
  done
done

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); load average now $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"rounds: {sys.argv[2]} (interleaved), bench score: 10,000 candidates, 2 threads, 10 timed calls")
print("| precision | build | ms per 10k (median) | all rounds | process CPU s (median) | all rounds |")
print("|---|---|---|---|---|---|")
med = {}
for p in ("fp32", "bf16"):
    for b in ("before", "after"):
        rs = [r for r in rows if r["asked"] == p and r["build"] == b]
        ms = statistics.median(r["ms_per_10k"] for r in rs)
        cpu = statistics.median(r["cpu_s"] for r in rs)
        med[p, b] = (ms, cpu)
        walls = ", ".join(f"{r['ms_per_10k']:.0f}" for r in rs)
        cpus = ", ".join(f"{r['cpu_s']:.2f}" for r in rs)
        print(f"| {p} | {b} | {ms:.0f} | {walls} | {cpu:.2f} | {cpus} |")
for p in ("fp32", "bf16"):
    (mb, cb), (ma, ca) = med[p, "before"], med[p, "after"]
    print(f"{p}: after / before {ma / mb:.2f}x the time, {ca / cb:.2f}x the CPU seconds")
PY
