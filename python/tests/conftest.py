"""Shared fixtures: the repository's paths and the `pepnet` binary the parity tests compare against."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PYTHON_DIR = os.path.join(REPO, "python")
SAMPLE_MODEL = os.path.join(REPO, "sample-data", "model")
SAMPLE_DATA = os.path.join(REPO, "sample-data", "dataset")

if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)


def pepnet_binary() -> str:
    """`$PEPNET_BIN`, else the debug build of this checkout. Missing is a failure, not a skip: the
    parity tests are the point of this package (scripts/test.sh builds it first)."""
    path = os.environ.get("PEPNET_BIN") or os.path.join(REPO, ".build", "debug", "pepnet")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no pepnet binary at {path}: run `swift build` or set PEPNET_BIN")
    return path


@pytest.fixture(scope="session")
def pepnet():
    binary = pepnet_binary()

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([binary, *args], capture_output=True, text=True, cwd=REPO)
        if check and result.returncode != 0:
            raise AssertionError(f"pepnet {' '.join(args)} failed ({result.returncode}): {result.stderr}")
        return result

    return run


def python_module(module: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m pepnet_torch.<module> args` with this interpreter, from the repository root."""
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    return subprocess.run(
        [sys.executable, "-m", f"pepnet_torch.{module}", *args], capture_output=True, text=True, cwd=REPO, env=env
    )
