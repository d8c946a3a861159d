"""Reading and writing pepnet's model bundle (docs/model-format.md) from PyTorch.

`load(path)` returns a `Bundle` whose `.model` holds the bundle's weights; `save(...)` writes a
bundle directory (config.json, weights.safetensors, pipeline.json) that `pepnet rank`, `gates`,
`eval` and `explore` open unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from safetensors.numpy import load_file, save_file

from .config import ModelConfig
from .model import BIAS, DENSE_WEIGHT, EMBEDDING, build

FORMAT_VERSION = 1


class BundleError(Exception):
    """A bundle that cannot be loaded: the message names the file and what is wrong."""


@dataclass
class Bundle:
    path: str
    manifest: dict[str, Any]
    config: ModelConfig
    model: torch.nn.Module
    pipeline_json: dict[str, Any]

    @property
    def tasks(self) -> list[str]:
        return self.manifest["tasks"]

    @property
    def domains(self) -> list[str]:
        return self.manifest["domains"]

    @property
    def default_weights(self) -> list[float]:
        negative = set(self.manifest.get("negative_tasks") or [])
        return [-1.0 if t in negative else 1.0 for t in self.tasks]


def _stored(value: torch.Tensor, kind: str) -> np.ndarray:
    """A parameter as the bundle stores it."""
    a = value.detach().to(torch.float32).cpu().numpy()
    if kind == DENSE_WEIGHT:
        a = a.T
    elif kind == BIAS:
        a = a.reshape(1, -1)
    return np.ascontiguousarray(a)


def load_weights(model: torch.nn.Module, weights: dict[str, np.ndarray], file: str = "weights.safetensors") -> None:
    """Copies the bundle tensors into `model`; every tensor must be there, F32, finite and of its shape."""
    expected = model.bundle_tensors()
    names = {n for n, _, _ in expected}
    extra = sorted(set(weights) - names)
    if extra:
        raise BundleError(f"{file}: {extra[0]}: unexpected tensor")
    with torch.no_grad():
        for name, param, kind in expected:
            if name not in weights:
                raise BundleError(f"{file}: {name}: missing tensor")
            a = weights[name]
            want = tuple(_stored(param, kind).shape)
            if a.dtype != np.float32:
                raise BundleError(f"{file}: {name}: dtype {a.dtype}, expected float32")
            if tuple(a.shape) != want:
                raise BundleError(f"{file}: {name}: shape {list(a.shape)}, expected {list(want)}")
            if not np.isfinite(a).all():
                raise BundleError(f"{file}: {name}: not finite")
            t = torch.from_numpy(np.array(a, copy=True))
            if kind == DENSE_WEIGHT:
                t = t.T
            elif kind == BIAS:
                t = t.reshape(-1)
            param.copy_(t)


def bundle_weights(model: torch.nn.Module) -> dict[str, np.ndarray]:
    """Every parameter of `model` named and laid out as in a bundle."""
    return {name: _stored(p, kind) for name, p, kind in model.bundle_tensors()}


def load(path: str) -> Bundle:
    """The bundle at `path`, its weights in a PyTorch module (in eval mode)."""
    def read_json(name):
        file = os.path.join(path, name)
        try:
            with open(file, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError) as e:
            raise BundleError(f"{file}: {e}") from None

    manifest = read_json("config.json")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BundleError(f"{os.path.join(path, 'config.json')}: format_version: unsupported {manifest.get('format_version')!r}")
    try:
        config = ModelConfig.from_json(manifest["model"])
    except (KeyError, TypeError, ValueError) as e:
        raise BundleError(f"{os.path.join(path, 'config.json')}: model: {e}") from None
    model = build(config)
    weights_file = os.path.join(path, "weights.safetensors")
    try:
        weights = load_file(weights_file)
    except Exception as e:  # safetensors raises its own error types
        raise BundleError(f"{weights_file}: {e}") from None
    load_weights(model, weights, weights_file)
    model.eval()
    return Bundle(path, manifest, config, model, read_json("pipeline.json"))


def save(
    path: str,
    model: torch.nn.Module,
    config: ModelConfig,
    pipeline_json: dict[str, Any],
    tasks: list[str],
    domains: list[str],
    training: dict[str, Any] | None = None,
    validation: dict[str, Any] | None = None,
    test: dict[str, Any] | None = None,
    negative_tasks: list[str] | None = None,
) -> None:
    """Writes a bundle directory at `path`: complete in a temporary folder beside it, then renamed
    into place (an existing bundle at `path` is replaced)."""
    manifest: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "model": config.to_json(),
        "tasks": tasks,
        "domains": domains,
    }
    if training is not None:
        manifest["training"] = training
    if negative_tasks:
        manifest["negative_tasks"] = negative_tasks
    if validation is not None:
        manifest["validation"] = validation
    if test is not None:
        manifest["test"] = test
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".bundle-", dir=parent)
    try:
        with open(os.path.join(tmp, "config.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, sort_keys=True)
        with open(os.path.join(tmp, "pipeline.json"), "w", encoding="utf-8") as f:
            json.dump(pipeline_json, f, sort_keys=True)
        metadata = {"format": "pepnet", "architecture": config.architecture, "format_version": str(FORMAT_VERSION)}
        save_file(bundle_weights(model), os.path.join(tmp, "weights.safetensors"), metadata=metadata)
        if os.path.isdir(path):
            old = tmp + ".old"
            os.rename(path, old)
            os.rename(tmp, path)
            shutil.rmtree(old)
        else:
            os.rename(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
