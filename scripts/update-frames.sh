#!/usr/bin/env bash
# Regenerates the explorer frames in README.md and docs/explorer.md. Each frame is the ``` block
# right after a line `<!-- frame: pepnet ARGS -->`; it is replaced by what `pepnet ARGS` prints
# (run from the package root). `swift test --filter DocFrameTests` fails while a frame is stale.
# PEPNET_BINARY picks the binary; by default a debug build (built here if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PEPNET_BINARY:-}
if [ -z "$bin" ]; then
  swift build --product pepnet >&2
  bin=.build/debug/pepnet
fi
for doc in README.md docs/explorer.md; do
  tmp=$(mktemp)
  awk -v bin="$bin" -v doc="$doc" '
    function fail(message) { print doc ": " message > "/dev/stderr"; failed = 1; exit 1 }
    pending != "" && /^```/ {
      print
      command = bin " " pending
      while ((status = (command | getline line)) > 0) print line
      if (status < 0 || close(command) != 0) fail("`pepnet " pending "` failed")
      skipping = 1
      pending = ""
      next
    }
    skipping { if ($0 ~ /^```/) { print; skipping = 0 } ; next }
    /^<!-- frame: pepnet .* -->$/ {
      pending = $0
      sub(/^<!-- frame: pepnet /, "", pending)
      sub(/ -->$/, "", pending)
    }
    { print }
    END { if (!failed && (pending != "" || skipping)) fail("a frame marker without a closed ``` block") }
  ' "$doc" > "$tmp" || { rm -f "$tmp"; exit 1; }
  cat "$tmp" > "$doc"
  rm -f "$tmp"
  echo "updated the frames in $doc" >&2
done
# The key tables in the same documents come from the key map, not from a frame.
bash scripts/update-key-tables.sh
