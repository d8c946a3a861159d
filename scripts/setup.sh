#!/usr/bin/env bash
# Installs the system packages pepnet needs (OpenBLAS, oneDNN for bf16, ncurses, tmux for the terminal tests).
# As root it installs what is missing with apt-get; otherwise it names what to install and fails.
set -euo pipefail

needed=(libopenblas-dev libdnnl-dev libncurses-dev tmux)
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6.1 or newer from swift.org" >&2
  exit 1
fi
