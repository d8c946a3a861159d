"""The optimisers of `pepnet train`: Adam with L2 (`grad += l2 * w`) for dense weights, and lazy
Adam for embedding tables: only rows touched by the batch (a non-zero gradient row) get the L2
term, the moment updates and a step, so rare ids are not dragged by stale moments."""

from __future__ import annotations

import torch


class LazyAdam:
    def __init__(self, tables, lr: float, l2: float, betas=(0.9, 0.999), eps: float = 1e-8):
        self.tables = list(tables)
        self.lr, self.l2, self.betas, self.eps = lr, l2, betas, eps
        self.m = [torch.zeros_like(t) for t in self.tables]
        self.v = [torch.zeros_like(t) for t in self.tables]

    @torch.no_grad()
    def step(self, step: int) -> None:
        b1, b2 = self.betas
        c1 = 1 - b1**step
        c2 = 1 - b2**step
        for w, m, v in zip(self.tables, self.m, self.v):
            if w.grad is None:
                continue
            rows = torch.nonzero(w.grad.abs().sum(1) != 0).squeeze(1)
            if rows.numel() == 0:
                continue
            g = w.grad[rows] + self.l2 * w[rows]
            m[rows] = b1 * m[rows] + (1 - b1) * g
            v[rows] = b2 * v[rows] + (1 - b2) * g * g
            w[rows] -= self.lr * (m[rows] / c1) / ((v[rows] / c2).sqrt() + self.eps)

    def zero_grad(self) -> None:
        for w in self.tables:
            w.grad = None
