#!/usr/bin/env python
"""numbers-emulator benchmark: one run, one machine, every figure next to its target.

    python bench/run.py [--quick] [--skip-wrk] [--skip-prism] [--json-out FILE]

Sections (see bench/README.md for what each figure means):
  1. in-process latency per Sinch operation (Flask test client), validation on / off / openapi-core,
     and the raw cost of the validation engines per operation;
  2. served throughput with wrk: the emulator vs a bare Flask app on the same server vs Prism 5.14.2;
  3. search time in a 10^3-number region vs a 10^7-number region (virtual inventory);
  4. memory per owned number (100k and 1M owned) and the time of one list page with 1M owned;
  5. start-up to the first answered request, and the import + create_app time.

Sections 3-5 run in fresh subprocesses (``--child NAME``), so that their figures do not depend on
what earlier sections loaded or warmed. Load goes to 127.0.0.1 only, and every load is time-bounded.
"""
from __future__ import annotations

import argparse
import base64
import gc
import itertools
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable

from report import finish, percentile, section  # bench/report.py (this script's directory is on sys.path)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = ROOT / "openapi" / "sinch.yaml"
PRISM_VERSION = "5.14.2"
PRISM_DIR = HERE / ".prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"

KEY_ID, SECRET, PROJECT = "test-key", "test", "test-project"
BASIC = "Basic " + base64.b64encode(f"{KEY_ID}:{SECRET}".encode()).decode()
AUTH = {"Authorization": BASIC}
V1 = f"/sinch/v1/projects/{PROJECT}"
SEARCH_QUERY = "regionCode=US&type=LOCAL&size=10"

# Targets: name -> (comparison, threshold, unit)
TARGETS = {
    "validation_added_us": ("<=", 100.0, "us"),
    "served_ratio_a_b": (">=", 0.7, "x"),
    "served_ratio_a_c": (">=", 1.5, "x"),
    "search_ratio": ("<=", 1.2, "x"),
    "bytes_per_owned": ("<=", 1024.0, "B"),
    "list_page_ms": ("<=", 2.0, "ms"),
    "startup_s": ("<=", 0.5, "s"),
}


# -- small helpers -----------------------------------------------------------------------------------
def summary_us(samples_ns: list[int]) -> dict[str, float]:
    us = [s / 1000 for s in samples_ns]
    return {"median_us": round(statistics.median(us), 1), "p95_us": round(percentile(us, 0.95), 1), "n": len(us)}


def check(target: str, value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    op, threshold, _unit = TARGETS[target]
    ok = value <= threshold if op == "<=" else value >= threshold
    return "PASS" if ok else "MISS"


def target_text(target: str) -> str:
    op, threshold, unit = TARGETS[target]
    return f"target {op} {threshold:g} {unit}"


class Verdicts:
    """Every target checked during the run, for the closing summary and the JSON."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, name: str, target: str, value: float | None, unit: str) -> str:
        verdict = check(target, value)
        op, threshold, _ = TARGETS[target]
        self.rows.append({"figure": name, "value": value, "unit": unit, "target": f"{op} {threshold:g}", "verdict": verdict})
        return verdict


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env() -> dict[str, str]:
    """The environment for servers and children: no NUMBERS_EMULATOR_* overrides (defaults hold)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NUMBERS_EMULATOR_")}


def emulator_command() -> list[str]:
    script = Path(sys.executable).parent / "numbers-emulator"
    if script.exists():
        return [str(script)]
    found = shutil.which("numbers-emulator")
    return [found] if found else [sys.executable, "-m", "emulator"]


def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 2.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for_200(url: str, headers: dict[str, str], timeout: float, proc: subprocess.Popen | None = None,
                 interval: float = 0.005) -> float:
    """Seconds until ``url`` first answers 200 (polling every ``interval``)."""
    started = time.perf_counter()
    while True:
        try:
            status, _ = http_get(url, headers, timeout=2.0)
            if status == 200:
                return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
            pass
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"no 200 from {url} within {timeout} s")
        time.sleep(interval)


def start_process(command: list[str], **kwargs: Any) -> subprocess.Popen:
    """Start a server in its own process group. Its output goes to a temporary file, never a pipe:
    a server that logs under load (waitress warns per queued request) would block on a full pipe."""
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            env=clean_env(), **kwargs)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def stop_process(proc: subprocess.Popen) -> str:
    """Stop a server this script started (its own process group), return what it printed."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    log = proc.log  # type: ignore[attr-defined]
    log.seek(0)
    out = log.read().decode(errors="replace")
    log.close()
    return out


def run_child(name: str, quick: bool, timeout: float) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name] + (["--quick"] if quick else [])
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=clean_env(), cwd=str(ROOT))
    if done.returncode != 0:
        raise RuntimeError(f"child {name} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rss_bytes() -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


# -- 1. in-process latency ---------------------------------------------------------------------------
class Recorder:
    """Wraps a surface's engine to capture the exact arguments of one call per operation."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.operations = engine.operations
        self.requests: dict[str, tuple] = {}
        self.responses: dict[str, tuple] = {}

    def validate_request(self, operation_id, path_params, query, content_type, body):
        self.requests[operation_id] = (operation_id, dict(path_params), query, content_type, body)
        return self.engine.validate_request(operation_id, path_params, query, content_type, body)

    def validate_response(self, operation_id, status, payload, raw, headers=None):
        import copy

        self.responses[operation_id] = (operation_id, status, copy.deepcopy(payload), raw, headers)
        return self.engine.validate_response(operation_id, status, payload, raw, headers)


class Ctx:
    """One app under test, with its own world and its own pools of numbers."""

    def __init__(self, app: Any, size: int) -> None:
        from emulator.core import NumberQuery

        self.app = app
        self.client = app.test_client()
        self.avail = app.world.search(NumberQuery("US", "LOCAL"), 1)[0].number
        self.pool = [o.number for o in app.world.search(NumberQuery("GB", "MOBILE"), size)]
        if len(self.pool) < size:
            raise RuntimeError(f"only {len(self.pool)} GB MOBILE numbers on offer, {size} wanted")


#: (key, label, operationId, call). Order matters: rent fills the pool that the next ones use.
OPERATIONS: list[tuple[str, str, str, Callable[[Ctx, int], Any]]] = [
    ("search", "search available (US LOCAL, size=10)", "NumberService_ListAvailableNumbers",
     lambda c, i: c.client.get(f"{V1}/availableNumbers?{SEARCH_QUERY}", headers=AUTH)),
    ("get_available", "get available number", "NumberService_GetAvailableNumber",
     lambda c, i: c.client.get(f"{V1}/availableNumbers/{c.avail}", headers=AUTH)),
    ("regions", "available regions (all)", "NumberService_ListAvailableRegions",
     lambda c, i: c.client.get(f"{V1}/availableRegions", headers=AUTH)),
    ("token", "token (client_credentials)", "Auth_CreateToken",
     lambda c, i: c.client.post("/sinch/oauth2/token", headers=AUTH, data={"grant_type": "client_credentials"})),
    ("rent", "rent (callbackUrl body)", "NumberService_RentNumber",
     lambda c, i: c.client.post(f"{V1}/availableNumbers/{c.pool[i]}:rent", headers=AUTH,
                                json={"callbackUrl": "https://example.com/callback"})),
    ("get_active", "get active number", "NumberService_GetActiveNumber",
     lambda c, i: c.client.get(f"{V1}/activeNumbers/{c.pool[i]}", headers=AUTH)),
    ("update", "update (displayName)", "NumberService_UpdateActiveNumber",
     lambda c, i: c.client.patch(f"{V1}/activeNumbers/{c.pool[i]}", headers=AUTH, json={"displayName": f"bench {i}"})),
    ("list_active", "list active (pageSize=10)", "NumberService_ListActiveNumbers",
     lambda c, i: c.client.get(f"{V1}/activeNumbers?pageSize=10", headers=AUTH)),
    ("list_active_100", "list active (pageSize=100)", "NumberService_ListActiveNumbers",
     lambda c, i: c.client.get(f"{V1}/activeNumbers?pageSize=100", headers=AUTH)),
    ("release", "release", "NumberService_ReleaseNumber",
     lambda c, i: c.client.post(f"{V1}/activeNumbers/{c.pool[i]}:release", headers=AUTH)),
    ("rent_any", "rentAny (SE MOBILE)", "NumberService_RentAnyNumber",
     lambda c, i: c.client.post(f"{V1}/availableNumbers:rentAny", headers=AUTH, json={"regionCode": "SE", "type": "MOBILE"})),
]


def bench_in_process(quick: bool, verdicts: Verdicts) -> dict[str, Any]:
    from emulator.app import create_app
    from emulator.config import Config

    n, warm = (150, 10) if quick else (600, 20)
    core_every = 6 if quick else 10  # openapi-core costs milliseconds: every 6th/10th index only
    modes = {
        "on": Config(validation="strict", validation_engine="fast"),
        "off": Config(validation="off", validation_engine="fast"),
        "openapi-core": Config(validation="strict", validation_engine="openapi-core"),
    }
    ctxs = {mode: Ctx(create_app(config), warm + n) for mode, config in modes.items()}
    names = list(modes)
    results: dict[str, Any] = {"iterations": n, "warmup": warm, "modes": {
        m: {"validation": c.validation, "engine": c.validation_engine} for m, c in modes.items()}, "operations": {}}

    print(f"Flask test client; per operation {n} timed calls with validation on and with it off, alternating (so that")
    print(f"drift hits both alike), after {warm} warm-up calls; then {n // core_every} with openapi-core, in a loop of their own (its")
    print("milliseconds-long calls would evict the caches of the calls next to them). Each app has its own world;")
    print("GC paused while timing; Basic auth on every call.")
    print("Note: validation=off skips response validation only; request validation (which also coerces the")
    print("parameters the views use) always runs, so on - off is the response-validation share (see raw engine table).")
    print()
    header = f"{'operation':38} {'on med':>8} {'on p95':>8} {'off med':>8} {'off p95':>8} {'core med':>9} {'core p95':>9} {'on-off':>7}  {'(<=100us)'}"
    print(header)
    print("-" * len(header))
    for key, label, operation_id, call in OPERATIONS:
        samples: dict[str, list[int]] = {m: [] for m in names}
        errors: dict[str, int] = {m: 0 for m in names}
        gc.collect()
        gc.disable()
        try:
            schedule = [(i, ("on", "off") if i % 2 else ("off", "on")) for i in range(warm + n)]
            schedule += [(i, ("openapi-core",)) for i in range(0, warm + n, core_every)]
            for i, order in schedule:
                for mode in order:
                    ctx = ctxs[mode]
                    t0 = time.perf_counter_ns()
                    response = call(ctx, i)
                    t1 = time.perf_counter_ns()
                    if response.status_code != 200:
                        errors[mode] += 1
                        if errors[mode] == 1:
                            print(f"  ! {key} {mode}: HTTP {response.status_code} {response.data[:200]!r}")
                    if i >= warm:
                        samples[mode].append(t1 - t0)
        finally:
            gc.enable()
        stats = {m: summary_us(samples[m]) for m in names}
        added = round(stats["on"]["median_us"] - stats["off"]["median_us"], 1)
        paired = round(statistics.median(a - b for a, b in zip(samples["on"], samples["off"])) / 1000, 1)
        verdict = verdicts.add(f"validation added cost, {key} (median on-off)", "validation_added_us", added, "us")
        results["operations"][key] = {"label": label, "operation_id": operation_id, **{m: stats[m] for m in names},
                                      "added_validation_median_us": added, "added_verdict": verdict,
                                      "added_validation_paired_median_us": paired,
                                      "errors": errors, "response_bytes": len(response.data)}
        s = stats
        print(f"{label:38} {s['on']['median_us']:8.1f} {s['on']['p95_us']:8.1f} {s['off']['median_us']:8.1f} "
              f"{s['off']['p95_us']:8.1f} {s['openapi-core']['median_us']:9.1f} {s['openapi-core']['p95_us']:9.1f} "
              f"{added:7.1f}  {verdict}  (paired {paired:+.1f})")
    print("(microseconds per call; core = strict validation with the openapi-core engine; on-off = median(on) - median(off),")
    print(" paired = median of the differences of adjacent on/off calls, less sensitive to noise)")
    results["floor"] = bench_floor(n, warm, ctxs["on"])

    results["raw_engines"] = bench_raw_engines(quick, ctxs["openapi-core"].app)
    return results


def bench_floor(n: int, warm: int, ctx: Ctx) -> dict[str, Any]:
    """The framework's floor: bench/bare_app.py (a Flask route returning a precomputed body, no auth,
    no validation, no state) through the same test client, with the emulator's own answers."""
    sys.path.insert(0, str(HERE))
    from bare_app import create_bare_app

    search_url = f"{V1}/availableNumbers?{SEARCH_QUERY}"
    get_url = f"{V1}/availableNumbers/{ctx.avail}"
    bodies = {"search": ctx.client.get(search_url, headers=AUTH).data, "get": ctx.client.get(get_url, headers=AUTH).data}
    client = create_bare_app(bodies).test_client()
    out = {}
    for key, url in (("get_available", get_url), ("search", search_url)):
        samples = []
        gc.disable()
        try:
            for i in range(warm + n):
                t0 = time.perf_counter_ns()
                client.get(url, headers=AUTH)
                if i >= warm:
                    samples.append(time.perf_counter_ns() - t0)
        finally:
            gc.enable()
        out[key] = summary_us(samples)
    print(f"floor: bare Flask route, same body, same test client: get available {out['get_available']['median_us']:.1f} us, "
          f"search {out['search']['median_us']:.1f} us (median)")
    return out


def bench_raw_engines(quick: bool, core_app: Any) -> dict[str, Any]:
    """Per operation: the engines' validate_request / validate_response alone, on the exact
    arguments the surface passed them for one real call."""
    from emulator.app import create_app
    from emulator.config import Config

    app = create_app(Config(validation="strict", validation_engine="fast"))
    surface = app.surfaces["sinch"]
    fast = surface.engine
    ctx = Ctx(app, 120)
    rent = next(call for key, *_rest, call in OPERATIONS if key == "rent")
    for i in range(1, 120):  # 120 owned numbers, so that the list captures are full pages
        rent(ctx, i)
    recorder = Recorder(fast)
    surface.engine = recorder
    captured: dict[str, tuple[tuple, tuple]] = {}
    for key, _label, operation_id, call in OPERATIONS:
        response = call(ctx, 0)
        if response.status_code != 200:
            raise RuntimeError(f"capture call {key} answered {response.status_code}")
        captured[key] = (recorder.requests[operation_id], recorder.responses[operation_id])
    surface.engine = fast
    core = core_app.surfaces["sinch"].engine

    n_fast, n_core = (300, 20) if quick else (2000, 60)

    def timed(fn: Callable[[], Any], n: int) -> dict[str, float]:
        for _ in range(min(20, n)):
            fn()
        samples = []
        gc.disable()
        try:
            for _ in range(n):
                t0 = time.perf_counter_ns()
                fn()
                samples.append(time.perf_counter_ns() - t0)
        finally:
            gc.enable()
        return summary_us(samples)

    print()
    print("Raw engine cost per call, on the arguments captured from one real call of each operation")
    print(f"(FastEngine: {n_fast} calls, OpenAPICoreEngine: {n_core} calls; median / p95 in microseconds):")
    header = f"{'operation':38} {'fast req':>9} {'fast resp':>10} {'core req':>10} {'core resp':>10} {'speed-up':>9}"
    print(header)
    print("-" * len(header))
    out: dict[str, Any] = {}
    for key, label, operation_id, _call in OPERATIONS:
        req, resp = captured[key]
        figures = {
            "fast_request": timed(lambda: fast.validate_request(*req), n_fast),
            "fast_response": timed(lambda: fast.validate_response(*resp), n_fast),
            "core_request": timed(lambda: core.validate_request(*req), n_core),
            "core_response": timed(lambda: core.validate_response(*resp), n_core),
        }
        problems = core.validate_response(*resp) + fast.validate_response(*resp)
        fast_total = figures["fast_request"]["median_us"] + figures["fast_response"]["median_us"]
        core_total = figures["core_request"]["median_us"] + figures["core_response"]["median_us"]
        speedup = core_total / fast_total if fast_total else float("nan")
        out[key] = {"operation_id": operation_id, **figures, "response_bytes": len(resp[3]),
                    "speedup_fast_vs_core": round(speedup, 1), "problems": problems}
        f = figures
        print(f"{label:38} {f['fast_request']['median_us']:9.1f} {f['fast_response']['median_us']:10.1f} "
              f"{f['core_request']['median_us']:10.1f} {f['core_response']['median_us']:10.1f} {speedup:8.0f}x")
        if problems:
            print(f"  ! an engine found problems in the captured response: {problems[:2]}")
    print("(core req includes the fast engine's pass it makes for the coerced parameters)")
    return out


# -- 2. served throughput ----------------------------------------------------------------------------
def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk missing: apt-get install -y wrk", flush=True)
    if subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True).returncode != 0:
        print("  install failed; apt-get update, then again", flush=True)
        subprocess.run(["apt-get", "update"], capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)
    return shutil.which("wrk")


def ensure_prism() -> Path | None:
    if PRISM_BIN.exists():
        return PRISM_BIN
    print(f"Prism missing: npm install --prefix {PRISM_DIR} @stoplight/prism-cli@{PRISM_VERSION}", flush=True)
    PRISM_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["npm", "install", "--prefix", str(PRISM_DIR), f"@stoplight/prism-cli@{PRISM_VERSION}"],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        print(done.stderr[-2000:])
    return PRISM_BIN if PRISM_BIN.exists() else None


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        return float("nan")
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_wrk(wrk: str, url: str, seconds: int, threads: int = 2, connections: int = 16) -> dict[str, Any]:
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"Authorization: {BASIC}", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
    out = done.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    total = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests_per_s": float(rps.group(1)) if rps else float("nan"),
        "p50_ms": _ms(p50.group(1)) if p50 else float("nan"),
        "p99_ms": _ms(p99.group(1)) if p99 else float("nan"),
        "requests": int(total.group(1)) if total else 0,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "command": " ".join(command[:5]) + " -H 'Authorization: Basic ...' " + url,
    }


def bench_served(quick: bool, skip_prism: bool, verdicts: Verdicts) -> dict[str, Any]:
    from emulator.config import Config

    wrk = ensure_wrk()
    if wrk is None:
        print("wrk unavailable: section skipped")
        return {"skipped": "wrk unavailable"}
    seconds, warm_seconds = (5, 1) if quick else (10, 2)
    threads = Config().threads
    wrk_version = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.splitlines()
    results: dict[str, Any] = {"wrk": (wrk_version or ["?"])[0], "duration_s": seconds, "warmup_s": warm_seconds,
                               "wrk_threads": 2, "connections": 16, "server_threads": threads, "servers": {}}
    print(f"wrk -t2 -c16 -d{seconds}s --latency (after a {warm_seconds}s warm-up run), Basic auth header on every request;")
    server = Config().server
    print(f"servers on 127.0.0.1, {server} with {threads} threads for (a) and (b). Same 2 cores for client and server.")
    endpoints = {"get": None, "search": f"{V1}/availableNumbers?{SEARCH_QUERY}"}

    def measure(name: str, base: str, paths: dict[str, str]) -> None:
        entry = results["servers"].setdefault(name, {})
        for endpoint, path in paths.items():
            url = base + path
            status, body = http_get(url, AUTH)
            run_wrk(wrk, url, warm_seconds)
            figures = run_wrk(wrk, url, seconds)
            figures.update({"status": status, "body_bytes": len(body), "path": path})
            entry[endpoint] = figures
            flag = "" if figures["non_2xx"] == 0 and status == 200 else f"  ! HTTP {status}, non-2xx {figures['non_2xx']}"
            print(f"  {name:28} {endpoint:7} {figures['requests_per_s']:9.0f} req/s   p50 {figures['p50_ms']:7.2f} ms   "
                  f"p99 {figures['p99_ms']:7.2f} ms   body {len(body):5d} B{flag}", flush=True)

    # (a) the emulator
    port = free_port()
    proc = start_process(emulator_command() + ["serve", "--port", str(port)])
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_200(f"{base}{endpoints['search']}", AUTH, 30, proc)
        _, search_body = http_get(f"{base}{endpoints['search']}", AUTH)
        number = json.loads(search_body)["availableNumbers"][0]["phoneNumber"]
        endpoints["get"] = f"{V1}/availableNumbers/{number}"
        _, get_body = http_get(f"{base}{endpoints['get']}", AUTH)
        measure("(a) numbers-emulator serve", base, endpoints)
    finally:
        banner = stop_process(proc)
    results["servers"]["(a) numbers-emulator serve"]["banner"] = banner.splitlines()[:1]

    # (b) bare Flask on the same server, same bodies, same thread count
    with tempfile.TemporaryDirectory() as tmp:
        bodies = Path(tmp) / "bodies.json"
        bodies.write_text(json.dumps({"get": get_body.decode(), "search": search_body.decode()}))
        port = free_port()
        proc = start_process([sys.executable, str(HERE / "bare_app.py"), "--port", str(port), "--threads", str(threads),
                              "--server", server, "--bodies", str(bodies)])
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_200(f"{base}{endpoints['search']}", AUTH, 30, proc)
            measure("(b) bare Flask, same server", base, endpoints)
        finally:
            out = stop_process(proc)
        results["servers"]["(b) bare Flask, same server"]["banner"] = out.splitlines()[:1]

    # (c) Prism mock
    if skip_prism:
        print("  (c) Prism skipped (--skip-prism)")
    else:
        prism = ensure_prism()
        if prism is None:
            print("  (c) Prism unavailable: skipped")
        else:
            port = free_port()
            proc = start_process([str(prism), "mock", "-p", str(port), "-v", "error", str(SPEC)], cwd=str(ROOT))
            try:
                base = f"http://127.0.0.1:{port}"
                prism_paths = {k: v.removeprefix("/sinch") for k, v in endpoints.items()}  # Prism serves at the root
                wait_for_200(f"{base}{prism_paths['search']}", AUTH, 60, proc, interval=0.05)
                measure(f"(c) Prism {PRISM_VERSION} mock", base, prism_paths)
            finally:
                stop_process(proc)

    servers = results["servers"]
    a = servers.get("(a) numbers-emulator serve", {})
    b = servers.get("(b) bare Flask, same server", {})
    c = servers.get(f"(c) Prism {PRISM_VERSION} mock", {})
    results["ratios"] = {}
    print()
    for endpoint in ("get", "search"):
        ratios = {}
        if endpoint in b:
            ratios["a_b"] = round(a[endpoint]["requests_per_s"] / b[endpoint]["requests_per_s"], 2)
        if endpoint in c:
            ratios["a_c"] = round(a[endpoint]["requests_per_s"] / c[endpoint]["requests_per_s"], 2)
        if endpoint in b and endpoint in c:  # the ceiling of a/c for anything no faster than (b)
            ratios["b_c"] = round(b[endpoint]["requests_per_s"] / c[endpoint]["requests_per_s"], 2)
        results["ratios"][endpoint] = ratios
        for key, target in (("a_b", "served_ratio_a_b"), ("a_c", "served_ratio_a_c")):
            if key in ratios:
                verdict = verdicts.add(f"served req/s ratio {key.replace('_', '/')} ({endpoint})", target, ratios[key], "x")
                print(f"  {endpoint:7} req/s ratio {key.replace('_', '/')}: {ratios[key]:.2f}  ({target_text(target)})  {verdict}")
        if "b_c" in ratios:
            print(f"  {endpoint:7} req/s ratio b/c: {ratios['b_c']:.2f}  (bare Flask on the same server vs Prism: the ceiling of a/c while a <= b)")
    return results


# -- 3. search scale (child) -------------------------------------------------------------------------
def child_search(quick: bool) -> dict[str, Any]:
    from emulator.core import NumberQuery, World

    cases = {"1e3": ("TO", "TOLL_FREE"), "1e7": ("SE", "TOLL_FREE")}
    n_cold, n_warm, n_uncached = (10, 500, 100) if quick else (40, 3000, 300)
    out: dict[str, Any] = {"cases": {}, "n_cold": n_cold, "n_warm": n_warm, "n_uncached": n_uncached}
    first: dict[str, float] = {}
    for name, (region, kind) in cases.items():  # first search in this process: rules compiled, plan built
        world = World()
        t0 = time.perf_counter_ns()
        offers = world.search(NumberQuery(region, kind), 10)
        first[name] = (time.perf_counter_ns() - t0) / 1000
        plan = world.plan.plan(region, kind)
        on_offer = None
        if plan.size <= 100_000:
            on_offer = sum(1 for b in plan.blocks for d in itertools.product(*b) if world.inventory.offer("+" + "".join(d)))
        out["cases"][name] = {"region": region, "type": kind, "plan_size": plan.size, "blocks": len(plan.blocks),
                              "on_offer": on_offer, "results": len(offers), "first_in_process_us": round(first[name], 1)}
    cold: dict[str, list[int]] = {k: [] for k in cases}
    for _ in range(n_cold):  # a fresh World each time, its first query (process-wide caches warm)
        for name, (region, kind) in cases.items():
            world = World()
            query = NumberQuery(region, kind)
            t0 = time.perf_counter_ns()
            world.search(query, 10)
            cold[name].append(time.perf_counter_ns() - t0)
    worlds = {}
    for name, (region, kind) in cases.items():
        world = World()
        query = NumberQuery(region, kind)
        world.search(query, 10)
        worlds[name] = (world, query)
    warm: dict[str, list[int]] = {k: [] for k in cases}
    uncached: dict[str, list[int]] = {k: [] for k in cases}
    names = list(cases)
    gc.disable()
    try:
        for i in range(n_warm):  # the two regions alternate, so that drift hits both alike
            for name in (names if i % 2 else names[::-1]):
                world, query = worlds[name]
                t0 = time.perf_counter_ns()
                world.search(query, 10)
                warm[name].append(time.perf_counter_ns() - t0)
        for i in range(n_uncached):  # the search cache emptied, the world's block walks kept
            for name in (names if i % 2 else names[::-1]):
                world, query = worlds[name]
                world.search_cache.clear()
                t0 = time.perf_counter_ns()
                world.search(query, 10)
                uncached[name].append(time.perf_counter_ns() - t0)
    finally:
        gc.enable()
    for name in cases:
        out["cases"][name].update({"cold": summary_us(cold[name]), "warm": summary_us(warm[name]),
                                   "uncached": summary_us(uncached[name])})
    return out


def bench_search(quick: bool, verdicts: Verdicts) -> dict[str, Any]:
    result = run_child("search", quick, 120)
    cases = result["cases"]
    small, large = cases["1e3"], cases["1e7"]
    print("World.search(NumberQuery(region, 'TOLL_FREE'), 10), virtual inventory, seed 1, density 0.5; fresh process.")
    for name, c in cases.items():
        offer = f", {c['on_offer']} on offer" if c["on_offer"] is not None else ""
        print(f"  {c['region']} {c['type']}: plan size {c['plan_size']:,} ({c['blocks']} blocks{offer}); "
              f"first search in the process {c['first_in_process_us']:.0f} us (rules compiled, plan built)")
    print(f"  {'':22} {'TO (1e3) med':>13} {'p95':>8} {'SE (1e7) med':>13} {'p95':>8} {'ratio':>7}")
    result["ratios"] = {}
    for kind, text in (("cold", f"cold (fresh World x{result['n_cold']})"), ("warm", f"warm (repeated x{result['n_warm']})"),
                       ("uncached", "search cache cleared")):
        ratio = round(large[kind]["median_us"] / small[kind]["median_us"], 2)
        result["ratios"][kind] = ratio
        verdict = ""
        if kind in ("cold", "warm"):
            verdict = f"({target_text('search_ratio')}) " + verdicts.add(f"search 1e7/1e3 median ratio, {kind}", "search_ratio", ratio, "x")
        print(f"  {text:22} {small[kind]['median_us']:13.1f} {small[kind]['p95_us']:8.1f} {large[kind]['median_us']:13.1f} "
              f"{large[kind]['p95_us']:8.1f} {ratio:7.2f}  {verdict}")
    print("  (microseconds)")
    return result


# -- 4. memory and list pages (child) ----------------------------------------------------------------
SOURCES = (("US", "LOCAL"), ("GB", "MOBILE"), ("SE", "MOBILE"))


def _plan_numbers(world: Any, region: str, kind: str):
    for block in world.plan.plan(region, kind).blocks:
        for digits in itertools.product(*block):
            yield "+" + "".join(digits)


def child_memory(quick: bool) -> dict[str, Any]:
    from emulator.app import create_app
    from emulator.config import Config
    from emulator.core import NotAvailable, World
    from emulator.providers.sinch.routes import tenant

    steps = [100_000, 250_000] if quick else [100_000, 1_000_000]
    world = World()
    app = create_app(Config(validation="strict"), world=world)  # imports and app first: not in the delta
    app_off = create_app(Config(validation="off"), world=world)
    owner = tenant(PROJECT)
    sources = [_plan_numbers(world, region, kind) for region, kind in SOURCES]
    gc.collect()
    base = rss_bytes()
    out: dict[str, Any] = {"method": (
        "numbers generated in order from the numbering plan's blocks (itertools.product over "
        "world.plan.plan(region, type).blocks) of " + ", ".join(f"{r} {t}" for r, t in SOURCES) +
        ", taken round-robin, each passed to world.acquire(tenant, number); numbers not on offer "
        "(NotAvailable, about half at density 0.5) skipped"), "rss_base_bytes": base, "steps": {}}
    acquired = tried = 0
    started = time.perf_counter()
    rr = itertools.cycle(range(len(sources)))
    for target in steps:
        while acquired < target:
            number = next(sources[next(rr)])
            tried += 1
            try:
                world.acquire(owner, number)
                acquired += 1
            except NotAvailable:
                pass
        elapsed = time.perf_counter() - started
        gc.collect()
        rss = rss_bytes()
        out["steps"][str(target)] = {"owned": world.count(owner), "rss_bytes": rss, "delta_bytes": rss - base,
                                     "bytes_per_owned": round((rss - base) / target, 1), "tried": tried,
                                     "load_seconds": round(elapsed, 2),
                                     "us_per_acquire_incl_misses": round(elapsed / acquired * 1e6, 2)}

    n = steps[-1]
    keys = world.by_tenant[owner][None]
    middle = next(itertools.islice(iter(keys), len(keys) // 2, None))
    reps_core, reps_http = (100, 40) if quick else (300, 200)

    def timed(fn: Callable[[], Any], reps: int) -> dict[str, float]:
        for _ in range(5):
            fn()
        samples = []
        for _ in range(reps):
            t0 = time.perf_counter_ns()
            fn()
            samples.append(time.perf_counter_ns() - t0)
        return summary_us(samples)

    page = world.list_owned(owner, limit=100, after=middle)
    assert len(page.items) == 100 and page.items[0].number > middle
    core = timed(lambda: world.list_owned(owner, limit=100, after=middle), reps_core)
    try:
        from emulator.providers.sinch.routes import _encode_token as encode
    except ImportError:  # the token format of emulator/providers/sinch/routes.py
        def encode(key: str, order: str) -> str:
            return base64.urlsafe_b64encode(json.dumps([order, key]).encode()).decode().rstrip("=")
    token = encode(middle, "number")
    url = f"{V1}/activeNumbers?pageSize=100&pageToken={token}"
    clients = {"strict": app.test_client(), "off": app_off.test_client()}
    http: dict[str, Any] = {}
    for name, client in clients.items():
        response = client.get(url, headers=AUTH)
        if response.status_code != 200:
            raise RuntimeError(f"list through HTTP answered {response.status_code}: {response.data[:300]!r}")
        body = response.get_json()
        assert len(body["activeNumbers"]) == 100 and body["activeNumbers"][0]["phoneNumber"] > middle
        assert body["totalSize"] == n
        http[name] = {"response_bytes": len(response.data)}
    samples: dict[str, list[int]] = {name: [] for name in clients}
    for i in range(5 + reps_http):  # strict and off alternate, so that drift hits both alike
        for name in (("strict", "off") if i % 2 else ("off", "strict")):
            t0 = time.perf_counter_ns()
            clients[name].get(url, headers=AUTH)
            if i >= 5:
                samples[name].append(time.perf_counter_ns() - t0)
    for name in clients:
        http[name].update(summary_us(samples[name]))
    out["list"] = {"owned": n, "cursor": middle, "world_list_owned_limit_100": core, "http_pageSize_100": http}
    return out


def bench_memory(quick: bool, verdicts: Verdicts) -> dict[str, Any]:
    result = run_child("memory", quick, 400)
    print("Fresh process: World + app built, RSS measured (/proc/self/status VmRSS, after gc.collect()),")
    print("then N numbers acquired for one tenant (sinch/test-project), RSS again.")
    print(f"How the numbers were obtained: {result['method']}.")
    for target, step in result["steps"].items():
        label = f"{int(target):,} owned"
        verdict = verdicts.add(f"bytes per owned number at {label}", "bytes_per_owned", step["bytes_per_owned"], "B")
        print(f"  {label:>16}: RSS +{step['delta_bytes'] / 2**20:7.1f} MiB = {step['bytes_per_owned']:6.0f} B per number "
              f"({target_text('bytes_per_owned')}) {verdict}   [loaded in {step['load_seconds']:.1f} s, "
              f"{step['us_per_acquire_incl_misses']:.1f} us per acquire incl. misses]")
    lst = result["list"]
    core = lst["world_list_owned_limit_100"]
    print(f"  one list page with {lst['owned']:,} owned, cursor in the middle:")
    v = verdicts.add(f"world.list_owned(limit=100) median, {lst['owned']:,} owned", "list_page_ms", core["median_us"] / 1000, "ms")
    print(f"    world.list_owned(tenant, limit=100, after=middle)     median {core['median_us'] / 1000:6.3f} ms  "
          f"p95 {core['p95_us'] / 1000:6.3f} ms  ({target_text('list_page_ms')}) {v}")
    for mode, figures in lst["http_pageSize_100"].items():
        v = verdicts.add(f"HTTP list pageSize=100 median ({mode}), {lst['owned']:,} owned", "list_page_ms", figures["median_us"] / 1000, "ms")
        print(f"    GET activeNumbers?pageSize=100&pageToken (test client, validation {mode:6}) median {figures['median_us'] / 1000:6.3f} ms  "
              f"p95 {figures['p95_us'] / 1000:6.3f} ms  ({target_text('list_page_ms')}) {v}  [{figures['response_bytes']} B]")
    return result


# -- 5. start-up (children) --------------------------------------------------------------------------
IMPORT_SUBTREES = ("emulator.app", "emulator.core", "phonenumbers", "phonenumbers.geocoder", "flask", "werkzeug",
                   "yaml", "jsonschema_rs", "emulator.providers.sinch", "emulator.config", "click")
IMPORT_PROBE = """
import json, time
t0 = time.perf_counter()
import emulator.app
t1 = time.perf_counter()
app = emulator.app.create_app()
t2 = time.perf_counter()
import emulator.specs as specs  # the part of create_app that parses the bundled YAML spec
cached = getattr(specs, "_load", None)
yaml_s = None
if hasattr(cached, "cache_clear"):
    cached.cache_clear()
    t3 = time.perf_counter()
    specs.load_spec("sinch")
    yaml_s = time.perf_counter() - t3
print(json.dumps({"import_s": t1 - t0, "create_app_s": t2 - t1, "spec_load_s": yaml_s}))
"""


def bench_startup(quick: bool, verdicts: Verdicts) -> dict[str, Any]:
    runs = 5
    command = emulator_command()
    url_path = f"{V1}/availableNumbers?{SEARCH_QUERY}"
    firsts, banners = [], []
    for _ in range(runs):
        port = free_port()
        t0 = time.perf_counter()
        proc = start_process(command + ["serve", "--port", str(port)])
        try:
            wait_for_200(f"http://127.0.0.1:{port}{url_path}", AUTH, 30, proc, interval=0.005)
            firsts.append(time.perf_counter() - t0)
        finally:
            out = stop_process(proc)
        match = re.search(r"ready in (\d+) ms", out)
        banners.append(int(match.group(1)) / 1000 if match else None)
    imports, creates, interpreter, spec_loads = [], [], [], []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, env=clean_env(), cwd="/")
        probe = json.loads(done.stdout.strip().splitlines()[-1])
        imports.append(probe["import_s"])
        creates.append(probe["create_app_s"])
        if probe.get("spec_load_s") is not None:
            spec_loads.append(probe["spec_load_s"])
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=clean_env())
        interpreter.append(time.perf_counter() - t0)
    median_first = statistics.median(firsts)
    # where the import time goes: -X importtime, cumulative microseconds of the heaviest subtrees
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import emulator.app"], capture_output=True,
                          text=True, env=clean_env(), cwd="/")
    heavy = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match and match.group(4) in IMPORT_SUBTREES:
            heavy[match.group(4)] = round(int(match.group(2)) / 1e6, 3)
    result = {
        "command": " ".join(command + ["serve", "--port", "P"]),
        "first_request": f"GET {url_path} (Basic), polled every 5 ms",
        "spawn_to_first_200_s": [round(x, 3) for x in firsts],
        "median_spawn_to_first_200_s": round(median_first, 3),
        "banner_ready_s": banners,
        "import_emulator_app_s": [round(x, 3) for x in imports],
        "median_import_s": round(statistics.median(imports), 3),
        "median_create_app_s": round(statistics.median(creates), 4),
        "median_bare_interpreter_s": round(statistics.median(interpreter), 3),
        "importtime_cumulative_s": heavy,
        "median_spec_load_s": round(statistics.median(spec_loads), 4) if spec_loads else None,
    }
    verdict = verdicts.add("start-up: spawn to first 200 (median of 5)", "startup_s", result["median_spawn_to_first_200_s"], "s")
    print(f"  {result['command']}, then {result['first_request']}")
    print(f"  spawn -> first 200: median {median_first:.3f} s ({target_text('startup_s')}) {verdict}   runs: "
          + ", ".join(f"{x:.3f}" for x in firsts))
    print("  banner 'ready in' (create_app + server, after imports): "
          + ", ".join(f"{x:.3f}" if x is not None else "?" for x in banners) + " s")
    print(f"  import emulator.app: median {result['median_import_s']:.3f} s; create_app(): median "
          f"{result['median_create_app_s'] * 1000:.1f} ms (parsing openapi/sinch.yaml alone, re-timed after: "
          f"{(result['median_spec_load_s'] or float('nan')) * 1000:.1f} ms); bare `python -c pass`: median {result['median_bare_interpreter_s']:.3f} s")
    print("  heaviest import subtrees (python -X importtime -c 'import emulator.app', one run, cumulative s): "
          + ", ".join(f"{k} {v:.3f}" for k, v in sorted(heavy.items(), key=lambda kv: -kv[1])))
    return result


# -- main --------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description="numbers-emulator benchmark")
    parser.add_argument("--quick", action="store_true", help="fewer iterations, 5 s wrk runs, 250k instead of 1M owned")
    parser.add_argument("--skip-wrk", action="store_true", help="skip the served-throughput section")
    parser.add_argument("--skip-prism", action="store_true", help="skip Prism in the served-throughput section")
    parser.add_argument("--json-out", help="also write the JSON blob to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    if args.child:
        result = {"search": child_search, "memory": child_memory}[args.child](args.quick)
        print(json.dumps(result))
        return

    started = time.perf_counter()
    verdicts = Verdicts()
    import emulator

    results: dict[str, Any] = {"meta": {
        "emulator_version": getattr(emulator, "__version__", "?"), "python": platform.python_version(),
        "machine": platform.machine(), "cpus": os.cpu_count(), "quick": args.quick,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }}
    print(f"numbers-emulator {results['meta']['emulator_version']} benchmark; Python {results['meta']['python']}, "
          f"{os.cpu_count()} CPUs{', --quick' if args.quick else ''}")
    timings = {}

    def run(key: str, title: str, fn: Callable[[], dict[str, Any]]) -> None:
        section(title)
        t0 = time.perf_counter()
        try:
            results[key] = fn()
        except Exception as error:  # one failing section must not hide the others
            import traceback

            traceback.print_exc()
            results[key] = {"error": f"{type(error).__name__}: {error}"}
        timings[key] = round(time.perf_counter() - t0, 1)
        print(f"[{key}: {timings[key]} s]", flush=True)

    run("in_process", "1. In-process latency per operation (us)", lambda: bench_in_process(args.quick, verdicts))
    if args.skip_wrk:
        results["served"] = {"skipped": "--skip-wrk"}
    else:
        run("served", "2. Served throughput (wrk)", lambda: bench_served(args.quick, args.skip_prism, verdicts))
    run("search_scale", "3. Search time: 10^3-number region vs 10^7-number region", lambda: bench_search(args.quick, verdicts))
    run("memory", "4. Memory per owned number, and list pages with many owned", lambda: bench_memory(args.quick, verdicts))
    run("startup", "5. Start-up to first answered request", lambda: bench_startup(args.quick, verdicts))

    section("Targets")
    for row in verdicts.rows:
        value = row["value"]
        shown = f"{value:.3f}" if isinstance(value, float) and abs(value) < 10 else f"{value}"
        print(f"  {row['verdict']:4}  {row['figure']:62} {shown:>10} {row['unit']:3} (target {row['target']})")
    missed = [r for r in verdicts.rows if r["verdict"] == "MISS"]
    print(f"  {len(verdicts.rows) - len(missed)} of {len(verdicts.rows)} targets met; total run {time.perf_counter() - started:.0f} s")
    results["targets"] = verdicts.rows
    results["meta"]["section_seconds"] = timings
    finish(results, started, args.json_out)


if __name__ == "__main__":
    main()
