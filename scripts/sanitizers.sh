#!/usr/bin/env bash
# The test suite under a sanitizer, in its own scratch folder (.build-tsan, .build-asan).
#
#   scripts/sanitizers.sh thread            # ThreadSanitizer, all suites but the separately built binary's
#   scripts/sanitizers.sh address           # AddressSanitizer, likewise
#   scripts/sanitizers.sh ci                # what CI runs: ThreadSanitizer on the multi-threaded code
#
# The end-to-end suites start the pepnet binary, which is not instrumented, so they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

# Suites that start the (uninstrumented) binary: nothing to check there.
BINARY_SUITES="EndToEnd|CommandLineTests|ErrorCase|TrainingFault|TrainOption"
# The code that runs on several threads: data-parallel training and its optimiser, the trainer
# with checkpoints, the data-parallel scorer, and the explorer's background worker.
THREADED_SUITES="DataParallel|TrainerTests|ScorerTests|WorkerTests|SyntheticSource"

mode=${1:-ci}
case $mode in
  thread)
    swift build --build-tests --sanitize=thread --scratch-path .build-tsan
    # The learning test is skipped only for time (about 4 minutes under ThreadSanitizer).
    TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --sanitize=thread --scratch-path .build-tsan \
      --skip "$BINARY_SUITES|LearningTests"
    ;;
  address)
    swift build --build-tests --sanitize=address --scratch-path .build-asan
    # Leaks are reported only inside XCTest and Foundation (docs/testing.md), hence detect_leaks=0.
    ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 swift test --skip-build --sanitize=address \
      --scratch-path .build-asan --skip "$BINARY_SUITES"
    ;;
  ci)
    swift build --build-tests --sanitize=thread --scratch-path .build-tsan
    TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --sanitize=thread --scratch-path .build-tsan \
      --filter "$THREADED_SUITES"
    ;;
  *)
    echo "usage: scripts/sanitizers.sh thread|address|ci" >&2
    exit 2
    ;;
esac
