#!/usr/bin/env bash
# The whole test suite: system packages; `swift format lint --strict` of every Swift file (the
# style of .swift-format); a build that fails when a target imports one it does not declare in
# Package.swift; `swift test` (unit, gradient, learning, snapshot and tmux end-to-end tests);
# ThreadSanitizer on the multi-threaded code (scripts/sanitizers.sh); then 15 s of libFuzzer on
# each parser (scripts/fuzz.sh, about 2 minutes with its instrumented build; PEPNET_FUZZ_SECONDS
# sets the time per parser, 0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift format lint --strict -r Sources Tests Package.swift
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build
# The PyTorch twin (python/): parity with the binary just built, and a torchrun-trained bundle.
bash scripts/test-python.sh
bash scripts/sanitizers.sh ci
fuzz_seconds=${PEPNET_FUZZ_SECONDS:-15}
if [ "$fuzz_seconds" != 0 ]; then bash scripts/fuzz.sh "$fuzz_seconds"; fi
