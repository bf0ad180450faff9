"""Fixture generation: provider-shaped records of valid, unique, seeded numbers, in JSON, NDJSON or
CSV (``numbers-emulator fixtures generate``). Files of available numbers load back as a finite
inventory (``FiniteInventory.load``).

    from emulator.generation import generate
    records = list(generate("sinch", "available-numbers", ["US", "GB"], "LOCAL", count=100, seed=7))
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .formats import FORMATS, flatten, write
from .kinds import ALIASES, DEFAULT_KINDS, PROVIDERS, Kind, kind_of, records
from .sampler import (
    GenerationError,
    NumberSampler,
    number_type_of,
    offered_kinds,
    sampler,
)


def generate(provider: str, kind: str, regions: Iterable[str], number_type: str, count: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """``count`` records of ``provider``'s ``kind`` (or ``available`` / ``owned``), numbers of
    ``number_type`` spread over ``regions``; the same for the same arguments."""
    return records(kind_of(provider.lower(), kind), tuple(regions), number_type_of(number_type), count, seed)


__all__ = [
    "ALIASES", "DEFAULT_KINDS", "FORMATS", "PROVIDERS", "GenerationError", "Kind", "NumberSampler",
    "flatten", "generate", "kind_of", "number_type_of", "offered_kinds", "sampler", "write",
]
