#!/usr/bin/env bash
# The whole test suite: system packages, then `swift test` (unit, gradient, learning, snapshot and
# tmux end-to-end tests), then ThreadSanitizer on the multi-threaded code (scripts/sanitizers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
bash scripts/sanitizers.sh ci
