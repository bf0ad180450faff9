"""numbers-emulator benchmark of fixture generation: records per second, no assertions.

    python bench/generate.py [--quick] [--json-out FILE]

Sections (see bench/README.md, "bench/generate.py"):
  1. the number engine alone (``NumberSampler.unique``: seeded draws over the plan's blocks, each
     checked with ``classify``, deduplicated): valid numbers per second for a few regions and types
     (the issue's target: at least 20,000 valid numbers/s on one core);
  2. records per second for every provider's kind and every format, rendered by the providers'
     shapes and written to memory (``emulator.generation.write`` into a StringIO); blocks and range
     instances make a hundredth as many records (each holds 100 numbers), platform purchases and
     configurations a tenth (each is bought through the platform API in-process);
  3. the CLI end to end (``fixtures generate`` through click's runner) writing a file.

Every figure is the median of several runs (GC paused while timing); one process, one core.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner
from report import finish, percentile, run_meta, section, timed_runs  # bench/report.py

from emulator.cli_fixtures import fixtures
from emulator.generation import PROVIDERS, generate, write
from emulator.generation.kinds import BLOCKS, PLATFORM_PURCHASES, RANGES
from emulator.generation.sampler import NumberSampler

ENGINE_KINDS = (("US", "LOCAL"), ("GB", "MOBILE"), ("US", "TOLL_FREE"), ("DE", "LOCAL"), ("AU", "LOCAL"))


def rates(run: Callable[[], int], repeats: int) -> list[float]:
    """Items per second of ``run`` (which returns how many it made), once per repeat, GC paused."""
    out = []
    for _ in range(repeats):
        (seconds,), made = timed_runs(run, 1)
        out.append(made / seconds)
    return out


def bench_engine(quick: bool) -> dict[str, Any]:
    count, repeats = (20_000, 3) if quick else (100_000, 5)
    print(f"{'region/type':>14} {'plan size':>16} {'numbers':>9} {'median numbers/s':>17} {'p5 (slowest run)':>17}")
    out = {}
    for seed_base, (region, number_type) in enumerate(ENGINE_KINDS):
        sampler = NumberSampler(region, number_type)  # fresh: no cache between runs
        seeds = iter(range(seed_base * 100, seed_base * 100 + repeats))
        measured = rates(lambda: len(sampler.unique(next(seeds), count)), repeats)
        median = statistics.median(measured)
        out[f"{region} {number_type}"] = {"numbers": count, "median_per_s": round(median), "runs": [round(r) for r in measured]}
        print(f"{region + ' ' + number_type:>14} {sampler.size:>16,} {count:>9,} {median:>17,.0f} "
              f"{percentile(measured, 0.05):>17,.0f}", flush=True)
    return out


def bench_records(quick: bool) -> dict[str, Any]:
    count, repeats = (5_000, 3) if quick else (20_000, 5)
    print(f"{'provider':>10} {'kind':>26} {'records':>8} " + " ".join(f"{fmt + ' rec/s':>13}" for fmt in ("json", "ndjson", "csv")))
    out: dict[str, Any] = {}
    for provider, kinds in PROVIDERS.items():
        for name, kind in kinds.items():
            ranged = kind.source in (BLOCKS, RANGES)
            region, n = ("AU", count // 100) if ranged else ("US", count)
            if kind.source == PLATFORM_PURCHASES:  # every purchase goes through the platform's HTTP views
                n = count // 10
            list(generate(provider, name, [region], "LOCAL", 50, seed=999))  # warm: geocoder, plans
            figures = {}
            for fmt in ("json", "ndjson", "csv"):
                seeds = iter(range(repeats))
                measured = rates(lambda: write(generate(provider, name, [region], "LOCAL", n, seed=next(seeds)),
                                               io.StringIO(), fmt), repeats)
                figures[fmt] = round(statistics.median(measured))
            out[f"{provider} {name}"] = {"records": n, "region": region, **{f"{k}_per_s": v for k, v in figures.items()}}
            print(f"{provider:>10} {name:>26} {n:>8,} " + " ".join(f"{figures[f]:>13,}" for f in ("json", "ndjson", "csv")),
                  flush=True)
    return out


def bench_cli(quick: bool) -> dict[str, Any]:
    count, repeats = (20_000, 1) if quick else (100_000, 3)
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("ndjson", "csv"):
            target = Path(tmp) / f"inventory.{fmt}"
            args = ["generate", "--provider", "sinch", "--kind", "available", "--region", "US,GB", "--count", str(count),
                    "--format", fmt, "--output", str(target)]
            measured = rates(lambda: count if CliRunner().invoke(fixtures, args).exit_code == 0 else 0, repeats)
            median = statistics.median(measured)
            out[fmt] = {"records": count, "median_per_s": round(median), "bytes": target.stat().st_size}
            print(f"sinch available US,GB {count:,} records -> {fmt} file ({target.stat().st_size / 1e6:.1f} MB): "
                  f"{median:,.0f} records/s median of {repeats}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="numbers-emulator fixture generation benchmark")
    parser.add_argument("--quick", action="store_true", help="fewer records and runs")
    parser.add_argument("--json-out", help="also write the JSON blob to this file")
    args = parser.parse_args()
    started = time.perf_counter()
    results: dict[str, Any] = {"meta": run_meta(args.quick)}
    print(f"numbers-emulator fixture generation benchmark; Python {results['meta']['python']}"
          f"{', --quick' if args.quick else ''}")
    section("1. the number engine alone: valid, unique, seeded numbers per second (target >= 20,000/s)")
    results["engine"] = bench_engine(args.quick)
    section("2. records per second per provider kind and format (shapes + serialisation, in memory)")
    results["records"] = bench_records(args.quick)
    section("3. the CLI end to end, to a file")
    results["cli"] = bench_cli(args.quick)
    finish(results, started, args.json_out)


if __name__ == "__main__":
    main()
