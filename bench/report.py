"""What the benchmark scripts share: how they print sections and take percentiles."""
from __future__ import annotations

import math


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q`` percentile (0 < q <= 1) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def section(title: str) -> None:
    print()
    print("=" * 100)
    print(title)
    print("=" * 100, flush=True)
