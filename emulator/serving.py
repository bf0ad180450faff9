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

import signal
import sys
import threading
import time
from functools import partial
from typing import Any, Callable

from .config import Config


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
    """What is served where, and with which credentials: enough to start without reading docs."""
    from . import __version__

    base = f"http://{config.host}:{config.port}"
    lines = [
        f"numbers-emulator {__version__} ready in {startup_seconds * 1000:.0f} ms "
        f"(seed {config.seed}, validation {config.validation}/{config.validation_engine}, {config.server})",
        f"  sinch       {base}/sinch        (SDK: numbers_origin = auth_origin = {base}/sinch)",
        f"  twilio      {base}/twilio       (SDK: client.api.base_url = client.pricing.base_url = {base}/twilio)",
        f"  signalwire  {base}/signalwire   (SDK: client.api.base_url = {base}/signalwire; REST: {base}/signalwire/api/relay/rest)",
        f"  enfonica    {base}/enfonica     (numbering API: {base}/enfonica/v1beta1/...)",
        f"  wazo        {base}/wazo         (auth: {base}/wazo/api/auth/0.1/token; confd: {base}/wazo/api/confd/1.1)",
        f"  platform    {base}/platform     (API: {base}/platform/v1/...; buys through the Twilio and SignalWire above)",
    ]
    for port, prefix in config.root_ports().items():
        lines.append(f"  {prefix[1:]:<11} http://{config.host}:{port}    (same surface at the root of its own port)")
    lines.append("  credentials:")
    for key in config.sinch_keys:
        lines.append(f"    sinch project {key.project_id}: key id {key.key_id}, secret {key.secret}")
    for credential in config.twilio_credentials:
        kind = "account" if credential.user == credential.account else f"API key of {credential.account}"
        lines.append(f"    twilio {kind} {credential.user}: secret {credential.secret}")
    for credential in config.signalwire_credentials:
        lines.append(f"    signalwire project {credential.account}: token {credential.secret}")
    for grant in config.enfonica_tokens:
        lines.append(f"    enfonica bearer {grant.token}: projects {', '.join(grant.projects)}")
    for credential in config.wazo_users:
        lines.append(f"    wazo user {credential.user} / {credential.secret}: tenant {credential.account}")
    for key in config.platform_keys:
        lines.append(f"    platform API key {key.key} (Authorization: Bearer): tenant {key.tenant}, buys through "
                     f"twilio {key.twilio_account} and signalwire {key.signalwire_project}")
    return "\n".join(lines)


def attach_state_file(app: Any, config: Config) -> None:
    """``--state``: restore the world from the file now, save it there when the process ends."""
    if not config.state_file:
        return
    from . import state_file

    try:
        restored = state_file.restore(app.world, config.state_file)
    except state_file.StateFileError as error:
        print(f"numbers-emulator: {error}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
    state_file.save_at_exit(app.world, config.state_file)
    what = f"restored {restored['numbers']} numbers from" if restored else "new world, to be saved in"
    print(f"numbers-emulator: state: {what} {config.state_file} (saved there at shutdown)", flush=True)


def _warm_geography() -> None:
    """Load the geocoder's data (0.4 s) in the background once serving, not on the first search."""
    from .core import geography

    threading.Thread(target=geography.warm, name="warm-geography", daemon=True).start()


def load_app(config: Config, on_ready: Callable[[], None] | None = None) -> Any:
    """Build the app in the process that will serve it, and start the root-port servers there."""
    from .app import create_app

    app = create_app(config)
    attach_state_file(app, config)
    extra = [f"{config.host}:{port}" for port in config.root_ports()]
    if extra:
        from waitress.server import create_server

        server = create_server(app, listen=" ".join(extra), threads=max(2, config.threads), ident="numbers-emulator")
        threading.Thread(target=server.run, name="root-ports", daemon=True).start()
    if on_ready:
        on_ready()
    _warm_geography()
    return app


def _serve_granian(config: Config, on_ready: Callable[[], None]) -> None:
    run_granian(partial(load_app, config, on_ready), config.host, config.port, config.threads)


def _serve_waitress(config: Config, on_ready: Callable[[], None]) -> None:
    from .app import create_app

    listen = [f"{config.host}:{config.port}"] + [f"{config.host}:{port}" for port in config.root_ports()]
    app = create_app(config)
    attach_state_file(app, config)
    run_waitress(app, listen, config.threads, on_ready)


def run_granian(loader: Callable[[], Any], host: str, port: int, threads: int) -> None:
    """Serve the WSGI app ``loader()`` builds, in one granian worker process (one world), until
    stopped. ``bench/bare_app.py`` serves its comparison app through this too."""
    from granian import Granian
    from granian.constants import Interfaces

    server = Granian(
        target="emulator.app:create_app",  # informational: the app comes from the loader
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=1,  # one process holds the world
        blocking_threads=threads,
        log_level="warning",
        # A stop that arrives while the worker is still building the app would otherwise wait for
        # it forever (the worker installs its signal handling only once serving).
        workers_kill_timeout=3,
    )
    server.serve(target_loader=loader, wrap_loader=False)


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run_waitress(app: Any, listen: list[str], threads: int, on_ready: Callable[[], None]) -> None:
    """Serve ``app`` with waitress on every address of ``listen`` until interrupted."""
    from waitress.server import create_server

    server = create_server(app, listen=" ".join(listen), threads=threads, ident="numbers-emulator")
    signal.signal(signal.SIGTERM, _stop)  # `docker stop`, `kill`: a clean exit (``--state`` is saved)
    on_ready()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        sys.stdout.flush()
