#!/usr/bin/env bash
# The whole test suite: system packages, then `swift test` (unit, gradient, learning, snapshot and
# tmux end-to-end tests), then ThreadSanitizer on the multi-threaded code (scripts/sanitizers.sh),
# then 15 s of libFuzzer on each parser (scripts/fuzz.sh, about 2 minutes with its instrumented
# build; PEPNET_FUZZ_SECONDS sets the time per parser, 0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
# The PyTorch twin (python/): parity with the binary just built, and a torchrun-trained bundle.
bash scripts/test-python.sh
bash scripts/sanitizers.sh ci
fuzz_seconds=${PEPNET_FUZZ_SECONDS:-15}
if [ "$fuzz_seconds" != 0 ]; then bash scripts/fuzz.sh "$fuzz_seconds"; fi
