"""pepnet's FeaturePipeline (pipeline.json) for serving: the model input of any catalog
(user, item, domain), as `FeaturePipeline.encode(user:item:domain:)` builds it in Swift.

General row: user id, item id, author id (when the schema has one), the user features, the item
features, the context defaults; a multi-valued feature (the schema's `multi`) takes
`multi_max_values` ids, its known values then -1. Domain-side row: domain + 1, then per entity (user, item) the log2 impression bucket
and one smoothed-rate bucket per statistics task (0 when the entity has no train impressions in
the domain). A numeric feature (a vocabulary with `cuts`) maps a cell to its bucket
(`numeric.py`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import numeric


class Vocabulary:
    def __init__(self, d: dict[str, Any], schema: dict[str, Any] | None = None):
        self.name = d["name"]
        self.tokens = d["tokens"]
        self.lookup = {t: i + 1 for i, t in enumerate(self.tokens)}
        schema = schema or {}
        #: A multi-valued feature's separator (the schema's `multi`), its slots and missing values.
        self.separator = (schema.get("multi") or {}).get(self.name)
        self.slots = int(schema.get("multi_max_values", 16)) if self.separator is not None else 1
        self.missing = set(schema.get("missing") or [])
        #: A numeric feature's cut points as Float32 (pipeline.json's `cuts`), None when categorical.
        self.cuts = numeric.cuts_of(d["cuts"]) if d.get("cuts") is not None else None

    def ids(self, cell: str) -> list[int]:
        """The ids of a raw cell (docs/model-format.md, "One encoded row"): its index, or for a
        multi-valued feature the known values' indices in cell order, then -1 up to the slots."""
        if self.separator is None:
            return [self.index(cell)]
        known = [
            self.index(v) for v in cell.split(self.separator) if v and v not in self.missing and self.index(v)
        ][: self.slots] or [0]
        return known + [-1] * (self.slots - len(known))

    def default_ids(self, index: int) -> list[int]:
        """A single index (a context default) in this field's slots."""
        return [index] + [-1] * (self.slots - 1)

    @property
    def size(self) -> int:
        return len(self.tokens) + 1

    def index(self, value: str) -> int:
        """The value's index (0: out of vocabulary). A numeric vocabulary looks the value up in its
        tokens (the buckets' ranges) first; then a value in `missing`, a non-number, or any value
        when train had no number, is 0, and a number is its bucket (docs/model-format.md)."""
        found = self.lookup.get(value)
        if found is not None:
            return found
        if self.cuts is None or not self.tokens or value in self.missing:
            return 0
        x = numeric.float32_of(value)
        return 0 if x is None else numeric.bucket(x, self.cuts)


class StatisticsTable:
    def __init__(self, d: dict[str, Any]):
        self.keys = d["keys"]
        self.domain_count = d["domain_count"]
        self.task_count = d["task_count"]
        self.impressions = np.asarray(d["impressions"], dtype=np.int32)
        self.positives = np.asarray(d["positives"], dtype=np.int32)
        self.rate_cuts = [np.asarray(c, dtype=np.float32) for c in d["rate_cuts"]]
        self.lookup = {k: i for i, k in enumerate(self.keys)}

    def row(self, key: str) -> int:
        return self.lookup.get(key, -1)


class FeaturePipeline:
    def __init__(self, d: dict[str, Any]):
        self.json = d
        self.domains = d["schema"]["domains"]
        self.user_ids = Vocabulary(d["user_ids"])
        self.item_ids = Vocabulary(d["item_ids"])
        self.author_ids = Vocabulary(d["author_ids"])
        schema = d["schema"]
        #: Without `schema.items.author_id` there is no `author_id` field (pepnet's optional author).
        self.has_author = schema["items"].get("author_id") is not None
        self.user_features = [Vocabulary(v, schema) for v in d["user_features"]]
        self.item_features = [Vocabulary(v, schema) for v in d["item_features"]]
        self.context = [Vocabulary(v, schema) for v in d["context"]]
        self.context_defaults = list(d["context_defaults"])
        self.users = d["users"]
        self.items = d["items"]
        s = d["statistics"]
        self.stat_tasks = s["tasks"]
        self.smoothing = np.float32(s["smoothing"])
        self.priors = np.asarray(s["priors"], dtype=np.float32)
        self.count_buckets = int(s["countBuckets"])
        self.user_stats = StatisticsTable(s["users"])
        self.item_stats = StatisticsTable(s["items"])
        self.user_index = {u: i for i, u in enumerate(self.users["ids"])}
        self.item_index = {u: i for i, u in enumerate(self.items["ids"])}

    @property
    def general_field_count(self) -> int:
        """Ids per general row: one per field, the slots of a multi-valued one."""
        priors = 3 if self.has_author else 2
        return priors + sum(v.slots for v in self.user_features + self.item_features + self.context)

    @property
    def domain_side_field_count(self) -> int:
        return 1 + 2 * (1 + len(self.stat_tasks))

    def _count_bucket(self, n: int) -> int:
        return 0 if n <= 0 else min(int(n).bit_length(), self.count_buckets)

    def _entity_side(self, table: StatisticsTable, row: int, domain: int) -> list[int]:
        t = len(self.stat_tasks)
        if row < 0:
            return [0] * (1 + t)
        cell = row * table.domain_count + domain
        n = int(table.impressions[cell])
        out = [self._count_bucket(n)]
        if n == 0:
            return out + [0] * t
        for k in range(t):
            pos = table.positives[cell * t + k]
            prior = self.priors[domain * t + k]
            # Float32 throughout, operation for operation as DomainStatistics.smoothedRate.
            rate = (np.float32(pos) + self.smoothing * prior) / (np.float32(n) + self.smoothing)
            b = 1
            for c in table.rate_cuts[k]:
                if rate >= c:
                    b += 1
                else:
                    break
            out.append(b)
        return out

    def encode_catalog(self, user: int, items: list[int], domain: int) -> tuple[np.ndarray, np.ndarray]:
        """General (n x generalFieldCount) and domain-side (n x domainSideFieldCount) int64 ids of
        catalog user `user` with each catalog item in `items`, in `domain` (0-based)."""
        uid = self.users["ids"][user]
        u_general = [self.user_ids.index(uid)] + [
            k for f, v in enumerate(self.user_features) for k in v.ids(self.users["features"][f][user])
        ]
        context = [k for v, i in zip(self.context, self.context_defaults) for k in v.default_ids(i)]
        u_side = self._entity_side(self.user_stats, self.user_stats.row(uid), domain)
        general = np.zeros((len(items), self.general_field_count), dtype=np.int64)
        side = np.zeros((len(items), self.domain_side_field_count), dtype=np.int64)
        for r, i in enumerate(items):
            iid = self.items["ids"][i]
            i_general = [self.item_ids.index(iid), self.author_ids.index(self.items["authors"][i])] + [
                k for f, v in enumerate(self.item_features) for k in v.ids(self.items["features"][f][i])
            ]
            priors = [u_general[0], i_general[0]] + ([i_general[1]] if self.has_author else [])
            general[r] = priors + u_general[1:] + i_general[2:] + context
            side[r] = [domain + 1] + u_side + self._entity_side(self.item_stats, self.item_stats.row(iid), domain)
        return general, side
