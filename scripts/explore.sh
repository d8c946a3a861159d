#!/usr/bin/env bash
# The main job: set up, build in release mode, and open the explorer on the shipped sample model
# (or on the bundle given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product pepnet >&2
exec .build/release/pepnet explore "$@"
