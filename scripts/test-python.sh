#!/usr/bin/env bash
# The PyTorch twin's tests (python/tests, pytest): parity of python/pepnet_torch with the debug
# `pepnet` binary that scripts/test.sh has just built, and a torchrun-trained bundle that pepnet
# opens. Makes (or reuses) a venv in .build-python/ (git-ignored) with the pinned packages of
# python/requirements.txt (torch==2.13.0+cpu: pip finds the CPU wheel through the machine's pip
# configuration). Fails when a test fails, when pytest collects no test, and when no test passed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${PEPNET_PYTHON_VENV:-$PWD/.build-python}
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    if [ "$(id -u)" -eq 0 ]; then
      echo "test-python: installing python3-venv" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    else
      echo "test-python: python3 -m venv failed; install python3-venv" >&2
      exit 1
    fi
  fi
fi
"$venv/bin/pip" install -q --disable-pip-version-check -r python/requirements.txt
export PEPNET_BIN=${PEPNET_BIN:-$PWD/.build/debug/pepnet}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$venv/bin/python" -m pytest -p no:cacheprovider -q python/tests 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
if [ "$status" -eq 5 ]; then
  echo "test-python: pytest collected no test: failing" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then exit "$status"; fi
if ! grep -Eq '^[0-9]+ passed' "$log"; then
  echo "test-python: no test passed: failing" >&2
  exit 1
fi
