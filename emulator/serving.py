"""Run the app under a production WSGI server: granian by default, waitress on request.

granian parses HTTP in Rust and only enters Python for the WSGI call; under load it answers about
2.7 times as many requests per second as waitress does for the same bare Flask route on this
project's two-core machines (``bench/run.py``), which is what lets the emulator outrun Prism with
validation and state on. It runs the app in one worker *process* (one world: state is shared by all
requests), built there by :func:`load_app`. granian listens on one address; the extra root ports of
surfaces (``--sinch-port``...) are served from the same worker process by waitress threads, so
every port sees the same world.
"""
from __future__ import annotations

import sys
import threading
import time
from functools import partial
from typing import Any, Callable

from .config import Config

SERVERS = ("granian", "waitress")


def serve(config: Config, started: float | None = None) -> None:
    """Serve until interrupted; the banner is printed by the process that holds the world, once
    its app is built (``started``: a ``time.perf_counter()`` reading, for "ready in")."""
    on_ready = partial(announce, config, time.perf_counter() if started is None else started)
    if config.server == "waitress":
        _serve_waitress(config, on_ready)
    else:
        _serve_granian(config, on_ready)


def announce(config: Config, started: float) -> None:
    print(banner(config, time.perf_counter() - started), flush=True)


def banner(config: Config, startup_seconds: float) -> str:
    from . import __version__

    base = f"http://{config.host}:{config.port}"
    lines = [
        f"numbers-emulator {__version__} ready in {startup_seconds * 1000:.0f} ms "
        f"(seed {config.seed}, validation {config.validation}/{config.validation_engine}, {config.server})",
        f"  sinch   {base}/sinch    (SDK: numbers_origin = auth_origin = {base}/sinch)",
    ]
    if config.sinch_port:
        lines.append(f"  sinch   http://{config.host}:{config.sinch_port}    (same surface at the root of its own port)")
    lines.append("  credentials:")
    for key in config.sinch_keys:
        lines.append(f"    sinch project {key.project_id}: key id {key.key_id}, secret {key.secret}")
    return "\n".join(lines)


def load_app(config: Config, on_ready: Callable[[], None] | None = None) -> Any:
    """Build the app in the process that will serve it, and start the root-port servers there."""
    from .app import create_app

    app = create_app(config)
    extra = [f"{config.host}:{port}" for port in config.root_ports()]
    if extra:
        from waitress.server import create_server

        server = create_server(app, listen=" ".join(extra), threads=max(2, config.threads), ident="numbers-emulator")
        threading.Thread(target=server.run, name="root-ports", daemon=True).start()
    if on_ready:
        on_ready()
    return app


def _serve_granian(config: Config, on_ready: Callable[[], None]) -> None:
    from granian import Granian
    from granian.constants import Interfaces

    server = Granian(
        target="emulator.app:create_app",  # informational: the app comes from load_app
        address=config.host,
        port=config.port,
        interface=Interfaces.WSGI,
        workers=1,  # one process holds the world
        blocking_threads=config.threads,
        log_level="warning",
    )
    server.serve(target_loader=partial(load_app, config, on_ready), wrap_loader=False)


def _serve_waitress(config: Config, on_ready: Callable[[], None]) -> None:
    from waitress.server import create_server

    from .app import create_app

    app = create_app(config)
    listen = [f"{config.host}:{config.port}"] + [f"{config.host}:{port}" for port in config.root_ports()]
    server = create_server(app, listen=" ".join(listen), threads=config.threads, ident="numbers-emulator")
    on_ready()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        sys.stdout.flush()
