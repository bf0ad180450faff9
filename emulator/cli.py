"""``numbers-emulator``: serve the emulator (more commands arrive with the control API issue)."""
from __future__ import annotations

import sys
import time

import click

from . import __version__
from .config import Config, parse_sinch_keys
from .validation import ENGINES, MODES


def _env(name: str) -> str:
    return f"NUMBERS_EMULATOR_{name.upper()}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="numbers-emulator")
def main() -> None:
    """A local, stateful fake of telephony providers' phone-number APIs."""


@main.command()
@click.option("--host", help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port of every surface under its prefix (default 6862).")
@click.option("--sinch-port", type=int, help="Also serve Sinch at the root of this port.")
@click.option("--seed", type=int, help="Seed of the virtual world (default 1).")
@click.option("--density", type=float, help="Share of valid numbers on offer (default 0.5).")
@click.option("--inventory", "inventory_file", type=click.Path(exists=True, dir_okay=False), help="Finite inventory file (JSON array or NDJSON).")
@click.option("--validation", type=click.Choice(MODES), help="strict (default) | warn | off.")
@click.option("--validation-engine", type=click.Choice(sorted(ENGINES)), help="fast (default) | openapi-core.")
@click.option("--threads", type=int, help="WSGI worker threads (default 8).")
@click.option("--frozen-clock/--running-clock", default=None, help="Start with the virtual clock frozen.")
@click.option("--sinch-keys", help="key_id:secret:project_id[,...] (default test-key:test:test-project,test-key-2:test:test-project-2).")
def serve(sinch_keys: str | None, **options) -> None:
    """Start the emulator with a production WSGI server (waitress), in one process."""
    from waitress.server import create_server

    from .app import create_app

    started = time.perf_counter()
    keys = parse_sinch_keys(sinch_keys) if sinch_keys else None
    config = Config.from_env(**options, sinch_keys=keys)
    app = create_app(config)
    listen = [f"{config.host}:{config.port}"] + ([f"{config.host}:{config.sinch_port}"] if config.sinch_port else [])
    server = create_server(app, listen=" ".join(listen), threads=config.threads, ident="numbers-emulator")
    click.echo(banner(config, time.perf_counter() - started))
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def banner(config: Config, startup_seconds: float) -> str:
    base = f"http://{config.host}:{config.port}"
    lines = [
        f"numbers-emulator {__version__} ready in {startup_seconds * 1000:.0f} ms "
        f"(seed {config.seed}, validation {config.validation}/{config.validation_engine})",
        f"  sinch   {base}/sinch    (SDK: numbers_origin = auth_origin = {base}/sinch)",
    ]
    if config.sinch_port:
        lines.append(f"  sinch   http://{config.host}:{config.sinch_port}    (same surface at the root of its own port)")
    lines.append("  credentials:")
    for key in config.sinch_keys:
        lines.append(f"    sinch project {key.project_id}: key id {key.key_id}, secret {key.secret}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
