"""The model configuration of a bundle's config.json (`model`), as pepnet's ModelConfig has it."""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Any

ARCHITECTURES = (
    "pepnet",
    "epnet-only",
    "ppnet-only",
    "pepnet-no-stopgrad",
    "pepnet-prior-gates-only",
    "dnn",
    "shared-bottom",
    "mmoe",
    "ple",
)
#: The architectures this twin implements (the others raise on load).
SUPPORTED = ("pepnet", "epnet-only", "ppnet-only", "pepnet-no-stopgrad", "pepnet-prior-gates-only", "dnn")


@dataclass
class FieldSpec:
    name: str
    vocabularySize: int
    role: str  # "general" or "domain_side"
    isPrior: bool = False
    #: A multi-valued field: its id slots in a row (values then -1), mean-pooled; None: one id.
    maxValues: int | None = None

    @property
    def slots(self) -> int:
        return self.maxValues or 1


@dataclass
class ModelConfig:
    architecture: str
    fields: list[FieldSpec]
    tasks: list[str]
    embeddingDim: int = 16
    tower: list[int] = field(default_factory=lambda: [256, 128])
    epnetGateHidden: int = 64
    ppnetGateHidden: int = 64
    gamma: float = 2.0
    epnetGranularity: str = "elementwise"
    ppnetPlacement: str = "pre"
    ppnetTaskGating: str = "shared_split"
    ppnetGateFinalLayer: bool = True
    stopGradient: bool = True
    stopGradientPrior: bool = False
    expertCount: int = 4
    expertHidden: list[int] = field(default_factory=lambda: [128])

    @staticmethod
    def from_json(d: dict[str, Any]) -> "ModelConfig":
        known = {k: v for k, v in d.items() if k in ModelConfig.__dataclass_fields__}
        known["fields"] = [FieldSpec(**f) for f in d["fields"]]
        cfg = ModelConfig(**known)
        cfg.validate()
        return cfg

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        # pepnet writes `maxValues` only for a multi-valued field.
        for f in d["fields"]:
            if f["maxValues"] is None:
                del f["maxValues"]
        return d

    def validate(self) -> None:
        if self.architecture not in ARCHITECTURES:
            raise ValueError(f"unknown architecture {self.architecture!r}")
        if self.epnetGranularity not in ("elementwise", "fieldwise"):
            raise ValueError(f"unknown epnetGranularity {self.epnetGranularity!r}")
        if self.ppnetPlacement not in ("pre", "post"):
            raise ValueError(f"unknown ppnetPlacement {self.ppnetPlacement!r}")
        if self.ppnetTaskGating not in ("shared_split", "per_task"):
            raise ValueError(f"unknown ppnetTaskGating {self.ppnetTaskGating!r}")
        for f in self.fields:
            if f.role not in ("general", "domain_side"):
                raise ValueError(f"field {f.name}: unknown role {f.role!r}")
            if f.vocabularySize < 1:
                raise ValueError(f"field {f.name}: vocabularySize must be at least 1")
            if f.maxValues is not None and (f.role != "general" or f.isPrior or not 1 <= f.maxValues <= 1024):
                raise ValueError(f"field {f.name}: maxValues {f.maxValues} (a general, non-prior field, 1...1024)")

    @property
    def general_fields(self) -> list[FieldSpec]:
        return [f for f in self.fields if f.role == "general"]

    @property
    def general_id_width(self) -> int:
        """Ids per row of `general_ids`: one per general field, `maxValues` per multi-valued one."""
        return sum(f.slots for f in self.general_fields)

    @property
    def domain_side_fields(self) -> list[FieldSpec]:
        return [f for f in self.fields if f.role == "domain_side"]

    @property
    def prior_field_indices(self) -> list[int]:
        """Indices among the general fields of the PPNet prior fields."""
        return [i for i, f in enumerate(self.general_fields) if f.isPrior]
