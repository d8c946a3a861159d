"""JSON printed as pepnet prints it: one line, sorted keys, Float32 numbers in their shortest form."""

from __future__ import annotations

import json
import sys
from typing import Any

import numpy as np


def f32(value: Any) -> float:
    """The Python float whose repr is the shortest decimal of `value` as a Float32 (what Swift's
    JSONEncoder prints for a Float); non-finite values raise."""
    v = np.float32(value)
    if not np.isfinite(v):
        raise ValueError(f"not a finite number: {v}")
    return float(str(v))


def write(value: Any) -> None:
    sys.stdout.write(json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")
