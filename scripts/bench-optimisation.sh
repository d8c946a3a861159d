#!/usr/bin/env bash
# -O against -Ounchecked (docs/performance.md): builds the committed tree's release binary four
# ways, differing only in which targets Package.swift builds -Ounchecked (all; none; PepnetNumerics;
# PepnetNumerics and PepnetModel), then runs `pepnet bench train` and `pepnet bench score` of all
# four interleaved for ROUNDS rounds (default 6; each round runs the four trains, then the four
# scores, the order rotated every round, so that load on a shared machine hits every build alike)
# and prints the medians of the benchmarks' wall-clock figures and of the CPU seconds (user + sys,
# /usr/bin/time) with their ratios to the all -Ounchecked build.
#
#   scripts/bench-optimisation.sh [ROUNDS]      # about 4 x 4 minutes of builds, then 2.5 min a round
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-6}
work=.build-optimisation
variants=(unchecked O numerics numerics-model)
mkdir -p "$work"
rm -f "$work"/*.jsonl "$work/cpu.txt"

for v in "${variants[@]}"; do
  src="$work/$v/src"
  rm -rf "$src"
  mkdir -p "$src"
  git archive HEAD | tar -x -C "$src"
  # Point each target at the unchecked (numericKernels) or checked (optimised) settings.
  python3 - "$src/Package.swift" "$v" <<'EOF'
import re, sys
path, variant = sys.argv[1], sys.argv[2]
unchecked = {"unchecked": None, "O": set(), "numerics": {"PepnetNumerics"},
             "numerics-model": {"PepnetNumerics", "PepnetModel"}}[variant]
lines, target = [], None
for line in open(path).read().split("\n"):
    m = re.search(r'name: "(\w+)"', line)
    if m:
        target = m.group(1)
    if re.search(r"swiftSettings: (numericKernels|optimised)", line):
        fast = unchecked is None or target in unchecked
        line = re.sub(r"swiftSettings: \w+", "swiftSettings: " + ("numericKernels" if fast else "optimised"), line)
    lines.append(line)
open(path, "w").write("\n".join(lines))
EOF
  start=$(date +%s)
  swift build -c release --product pepnet --package-path "$src" --scratch-path "$work/$v/build" \
    >"$work/$v/build.log" 2>&1 || { tail -20 "$work/$v/build.log"; exit 1; }
  echo "bench-optimisation: built $v in $(($(date +%s) - start)) s" >&2
done

for round in $(seq 1 "$rounds"); do
  for mode in train score; do
    for i in 0 1 2 3; do
      v=${variants[$(((i + round) % 4))]}
      /usr/bin/time -f "$v $mode %U %S" -a -o "$work/cpu.txt" "$work/$v/build/release/pepnet" bench "$mode" \
        --out "$work/$mode-$v.jsonl" >/dev/null 2>&1
    done
  done
  echo "bench-optimisation: round $round of $rounds done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done

python3 - "$work" <<'EOF'
import collections, json, statistics, sys
work = sys.argv[1]
variants = ["unchecked", "O", "numerics", "numerics-model"]
cpu = collections.defaultdict(list)
for line in open(work + "/cpu.txt"):
    p = line.split()
    if len(p) == 4 and p[0] in variants:
        cpu[(p[0], p[1])].append(float(p[2]) + float(p[3]))
for mode, key, unit in [("train", "samples_per_s", "samples/s"), ("score", "ms_per_10k", "ms per 10k")]:
    wall = {v: statistics.median(json.loads(l)[key] for l in open(f"{work}/{mode}-{v}.jsonl")) for v in variants}
    time = {v: statistics.median(cpu[(v, mode)]) for v in variants}
    for v in variants:
        print(f"{mode} {v:15} CPU {time[v]:6.2f} s ({time[v] / time['unchecked']:.3f})  "
              f"wall {wall[v]:8.1f} {unit} ({wall[v] / wall['unchecked']:.3f})")
EOF
