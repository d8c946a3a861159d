"""A numeric feature's raw cell as pepnet reads it (docs/model-format.md, `pipeline.json`): a
number is an optional sign, digits with an optional point (or a point and digits) and an optional
exponent, read as the nearest Float32 (ties to even) and finite; its bucket is 1 + the number of
cuts <= it, compared in Float32. As `Vocabulary.number` and `QuantileCuts.bucket` in Sources/Data.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np

#: ASCII digits only (`re.ASCII`; Python's `\\d` would also take other scripts' digits), matched
#: whole: no space, no `inf`/`nan`, no hexadecimal, no `_` or `,` separators.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)

#: Where Float32 rounding overflows: 2^128, the value infinity stands for when rounding (its
#: significand counts as even, so a tie with the largest finite Float32 overflows).
_OVERFLOW = Fraction(2**128)


def _exact(f: np.float32) -> Fraction:
    return _OVERFLOW if np.isinf(f) else Fraction(float(f))


def _even(f: np.float32) -> bool:
    return int(np.abs(f).view(np.uint32)) & 1 == 0


def float32_of(text: str) -> np.float32 | None:
    """The nearest Float32 of a decimal cell, or None for a non-number or a non-finite one.

    Rounding the nearest double to Float32 can round twice the wrong way (a decimal just off a
    Float32 midpoint reads as the midpoint, which then ties to even), so the double's Float32 and
    its neighbours are compared against the exact decimal. Underflow reads as zero (its sign does not
    matter to a bucket), as in pepnet.
    """
    if not _NUMBER.fullmatch(text):
        return None
    wide = float(text)
    if math.isinf(wide):
        return None
    with np.errstate(over="ignore"):
        guess = np.float32(wide)
    exact = Fraction(text) if wide != 0.0 else Fraction(0)
    up, down = np.float32(np.inf), np.float32(-np.inf)
    candidates = [guess, np.nextafter(guess, up), np.nextafter(guess, down)]
    best = min(candidates, key=lambda f: (abs(_exact(f) - exact), not _even(f)))
    return best if np.isfinite(best) else None


def cuts_of(values: list[float]) -> np.ndarray:
    """pipeline.json's `cuts` (Float32 values written as their shortest decimal) as Float32.

    `repr` gives back the written decimal (it has at most 9 digits), which is then read by the
    rule above rather than through the double `json` made of it."""
    cuts = [float32_of(repr(float(c))) for c in values]
    if any(c is None for c in cuts):
        raise ValueError("a cut is not a finite number")
    return np.asarray(cuts, dtype=np.float32)


def bucket(value: np.float32, cuts: np.ndarray) -> int:
    """1 + the number of cuts <= value, in Float32 (1 ... len(cuts) + 1)."""
    return 1 + int(np.searchsorted(cuts, np.float32(value), side="right"))
