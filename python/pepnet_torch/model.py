"""PEPNet (EPNet + PPNet, with every option of pepnet's ModelConfig) and the DNN baseline.

The forward passes follow pepnet's Swift layers (Sources/Model/PEPNet, Sources/Model/Layers)
operation for operation, so that a bundle trained by either gives the same probabilities and
gates in the other. Parameters are `nn.Linear` / `nn.Embedding`; `bundle_tensors()` names every
one as docs/model-format.md does (dense weights stored [inputs, outputs], the transpose of
`nn.Linear.weight`; biases [1, outputs]).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from .config import ModelConfig

#: How a parameter is stored in the bundle: as is (embedding tables), transposed (dense
#: weights), or as a [1, n] row (biases).
EMBEDDING, DENSE_WEIGHT, BIAS = "embedding", "dense_weight", "bias"


def _dense(inputs: int, outputs: int) -> nn.Linear:
    """A dense layer initialised as pepnet's Dense: weight and bias U(-1/sqrt(in), 1/sqrt(in))."""
    layer = nn.Linear(inputs, outputs)
    bound = 1 / math.sqrt(inputs)
    nn.init.uniform_(layer.weight, -bound, bound)
    nn.init.uniform_(layer.bias, -bound, bound)
    return layer


def _dense_tensors(name: str, layer: nn.Linear) -> list[tuple[str, torch.Tensor, str]]:
    return [(name + ".weight", layer.weight, DENSE_WEIGHT), (name + ".bias", layer.bias, BIAS)]


class FeatureEmbeddings(nn.Module):
    """One table per field; gathers E (general, batch x k*d) and E_domain (domain-side)."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        d = config.embeddingDim
        self.dim = d
        self.general_names = [f.name for f in config.general_fields]
        # Each general field's first column in `general_ids` and its slots (None: one id).
        self.general_slots = []
        offset = 0
        for f in config.general_fields:
            self.general_slots.append((offset, f.maxValues))
            offset += f.slots
        self.domain_side_names = [f.name for f in config.domain_side_fields]
        self.tables = nn.ModuleDict()
        for f in config.general_fields + config.domain_side_fields:
            table = nn.Embedding(f.vocabularySize, d)
            # pepnet's EmbeddingTable initialisation: N(0, 0.05^2).
            nn.init.normal_(table.weight, 0.0, 0.05)
            self.tables[f.name] = table

    def embed(self, name: str, general_ids: torch.Tensor, offset: int, slots: int | None) -> torch.Tensor:
        """One general field's embedding; a multi-valued field's is the mean of its values' rows
        (the ids before the first -1), as pepnet's `EmbeddingTable.gatherMean`."""
        if slots is None:
            return self.tables[name](general_ids[:, offset])
        ids = general_ids[:, offset : offset + slots]
        valid = (ids >= 0).to(self.tables[name].weight.dtype).unsqueeze(-1)
        rows = self.tables[name](ids.clamp(min=0)) * valid
        return rows.sum(1) / valid.sum(1).clamp(min=1)

    def forward(self, general_ids: torch.Tensor, domain_side_ids: torch.Tensor):
        e = torch.cat(
            [self.embed(n, general_ids, *self.general_slots[k]) for k, n in enumerate(self.general_names)], 1
        )
        if self.domain_side_names:
            ed = torch.cat(
                [self.tables[n](domain_side_ids[:, k]) for k, n in enumerate(self.domain_side_names)], 1
            )
        else:
            ed = e.new_zeros((e.shape[0], 0))
        return e, ed

    def bundle_tensors(self):
        return [(f"embedding.{n}", t.weight, EMBEDDING) for n, t in self.tables.items()]


class GateNU(nn.Module):
    """`delta = gamma * sigmoid(relu(x W + b) W' + b')`, several units sharing one fused first layer."""

    def __init__(self, inputs: int, hidden: int, output_widths: list[int], gamma: float):
        super().__init__()
        self.gamma = gamma
        self.hidden_width = hidden
        self.hidden = _dense(inputs, hidden * len(output_widths))
        self.outputs = nn.ModuleList([_dense(hidden, w) for w in output_widths])

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        h = torch.relu(self.hidden(x))
        w = self.hidden_width
        return [self.gamma * torch.sigmoid(out(h[:, k * w : (k + 1) * w])) for k, out in enumerate(self.outputs)]

    def bundle_tensors(self, name: str):
        tensors = _dense_tensors(name + ".hidden", self.hidden)
        for k, out in enumerate(self.outputs):
            tensors += _dense_tensors(f"{name}.out{k}", out)
        return tensors


class PEPNet(nn.Module):
    """PEPNet and its ablations (`epnet-only`, `ppnet-only`, `pepnet-no-stopgrad`,
    `pepnet-prior-gates-only`: the towers read O_ep with the prior fields' columns zeroed, PPNet's
    gate still reads it whole).

    `forward` returns the logits (batch x tasks); with `return_gates=True` also the EPNet gate
    (batch x G, or batch x fields field-wise; None without EPNet) and the PPNet gates as
    `gates[task][gated layer]` (batch x width; empty without PPNet).
    """

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        arch = config.architecture
        self.stop_gradient = config.stopGradient and arch != "pepnet-no-stopgrad"
        self.stop_gradient_prior = config.stopGradientPrior
        self.embeddings = FeatureEmbeddings(config)
        d = config.embeddingDim
        k = len(config.general_fields)
        general_width = k * d
        domain_width = len(config.domain_side_fields) * d
        self.granularity = config.epnetGranularity
        self.epnet = None
        if arch != "ppnet-only":
            width = general_width if self.granularity == "elementwise" else k
            self.epnet = GateNU(domain_width + general_width, config.epnetGateHidden, [width], config.gamma)
        self.prior = config.prior_field_indices
        # `pepnet-prior-gates-only`: 0 on the prior fields' columns of the towers' input, 1 elsewhere
        # (None for the others, which read O_ep as it is).
        mask = None
        if arch == "pepnet-prior-gates-only":
            mask = torch.ones(general_width)
            for f in self.prior:
                mask[f * d : (f + 1) * d] = 0
        self.register_buffer("tower_mask", mask, persistent=False)
        self.dims = [general_width] + list(config.tower) + [1]
        self.layer_count = len(self.dims) - 1
        self.tasks = len(config.tasks)
        self.placement = config.ppnetPlacement
        self.task_gating = config.ppnetTaskGating
        self.ppnet = None
        self.gated_layers = 0
        if arch != "epnet-only":
            self.gated_layers = self.layer_count if config.ppnetGateFinalLayer else self.layer_count - 1
            widths = [self.dims[l] if self.placement == "pre" else self.dims[l + 1] for l in range(self.gated_layers)]
            if self.task_gating == "shared_split":
                units = [w * self.tasks for w in widths]
            else:
                units = [w for _ in range(self.tasks) for w in widths]
            self.ppnet = GateNU(len(self.prior) * d + general_width, config.ppnetGateHidden, units, config.gamma)
        self.towers = nn.ModuleList(
            [
                nn.ModuleList([_dense(self.dims[l], self.dims[l + 1]) for l in range(self.layer_count)])
                for _ in range(self.tasks)
            ]
        )

    def _gate(self, units: list[torch.Tensor], t: int, l: int) -> torch.Tensor:
        if self.task_gating == "shared_split":
            w = self.dims[l] if self.placement == "pre" else self.dims[l + 1]
            return units[l][:, t * w : (t + 1) * w]
        return units[t * self.gated_layers + l]

    def forward(self, general_ids, domain_side_ids, return_gates: bool = False):
        e, ed = self.embeddings(general_ids, domain_side_ids)
        d = self.config.embeddingDim
        epnet_gate = None
        if self.epnet is not None:
            gate_in = torch.cat([ed, e.detach() if self.stop_gradient else e], 1)
            epnet_gate = self.epnet(gate_in)[0]
            scale = epnet_gate if self.granularity == "elementwise" else epnet_gate.repeat_interleave(d, 1)
            x = scale * e
        else:
            x = e
        units: list[torch.Tensor] = []
        if self.ppnet is not None:
            prior = torch.cat([e[:, f * d : (f + 1) * d] for f in self.prior], 1)
            if self.stop_gradient_prior:
                prior = prior.detach()
            units = self.ppnet(torch.cat([prior, x.detach() if self.stop_gradient else x], 1))
        logits = []
        tower_input = x if self.tower_mask is None else x * self.tower_mask
        for t, layers in enumerate(self.towers):
            h = tower_input
            for l, layer in enumerate(layers):
                gated = l < self.gated_layers
                if gated and self.placement == "pre":
                    h = self._gate(units, t, l) * h
                h = layer(h)
                if l < self.layer_count - 1:
                    h = torch.relu(h)
                if gated and self.placement == "post":
                    h = self._gate(units, t, l) * h
            logits.append(h[:, 0])
        logits = torch.stack(logits, 1)
        if not return_gates:
            return logits
        ppnet_gates = [[self._gate(units, t, l) for l in range(self.gated_layers)] for t in range(self.tasks)]
        return logits, epnet_gate, ppnet_gates

    def bundle_tensors(self):
        tensors = self.embeddings.bundle_tensors()
        if self.epnet is not None:
            tensors += self.epnet.bundle_tensors("epnet.gate")
        if self.ppnet is not None:
            tensors += self.ppnet.bundle_tensors("ppnet.gate")
        for t, layers in enumerate(self.towers):
            for l, layer in enumerate(layers):
                tensors += _dense_tensors(f"tower{t}.layer{l}", layer)
        return tensors


class DNN(nn.Module):
    """The DNN baseline: `[E | E_domain]` through one shared ReLU MLP (`tower`), one linear head per task."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        self.embeddings = FeatureEmbeddings(config)
        d = config.embeddingDim
        width = (len(config.general_fields) + len(config.domain_side_fields)) * d
        dims = [width] + list(config.tower)
        self.body = nn.ModuleList([_dense(dims[l], dims[l + 1]) for l in range(len(dims) - 1)])
        self.heads = _dense(dims[-1], len(config.tasks))

    def forward(self, general_ids, domain_side_ids, return_gates: bool = False):
        e, ed = self.embeddings(general_ids, domain_side_ids)
        h = torch.cat([e, ed], 1)
        for layer in self.body:
            h = torch.relu(layer(h))
        logits = self.heads(h)
        if return_gates:
            return logits, None, []
        return logits

    def bundle_tensors(self):
        tensors = self.embeddings.bundle_tensors()
        for l, layer in enumerate(self.body):
            tensors += _dense_tensors(f"dnn.body.layer{l}", layer)
        return tensors + _dense_tensors("dnn.heads", self.heads)


def build(config: ModelConfig) -> nn.Module:
    """A freshly initialised model of `config.architecture`."""
    if config.architecture in ("pepnet", "epnet-only", "ppnet-only", "pepnet-no-stopgrad", "pepnet-prior-gates-only"):
        return PEPNet(config)
    if config.architecture == "dnn":
        return DNN(config)
    raise NotImplementedError(f"architecture {config.architecture!r} is not in the PyTorch twin (pepnet, its ablations and dnn are)")
