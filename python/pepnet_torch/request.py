"""Resolving a request's names against a bundle, and scoring, shared by `rank` and `gates`."""

from __future__ import annotations

import sys

import numpy as np
import torch

from .bundle import Bundle
from .pipeline import FeaturePipeline


class RequestError(Exception):
    """A name the bundle does not have (one line, as pepnet says it)."""


def index(kind: str, name: str, names: list[str]) -> int:
    try:
        return names.index(name)
    except ValueError:
        raise RequestError(f"unknown {kind} '{name}'") from None


def probabilities(bundle: Bundle, general: np.ndarray, side: np.ndarray) -> np.ndarray:
    """Float32 probabilities, rows x tasks."""
    with torch.no_grad():
        logits = bundle.model(torch.from_numpy(general), torch.from_numpy(side))
        return torch.sigmoid(logits).numpy().astype(np.float32)


def fail(message: str, status: int = 1) -> "NoReturn":  # noqa: F821
    sys.stderr.write(f"pepnet_torch: {message}\n")
    raise SystemExit(status)


def pipeline_of(bundle: Bundle) -> FeaturePipeline:
    return FeaturePipeline(bundle.pipeline_json)
