#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with libFuzzer (see docs/testing.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds pepnet-fuzz with -sanitize=fuzzer,address in its own scratch path (.build-fuzz, debug so
# that bounds and overflow checks stay on), then runs each target (default: csv schema safetensors
# bundle whole-bundle) for SECONDS (default 15) from a temporary copy of Fuzz/corpus/TARGET (the committed
# corpus is not changed), with the tokens of Fuzz/dict. Exits non-zero on any crash, trap,
# sanitizer report, hang (10 s on one input) or memory blow-up (2 GB), leaving the input in
# .build-fuzz/artifacts/.
# Replay one with: PEPNET_FUZZ_TARGET=TARGET .build-fuzz/debug/pepnet-fuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(csv schema safetensors bundle whole-bundle); fi

scratch=.build-fuzz
mkdir -p "$scratch/artifacts"
log="$scratch/build.log"
start=$(date +%s)
if ! swift build --scratch-path "$scratch" --product pepnet-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DPEPNET_FUZZ >"$log" 2>&1; then
  # ld.gold warns about every ASan helper symbol; show the rest.
  grep -v "Cannot export local symbol" "$log" | tail -40
  echo "fuzz.sh: build failed" >&2
  exit 1
fi
echo "fuzz.sh: built pepnet-fuzz in $(($(date +%s) - start)) s"

binary="$scratch/debug/pepnet-fuzz"
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
# The harness's fixture folder (libFuzzer exits without removing it).
export PEPNET_FUZZ_WORKDIR=$work
# Swift's runtime hides some pointers from LeakSanitizer (false reports), hence no leak checks;
# a small quarantine keeps the per-input allocations cheap.
export ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=16
status=0
for target in "${targets[@]}"; do
  if [ ! -d "Fuzz/corpus/$target" ]; then
    echo "fuzz.sh: no corpus Fuzz/corpus/$target (targets: csv schema safetensors bundle whole-bundle)" >&2
    exit 2
  fi
  cp -r "Fuzz/corpus/$target" "$work/$target"
  dict=Fuzz/dict/json.dict
  if [ "$target" = csv ]; then dict=Fuzz/dict/csv.dict; fi
  if PEPNET_FUZZ_TARGET=$target "$binary" "$work/$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -dict="$dict" \
    -artifact_prefix="$scratch/artifacts/$target-" >"$work/$target.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$target.log")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$work/$target.log" | tail -1)
    echo "fuzz.sh: $target: ${seconds} s, $runs inputs ($speed/s), $cov, corpus $(ls "$work/$target" | wc -l) files, no crash"
  else
    status=1
    grep -v "^#[0-9]" "$work/$target.log" | tail -60
    echo "fuzz.sh: $target: CRASH (input saved in $scratch/artifacts/)" >&2
  fi
done
exit $status
