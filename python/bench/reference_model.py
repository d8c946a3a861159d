"""The plain-PyTorch PEPNet that `scripts/bench-vs-torch.sh` times pepnet against.

The repository's own copy of the benchmark reference's model (one nn.Embedding per field, nn.Linear
everywhere, no fusion), so that the peers' benchmark runs without any checkout outside the repo:
  Gate NU(x) = gamma * sigmoid(W2 relu(W1 x + b1) + b2)
  EPNet      : O_ep = GateNU_ep([E_domain, stopgrad(E)]) * E
  PPNet      : per task t and tower layer l, h_{l+1} = f(W_tl (GateNU_tl([E_prior, stopgrad(O_ep)]) * h_l) + b_tl),
               f = ReLU on hidden layers, identity on the 1-unit logit layer.
Output: [B, T] logits. These are the reference options of `pepnet bench` (element-wise EPNet gate, a
Gate NU per task and layer, pre-gating, final layer gated).
"""
from __future__ import annotations

import torch
import torch.nn as nn


class GateNU(nn.Module):
    """Two Linear layers, ReLU between, gamma * sigmoid on top."""

    def __init__(self, in_dim: int, hidden: int, out_dim: int, gamma: float):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)
        self.fc2 = nn.Linear(hidden, out_dim)
        self.gamma = gamma

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.gamma * torch.sigmoid(self.fc2(torch.relu(self.fc1(x))))


class ReferencePEPNet(nn.Module):
    """PEPNet over general fields (ids [B, G]) and domain-side fields (ids [B, D])."""

    def __init__(self, general_vocabs, domain_side_vocabs, prior_fields, emb_dim, n_tasks, tower,
                 ep_hidden, pp_hidden, gamma):
        super().__init__()
        self.general_emb = nn.ModuleList(nn.Embedding(v, emb_dim) for v in general_vocabs)
        self.domain_emb = nn.ModuleList(nn.Embedding(v, emb_dim) for v in domain_side_vocabs)
        self.prior_fields = list(prior_fields)
        g = len(general_vocabs) * emb_dim
        d = len(domain_side_vocabs) * emb_dim
        p = len(prior_fields) * emb_dim
        self.epnet = GateNU(d + g, ep_hidden, g, gamma)
        dims = [g] + list(tower) + [1]
        self.n_layers = len(dims) - 1
        self.pp_gates = nn.ModuleList(
            nn.ModuleList(GateNU(p + g, pp_hidden, dims[i], gamma) for i in range(self.n_layers))
            for _ in range(n_tasks))
        self.towers = nn.ModuleList(
            nn.ModuleList(nn.Linear(dims[i], dims[i + 1]) for i in range(self.n_layers))
            for _ in range(n_tasks))

    def forward(self, general_ids: torch.Tensor, domain_ids: torch.Tensor) -> torch.Tensor:
        embs = [emb(general_ids[:, i]) for i, emb in enumerate(self.general_emb)]
        e_general = torch.cat(embs, dim=1)
        e_domain = torch.cat([emb(domain_ids[:, i]) for i, emb in enumerate(self.domain_emb)], dim=1)
        o_ep = self.epnet(torch.cat([e_domain, e_general.detach()], dim=1)) * e_general
        e_prior = torch.cat([embs[i] for i in self.prior_fields], dim=1)
        pp_in = torch.cat([e_prior, o_ep.detach()], dim=1)
        logits = []
        for gates, layers in zip(self.pp_gates, self.towers):
            h = o_ep
            for li in range(self.n_layers):
                h = layers[li](h * gates[li](pp_in))
                if li < self.n_layers - 1:
                    h = torch.relu(h)
            logits.append(h)
        return torch.cat(logits, dim=1)
