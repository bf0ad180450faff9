"""numbers-emulator benchmark of the core's number ranges: figures only, no targets, no assertions.

    python bench/ranges.py [--quick] [--json-out FILE]

Sections (see bench/README.md, "bench/ranges.py"):
  1. ``World.split_range`` on ranges of 100, 10,000 and 1,000,000 numbers: the cost should not grow
     with the size (a split is arithmetic plus one index insertion); ``acquire_range`` alongside,
     which does check every number and so grows linearly;
  2. ``World.holder`` and ``World.search`` with 10, 1,000 and 10,000 ranges of 100 owned
     (finite inventory);
  3. ``World.search_ranges`` on the virtual inventory with 0, 100 and 1,000 blocks already owned;
  4. Wazo over HTTP, in-process (Flask test client, strict validation): ``POST /phone-numbers/ranges``
     of 10,000 numbers, then one ``GET /phone-numbers`` listing all of them (target: under 0.5 s).

Every figure is a median in microseconds over many calls (GC paused while timing); sections 1 and 2
repeat on fresh worlds and report the median of the repetitions' medians.
"""
from __future__ import annotations

import argparse
import functools
import gc
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from emulator.core import LOCAL, NumberQuery, NumberRange, World, WorldConfig
from report import finish, percentile, run_meta, section  # bench/report.py
from emulator.core.inventory import FiniteInventory, Offer, describe

T0 = 1_800_000_000.0
TENANT = "bench/a"
RANGES_FROM = "+61255000000"  # AU LOCAL: +61255000000 .. +61255999999 are all valid numbers
SINGLES_FROM = "+61256000000"  # AU LOCAL too; free numbers listed after the ranges in the file
FREE_SINGLES = 1000


# -- helpers -------------------------------------------------------------------------------------------
def timed_calls(calls: Iterable[Callable[[], Any]], warm: int = 20) -> list[float]:
    """Microseconds per call, GC paused; the first ``warm`` calls are run but not kept."""
    samples: list[float] = []
    gc.collect()
    gc.disable()
    try:
        for i, call in enumerate(calls):
            t0 = time.perf_counter_ns()
            call()
            elapsed = time.perf_counter_ns() - t0
            if i >= warm:
                samples.append(elapsed / 1000)
    finally:
        gc.enable()
    return samples


def offers_of(spans: Iterable[NumberRange], template: Offer) -> list[Offer]:
    """One offer per number, all with the template's region, type, capabilities and prices."""
    r, t, c, p = template.region, template.number_type, template.capabilities, template.pricing
    return [Offer(n, r, t, c, p, False) for span in spans for n in span]


def fresh_world(inventory: FiniteInventory | None = None, seed: int = 1) -> World:
    world = World(WorldConfig(seed=seed, frozen_clock_at=T0))
    if inventory is not None:
        world.inventory = inventory  # a file-like inventory without writing the file
    return world


def template_offer() -> Offer:
    offer = describe(RANGES_FROM, fresh_world().catalogue)
    if offer is None:
        raise RuntimeError(f"{RANGES_FROM} is not a number the numbering plan knows")
    return offer


# -- 1. split_range vs size ----------------------------------------------------------------------------
def bench_split(quick: bool) -> dict[str, Any]:
    """Each timed split cuts the last number off a range (keep = size - 1), so every split acts on a
    range within 1% of the nominal size: a range of N takes N // 100 splits (at least 1), and as
    many ranges are acquired as the timed splits need."""
    splits, repeats = (300, 1) if quick else (1000, 3)
    template = template_offer()
    out: dict[str, Any] = {"splits_per_repeat": splits, "repeats": repeats, "sizes": {}}
    header = (f"{'range size':>12} {'ranges':>7} {'splits':>7} {'sizes split':>21} {'split median':>13} "
              f"{'split p95':>10} {'acquire_range median':>21}")
    print(header)
    print("-" * len(header))
    for size in (100, 10_000, 1_000_000):
        per_range = max(1, size // 100)
        count = math.ceil(splits / per_range)
        ranges = [NumberRange(NumberRange(RANGES_FROM, size * count).number_at(i * size), size) for i in range(count)]
        built = time.perf_counter()
        inventory = FiniteInventory(offers_of(ranges, template))
        build_s = time.perf_counter() - built
        split_medians, split_p95s, acquire_medians = [], [], []
        for _ in range(repeats):
            world = fresh_world(inventory)
            acquire_us = timed_calls([functools.partial(world.acquire_range, TENANT, s) for s in ranges], warm=0)
            calls = [
                functools.partial(world.split_range, TENANT, span.start, size - 1 - j)
                for span in ranges for j in range(per_range)
            ][:splits]
            samples = timed_calls(calls, warm=0)
            split_medians.append(statistics.median(samples))
            split_p95s.append(percentile(samples, 0.95))
            acquire_medians.append(statistics.median(acquire_us))
            del world
        figures = {
            "ranges": count, "splits_timed": len(samples), "split_keep": "size - 1",
            "smallest_size_split": size - per_range + 1,
            "split_median_us": round(statistics.median(split_medians), 2),
            "split_p95_us": round(statistics.median(split_p95s), 2),
            "split_medians_per_repeat_us": [round(m, 2) for m in split_medians],
            "acquire_range_median_us": round(statistics.median(acquire_medians), 1),
            "inventory_build_s": round(build_s, 2),
        }
        out["sizes"][str(size)] = figures
        sizes = f"{size:,}..{size - per_range + 1:,}" if per_range > 1 else f"{size:,}"
        print(f"{size:>12,} {count:>7} {len(samples):>7} {sizes:>21} {figures['split_median_us']:>10.2f} us "
              f"{figures['split_p95_us']:>7.2f} us {figures['acquire_range_median_us'] / 1000:>18.3f} ms", flush=True)
        del inventory
    first, last = out["sizes"]["100"]["split_median_us"], out["sizes"]["1000000"]["split_median_us"]
    out["split_ratio_1M_vs_100"] = round(last / first, 2)
    print(f"split_range median at 1,000,000 / at 100: {out['split_ratio_1M_vs_100']:.2f}x "
          f"(per repeat: " + "; ".join(
              f"{s}: " + ", ".join(f"{m:.2f}" for m in f["split_medians_per_repeat_us"])
              for s, f in out["sizes"].items()) + " us)")
    return out


# -- 2. holder and search with many ranges owned -------------------------------------------------------
def bench_lookups(quick: bool) -> dict[str, Any]:
    """R ranges of 100 (``+61255000000`` up) owned by one tenant, with 1,000 free single numbers
    (``+61256...``) listed after them in the inventory. holder(): random numbers inside owned ranges,
    range starts, free numbers. search(AU LOCAL, pattern +61256, 10): its matches are all free.
    search(AU LOCAL, 10): the inventory's order puts every owned range before the first free number,
    so each call re-checks the owned numbers of the cached prefix: timed on the first repetition only,
    its first call and the median of the next 3 (of the next one beyond 100,000 owned)."""
    counts = (10, 1000) if quick else (10, 1000, 10_000)
    repeats, holder_calls, search_calls, walk_calls = (1, 1000, 100, 3) if quick else (3, 3000, 300, 5)
    template = template_offer()
    rng = random.Random(7)
    singles = [NumberRange(SINGLES_FROM, FREE_SINGLES * 37).number_at(37 * k) for k in range(FREE_SINGLES)]
    narrow, broad = NumberQuery("AU", LOCAL, "+61256"), NumberQuery("AU", LOCAL)
    out: dict[str, Any] = {"repeats": repeats, "owned_ranges": {}}
    header = (f"{'ranges':>7} {'numbers owned':>14} {'holder(in range)':>17} {'holder(start)':>14} "
              f"{'holder(free)':>13} {'search(+61256,10)':>18} {'search(AU LOCAL,10)':>20} {'its first call':>15}")
    print(header)
    print("-" * len(header))
    for count in counts:
        ranges = [NumberRange(NumberRange(RANGES_FROM, count * 100).number_at(100 * i), 100) for i in range(count)]
        inventory = FiniteInventory(offers_of(ranges + [NumberRange(n, 1) for n in singles], template))
        figures: dict[str, list[float]] = {k: [] for k in ("inside", "start", "free", "narrow", "broad", "broad_first")}
        found = 10
        for repeat in range(repeats):
            world = fresh_world(inventory)
            for span in ranges:
                world.acquire_range(TENANT, span)
            inside = [rng.choice(ranges).number_at(rng.randrange(1, 100)) for _ in range(holder_calls)]
            starts = [rng.choice(ranges).start for _ in range(holder_calls)]
            free = [rng.choice(singles) for _ in range(holder_calls)]
            for key, numbers in (("inside", inside), ("start", starts), ("free", free)):
                figures[key].append(statistics.median(timed_calls([functools.partial(world.holder, n) for n in numbers])))
            search_narrow, search_broad = functools.partial(world.search, narrow, 10), functools.partial(world.search, broad, 10)
            figures["narrow"].append(statistics.median(timed_calls([search_narrow] * (search_calls + 20))))
            if repeat == 0:  # seconds per call with many owned: timed on the first world only
                figures["broad_first"].append(timed_calls([search_broad], warm=0)[0])
                calls = walk_calls if count * 100 <= 100_000 else 1
                figures["broad"].append(statistics.median(timed_calls([search_broad] * (calls + 1), warm=1)))
                found = min(found, len(search_broad()))
            found = min(found, len(search_narrow()))
            del world
        result = {k: round(statistics.median(v), 2) for k, v in figures.items()}
        result["numbers_owned"] = count * 100
        result["fewest_offers_found"] = found  # 10: every timed search found a full page
        out["owned_ranges"][str(count)] = result
        print(f"{count:>7,} {count * 100:>14,} {result['inside']:>14.2f} us {result['start']:>11.2f} us "
              f"{result['free']:>10.2f} us {result['narrow']:>15.1f} us {result['broad']:>17.1f} us "
              f"{result['broad_first'] / 1000:>12.1f} ms", flush=True)
        del inventory
    return out


# -- 3. search_ranges on the virtual inventory ---------------------------------------------------------
def bench_search_ranges(quick: bool) -> dict[str, Any]:
    """search_ranges(AU LOCAL, 10) after the first K blocks of its own order were acquired: each
    owned block still costs one look-up (its first number is taken) on every search."""
    query = NumberQuery("AU", LOCAL)
    owned_counts, calls = ((0, 100, 1000), 30 if quick else 100)
    out: dict[str, Any] = {}
    print(f"{'blocks owned':>13} {'search_ranges(AU LOCAL,10) median':>34} {'first call':>11}")
    print("-" * 60)
    for owned in owned_counts:
        world = fresh_world(seed=1)
        for span, _ in world.search_ranges(query, owned):
            world.acquire_range(TENANT, span)
        search_ranges = functools.partial(world.search_ranges, query, 10)
        first = timed_calls([search_ranges], warm=0)[0]
        median = statistics.median(timed_calls([search_ranges] * (calls + 5), warm=5))
        out[str(owned)] = {"blocks_owned": len(world.owned), "median_us": round(median, 1), "first_call_us": round(first, 1)}
        print(f"{len(world.owned):>13,} {median:>31.1f} us {first / 1000:>8.2f} ms", flush=True)
    return out


# -- 4. Wazo ranges over HTTP ---------------------------------------------------------------------------
def bench_wazo_range(quick: bool) -> dict[str, Any]:
    """A fresh world per repetition; the app (and its compiled validators) is built once and warmed,
    as a running emulator is."""
    from emulator.app import create_app
    from emulator.config import Config

    app = create_app(Config(frozen_clock=True, validation="strict"))
    client = app.test_client()
    login = client.post("/wazo/api/auth/0.1/token", json={}, headers={"Authorization": "Basic dGVzdDp0ZXN0"})
    headers = {"X-Auth-Token": login.get_json()["data"]["token"]}
    base = "/wazo/api/confd/1.1/phone-numbers"
    client.post(f"{base}/ranges", headers=headers, json={"start_number": "1", "end_number": "2"})  # warm
    client.get(base, headers=headers)
    create_ms, list_ms = [], []
    for _ in range(3 if quick else 7):
        app.world.directory.clear()
        gc.collect()
        started = time.perf_counter()
        created = client.post(f"{base}/ranges", headers=headers,
                              json={"start_number": "+18001230000", "end_number": "+18001239999"})
        middle = time.perf_counter()
        listed = client.get(base, headers=headers, query_string={"limit": 10_000})
        done = time.perf_counter()
        assert created.status_code == 201 and len(listed.get_json()["items"]) == 10_000
        create_ms.append((middle - started) * 1000)
        list_ms.append((done - middle) * 1000)
    out = {
        "create_10k_median_ms": round(statistics.median(create_ms), 1),
        "list_10k_median_ms": round(statistics.median(list_ms), 1),
        "total_median_ms": round(statistics.median(c + li for c, li in zip(create_ms, list_ms)), 1),
        "repeats": len(create_ms),
    }
    print(f"create 10,000 (POST /phone-numbers/ranges): {out['create_10k_median_ms']} ms median; "
          f"list them (GET, limit 10000): {out['list_10k_median_ms']} ms; "
          f"together {out['total_median_ms']} ms (target < 500 ms) over {out['repeats']} runs")
    return out


# -- main ----------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description="numbers-emulator range benchmark")
    parser.add_argument("--quick", action="store_true", help="one repetition, fewer calls, at most 1,000 ranges owned")
    parser.add_argument("--json-out", help="also write the JSON blob to this file")
    args = parser.parse_args()
    started = time.perf_counter()
    results: dict[str, Any] = {"meta": run_meta(args.quick)}
    print(f"numbers-emulator range benchmark; Python {results['meta']['python']}{', --quick' if args.quick else ''}")
    section("1. split_range cost vs range size (finite inventory listing every number of the ranges)")
    results["split"] = bench_split(args.quick)
    section("2. holder() and search() with many ranges of 100 owned (finite inventory)")
    results["lookups"] = bench_lookups(args.quick)
    section("3. search_ranges() with blocks owned (virtual inventory, seed 1)")
    results["search_ranges"] = bench_search_ranges(args.quick)
    section("4. Wazo: a 10,000-number range created and listed over HTTP, in-process")
    results["wazo_range"] = bench_wazo_range(args.quick)
    finish(results, started, args.json_out)


if __name__ == "__main__":
    main()
