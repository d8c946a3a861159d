#!/usr/bin/env bash
# Quits the explorer while its worker is scoring, many times, under a private tmux server, and counts
# the runs that died by a signal (issue 11, item 16: `exit()` ran OpenBLAS's shutdown while the worker
# was inside sgemm, a SIGSEGV now and then). Needs a release build, where a run takes half a second:
#   swift build -c release --scratch-path .build-release
#   bash scripts/explorer-quit-loop.sh .build-release/release/pepnet 30
# Prints one line per failed run and a summary; exits 1 when any run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:?usage: explorer-quit-loop.sh PEPNET_BINARY [RUNS] [BUNDLE]}")
runs=${2:-30}
bundle=$(realpath "${3:-sample-data/model}")
work=$(mktemp -d)
socket="pepnet-quit-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
tmux -L "$socket" -f /dev/null new-session -d -s q -x 120 -y 40 \
  env -i PATH=/usr/bin:/bin TERM=screen-256color LANG=C.UTF-8 HOME=/tmp PS1='$ ' sh
# Polls for up to 20 s until the command succeeds.
wait_until() { for _ in $(seq 400); do if "$@"; then return 0; fi; sleep 0.05; done; return 1; }
framed() { tmux -L "$socket" capture-pane -p -t q | grep -q '? help'; }
clean=0
failed=0
for run in $(seq "$runs"); do
  rm -f "$work/status"
  tmux -L "$socket" send-keys -t q -l "clear; '$binary' explore '$bundle'; echo \$? > '$work/status'"
  tmux -L "$socket" send-keys -t q Enter
  wait_until framed || true
  # Four user changes start scoring; q arrives while the worker computes.
  tmux -L "$socket" send-keys -t q -l "jjjjq"
  wait_until test -s "$work/status" || true
  status=$(cat "$work/status" 2>/dev/null || echo "none (still running)")
  if [ "$status" = 0 ]; then
    clean=$((clean + 1))
  else
    failed=$((failed + 1))
    echo "run $run: exit status $status"
  fi
done
echo "$clean of $runs quits exited cleanly, $failed failed"
[ "$failed" = 0 ]
