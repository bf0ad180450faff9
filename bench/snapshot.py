"""numbers-emulator benchmark of snapshots: figures only, no targets, no assertions.

    python bench/snapshot.py [--quick] [--owned N] [--json-out FILE]

A world holding N owned numbers (default 100,000; 20,000 with --quick) bought the way Twilio's
create view buys them (a PN sid, settings), spread over 20 accounts and every region and type the inventory sells, in turn,
plus 1,000 kept released records and a pending provisioning per 100 numbers. Then, each a median
of 3 runs (GC paused while timing):
  1. in-process: ``export_world`` (records to JSON-ready data), ``json.dumps``, ``json.loads``,
     ``import_world`` into a fresh world (checks every record, rebuilds the indexes);
  2. over the control API, in-process (Flask test client, strict validation):
     ``GET /_emulator/snapshot`` and ``PUT /_emulator/snapshot`` of that document;
  3. ``serve --state``'s atomic save to a file (export, dumps, write, fsync, rename).
Sizes are the compact JSON's bytes.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from emulator.app import create_app  # noqa: E402
from emulator.config import Config  # noqa: E402
from emulator.core import NoneAvailable, NumberQuery  # noqa: E402
from emulator.core.provisioning import ProvisioningPolicy  # noqa: E402
from emulator.core.snapshot import export_world, import_world  # noqa: E402
from emulator.providers.twilio.dialect import TWILIO  # noqa: E402
from emulator.providers.twilio.routes import purchase_configure  # noqa: E402
from emulator.state_file import save  # noqa: E402
from report import finish, run_meta, section, timed_runs  # noqa: E402  (bench/report.py)


def timed(action: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """Median seconds of ``runs`` calls (GC paused), and the last result."""
    seconds, result = timed_runs(action, runs)
    return statistics.median(seconds), result


def populated(owned: int) -> Any:
    app = create_app(Config(frozen_clock=True))
    world = app.world
    policy = ProvisioningPolicy()
    bought = 0
    queries = [NumberQuery(region, kind) for region, _, kinds in world.regions() for kind in kinds]
    while bought < owned + 1_000:
        if not queries:
            raise SystemExit(f"the inventory ran out after {bought:,} numbers")
        for query in list(queries):
            account = f"AC{bought % 20:032d}"
            configure = purchase_configure(world, TWILIO, {"FriendlyName": f"line {bought}"})
            if bought % 100 == 0:
                plain = configure
                configure = lambda r, now, plain=plain: world.provision(plain(r, now), "sms", {"service": "s"}, policy, now)  # noqa: E731
            try:
                world.acquire_any(f"twilio/{account}", query, configure)
            except NoneAvailable:  # that region and type is sold out: go on with the others
                queries.remove(query)
                continue
            bought += 1
            if bought >= owned + 1_000:
                break
    # then 1,000 kept released (a release resets what searches remember of the taken numbers: done
    # during the build, each would make the next search re-walk them all)
    for number in list(world.owned)[::max(1, len(world.owned) // 1_000)][:1_000]:
        world.release(world.owned[number].tenant, number, keep=True)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--owned", type=int)
    parser.add_argument("--json-out")
    args = parser.parse_args()
    owned = args.owned or (20_000 if args.quick else 100_000)
    started = time.perf_counter()
    results: dict[str, Any] = {"meta": {**run_meta(args.quick), "owned": owned}}

    section(f"Building a world of {owned:,} owned numbers")
    build_seconds, app = timed(lambda: populated(owned), runs=1)
    world = app.world
    print(f"built in {build_seconds:.1f} s: {len(world.owned):,} owned, {len(world.released):,} kept released, "
          f"{world.scheduler.pending():,} scheduled transitions")

    section("1. In-process: export_world / json / import_world")
    export_s, data = timed(lambda: export_world(world))
    dumps_s, text = timed(lambda: json.dumps(data, separators=(",", ":")))
    loads_s, parsed = timed(lambda: json.loads(text))
    target = create_app(Config(frozen_clock=True)).world
    import_s, restored = timed(lambda: import_world(target, parsed))
    assert restored["numbers"] == len(world.owned)  # the bench measures a working round trip
    in_process = {"export_s": export_s, "dumps_s": dumps_s, "loads_s": loads_s, "import_s": import_s,
                  "bytes": len(text), "bytes_per_owned": round(len(text) / len(world.owned))}
    for name, value in in_process.items():
        print(f"  {name:<16} {value:.3f}" if name.endswith("_s") else f"  {name:<16} {value:,}")
    results["in_process"] = in_process

    section("2. Over the control API (Flask test client, strict validation)")
    client = app.test_client()
    get_s, response = timed(lambda: client.get("/_emulator/snapshot"))
    body = response.get_data()
    other = create_app(Config(frozen_clock=True)).test_client()
    put_s, put = timed(lambda: other.put("/_emulator/snapshot", data=body, content_type="application/json"))
    assert put.status_code == 200, put.get_data()[:300]
    results["http"] = {"get_s": get_s, "put_s": put_s, "bytes": len(body)}
    print(f"  GET /_emulator/snapshot  {get_s:.3f} s  ({len(body) / 1e6:.1f} MB)")
    print(f"  PUT /_emulator/snapshot  {put_s:.3f} s")

    section("3. serve --state: atomic save to a file")
    with tempfile.TemporaryDirectory() as folder:
        save_s, size = timed(lambda: save(world, Path(folder) / "state.json"))
    results["save"] = {"save_s": save_s, "bytes": size}
    print(f"  save  {save_s:.3f} s  ({size / 1e6:.1f} MB)")
    finish(results, started, args.json_out)


if __name__ == "__main__":
    main()
