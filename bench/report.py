"""What the benchmark scripts share: how they print sections and take percentiles."""
from __future__ import annotations

import math


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q`` percentile (0 < q <= 1) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def timed_runs(action, repeats: int) -> tuple[list[float], object]:
    """Seconds of each of ``repeats`` calls of ``action`` (GC collected before and paused during
    each), and the last call's result."""
    import gc
    import time

    seconds, result = [], None
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            result = action()
            seconds.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return seconds, result


def section(title: str) -> None:
    print()
    print("=" * 100)
    print(title)
    print("=" * 100, flush=True)


def run_meta(quick: bool) -> dict:
    """The ``meta`` block every benchmark's JSON starts with."""
    import platform
    import time

    return {"python": platform.python_version(), "machine": platform.machine(), "quick": quick,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def finish(results: dict, started: float, json_out: str | None) -> None:
    """Close a run: total time, the JSON blob printed (and written to ``json_out`` if given)."""
    import json
    import time
    from pathlib import Path

    results["meta"]["total_seconds"] = round(time.perf_counter() - started, 1)
    print(f"\n[total {results['meta']['total_seconds']} s]")
    blob = json.dumps(results, indent=1, default=str)
    if json_out:
        Path(json_out).write_text(blob)
    section("JSON")
    print(blob)
