"""Reading an encoded dataset written by `pepnet encode` (docs/data-format.md, "Encoded datasets").

`encoded.json` lists each split's shards; a shard is a safetensors file with `general_ids` and
`domain_side_ids` (int32, rows x fields), `labels` and `label_mask` (float32, rows x tasks),
`domains` and `users` (int32, rows), and `oracle` (float32, rows x tasks) when the split has it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
from safetensors.numpy import load_file

FORMAT_VERSION = 1
COLUMNS = ("general_ids", "domain_side_ids", "labels", "label_mask", "domains", "users")


class EncodedError(Exception):
    """An encoded dataset that cannot be read; the message names the file."""


@dataclass
class Split:
    """One split's rows (or a subset of its shards), columnar."""

    general_ids: np.ndarray
    domain_side_ids: np.ndarray
    labels: np.ndarray
    label_mask: np.ndarray
    domains: np.ndarray
    users: np.ndarray
    oracle: np.ndarray | None

    @property
    def rows(self) -> int:
        return int(self.domains.shape[0])


class EncodedDataset:
    def __init__(self, path: str):
        self.path = path
        manifest_file = os.path.join(path, "encoded.json")
        try:
            with open(manifest_file, encoding="utf-8") as f:
                self.manifest: dict[str, Any] = json.load(f)
            with open(os.path.join(path, "pipeline.json"), encoding="utf-8") as f:
                self.pipeline_json: dict[str, Any] = json.load(f)
        except (OSError, ValueError) as e:
            raise EncodedError(f"{e}") from None
        if self.manifest.get("format_version") != FORMAT_VERSION:
            raise EncodedError(f"{manifest_file}: format_version: unsupported {self.manifest.get('format_version')!r}")

    @property
    def tasks(self) -> list[str]:
        return self.manifest["tasks"]

    @property
    def domains(self) -> list[str]:
        return self.manifest["domains"]

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.manifest["fields"]

    def shards(self, split: str) -> list[dict[str, Any]]:
        return self.manifest["splits"][split]["shards"]

    def load(self, split: str, shard_indices: list[int] | None = None) -> Split:
        """The rows of `split` (only the shards at `shard_indices` when given), in file order."""
        shards = self.shards(split)
        chosen = range(len(shards)) if shard_indices is None else shard_indices
        parts: dict[str, list[np.ndarray]] = {c: [] for c in COLUMNS + ("oracle",)}
        for k in chosen:
            file = os.path.join(self.path, shards[k]["file"])
            try:
                tensors = load_file(file)
            except Exception as e:  # safetensors raises its own error types
                raise EncodedError(f"{file}: {e}") from None
            for c in COLUMNS:
                if c not in tensors:
                    raise EncodedError(f"{file}: {c}: missing tensor")
                parts[c].append(tensors[c])
            if "oracle" in tensors:
                parts["oracle"].append(tensors["oracle"])
        g = sum(1 for f in self.fields if f["role"] == "general")
        s = len(self.fields) - g
        t = len(self.tasks)
        empty = {
            "general_ids": np.zeros((0, g), np.int32),
            "domain_side_ids": np.zeros((0, s), np.int32),
            "labels": np.zeros((0, t), np.float32),
            "label_mask": np.zeros((0, t), np.float32),
            "domains": np.zeros((0,), np.int32),
            "users": np.zeros((0,), np.int32),
        }
        cols = {c: (np.concatenate(parts[c]) if parts[c] else empty[c]) for c in COLUMNS}
        oracle = np.concatenate(parts["oracle"]) if parts["oracle"] and len(parts["oracle"]) == len(parts["labels"]) else None
        return Split(oracle=oracle, **cols)
