#!/usr/bin/env bash
# Regenerates the key tables in README.md and docs/explorer.md from the explorer's key map
# (Sources/Explorer/KeyMap.swift). A table sits between `<!-- keys: CONTEXTS -->` and
# `<!-- end keys -->`; `swift test --filter KeyTableDocTests` fails while one is stale, and this
# script runs that suite in recording mode, which rewrites the stale ones.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests >&2
PEPNET_RECORD_KEY_TABLES=1 swift test --skip-build --filter KeyTableDocTests >&2
echo "updated the key tables in README.md and docs/explorer.md" >&2
