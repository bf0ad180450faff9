"""``numbers-emulator``: serve the emulator; ``specs``, ``fixtures`` and ``contract`` (lazy)."""
from __future__ import annotations

import importlib
import time

import click

from . import __version__
from .config import (
    SERVERS,
    Config,
    parse_bearer_grants,
    parse_credentials,
    parse_hosts,
    parse_platform_keys,
    parse_sinch_keys,
    parse_tenant_parents,
)
from .validation import ENGINES, MODES


def _env(name: str) -> str:
    return f"NUMBERS_EMULATOR_{name.upper()}"


class LazyGroup(click.Group):
    """Commands whose modules are imported only when called: ``fixtures`` brings every provider's
    shapes (a quarter of a second), ``contract`` schemathesis' engine, which ``serve`` must not pay
    at start-up."""

    LAZY = {"fixtures": ("emulator.cli_fixtures", "fixtures"), "contract": ("emulator.cli_contract", "contract")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY:
            module, attribute = self.LAZY[name]
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="numbers-emulator")
def main() -> None:
    """A local, stateful fake of telephony providers' phone-number APIs."""


@main.command()
@click.option("--host", help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port of every surface under its prefix (default 6862).")
@click.option("--sinch-port", type=int, help="Also serve Sinch at the root of this port.")
@click.option("--twilio-port", type=int, help="Also serve Twilio at the root of this port.")
@click.option("--signalwire-port", type=int, help="Also serve SignalWire at the root of this port.")
@click.option("--enfonica-port", type=int, help="Also serve Enfonica at the root of this port.")
@click.option("--wazo-port", type=int, help="Also serve Wazo at the root of this port.")
@click.option("--platform-port", type=int, help="Also serve the platform API at the root of this port.")
@click.option("--platform-pending-seconds", type=float, help="A platform purchase: PENDING -> PROCESSING (default 1).")
@click.option("--platform-processing-seconds", type=float, help="A platform purchase: PROCESSING -> COMPLETED (default 2).")
@click.option("--port-in-seconds", type=float, help="How long a ported-in number stays PENDING (default 60).")
@click.option("--seed", type=int, help="Seed of the virtual world (default 1).")
@click.option("--density", type=float, help="Share of valid numbers on offer (default 0.5).")
@click.option("--inventory", "inventory_file", type=click.Path(exists=True, dir_okay=False), help="Finite inventory file (JSON array, NDJSON or CSV; e.g. from `fixtures generate`).")
@click.option("--validation", type=click.Choice(MODES), help="strict (default) | warn | off.")
@click.option("--validation-engine", type=click.Choice(sorted(ENGINES)), help="fast (default) | openapi-core.")
@click.option("--server", type=click.Choice(SERVERS), help="WSGI server: granian (default) | waitress.")
@click.option("--threads", type=int, help="Python threads running requests (default 1: fastest, see README).")
@click.option("--frozen-clock/--running-clock", default=None, help="Start with the virtual clock frozen.")
@click.option("--sinch-keys", help="key_id:secret:project_id[,...] (default test-key:test:test-project,test-key-2:test:test-project-2).")
@click.option("--twilio-credentials", help="sid:secret[:account_sid][,...]: account SID + auth token, or API key SID + secret + account (defaults in README).")
@click.option("--signalwire-credentials", help="project_id:token[,...] (defaults in README).")
@click.option("--enfonica-tokens", help="token:project[+project...][,...] (default test:test-project+test-project-2,test-2:test-project-2).")
@click.option("--wazo-users", help="user:password:tenant_uuid[,...] (defaults in README).")
@click.option("--wazo-tenant-parents", help="sub_tenant_uuid:parent_tenant_uuid[,...] (default none).")
@click.option("--state", "state_file", type=click.Path(dir_okay=False), help="Snapshot file: the world is restored from it at start (if it exists) and saved to it at shutdown.")
@click.option("--platform-keys", help="key:tenant:twilio_account_sid:signalwire_project_id[,...] (defaults in README).")
@click.option("--webhook-allow-host", "webhook_allow_hosts", multiple=True, help="A host (or comma list) webhooks may reach beyond loopback; '*' for any. Repeatable.")
@click.option("--webhook-timeout-seconds", type=float, help="Seconds a webhook attempt waits for an answer (default 15).")
@click.option("--webhook-signing-key", help="Signs SignalWire and Enfonica webhooks and Sinch number events (default test).")
def serve(
    sinch_keys: str | None,
    twilio_credentials: str | None,
    signalwire_credentials: str | None,
    enfonica_tokens: str | None,
    wazo_users: str | None,
    wazo_tenant_parents: str | None,
    platform_keys: str | None,
    webhook_allow_hosts: tuple[str, ...],
    **options,
) -> None:
    """Start the emulator with a production WSGI server, all state in one process."""
    started = time.perf_counter()
    config = Config.from_env(
        **options,
        sinch_keys=parse_sinch_keys(sinch_keys) if sinch_keys else None,
        twilio_credentials=parse_credentials(twilio_credentials) if twilio_credentials else None,
        signalwire_credentials=parse_credentials(signalwire_credentials) if signalwire_credentials else None,
        enfonica_tokens=parse_bearer_grants(enfonica_tokens) if enfonica_tokens else None,
        wazo_users=parse_credentials(wazo_users) if wazo_users else None,
        wazo_tenant_parents=parse_tenant_parents(wazo_tenant_parents) if wazo_tenant_parents else None,
        platform_keys=parse_platform_keys(platform_keys) if platform_keys else None,
        webhook_allow_hosts=parse_hosts(",".join(webhook_allow_hosts)) if webhook_allow_hosts else None,
    )
    if config.state_file:
        config = _settings_of_state_file(config, options)
    from .serving import serve as run

    run(config, started)


def _settings_of_state_file(config: Config, options: dict) -> Config:
    """The state file's world needs the seed and density it was written with: taken from the file
    unless given (then they must agree)."""
    import os

    from .state_file import StateFileError, defining_settings, read

    try:
        data = read(config.state_file)
    except StateFileError as error:
        raise click.UsageError(str(error)) from None
    if data is None:
        return config
    settings = defining_settings(data)
    for name, value in settings.items():
        given = options.get(name) is not None or os.environ.get(_env(name))
        if given and getattr(config, name) != value:
            raise click.UsageError(f"{config.state_file} was written with --{name} {value}, not {getattr(config, name)}: "
                                   f"leave --{name} out to use the file's, or move the file away to start afresh")
    return config.with_changes(**settings)


@main.group()
def specs() -> None:
    """The bundled OpenAPI specs (the contract of every surface)."""


@specs.command("list")
def specs_list() -> None:
    """Name, title and file of every bundled spec."""
    from .specs import load_spec, spec_names, spec_path

    for name in spec_names():
        click.echo(f"{name:<18} {load_spec(name)['info']['title']}  ({spec_path(name)})")


@specs.command("export")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.option("--output", default="-", show_default=True, help="File to write ('-': stdout).")
def specs_export(name: str, fmt: str, output: str) -> None:
    """Write the spec NAME (see `specs list`) as YAML (as bundled) or JSON."""
    import json

    from .specs import load_spec, spec_names, spec_path

    if name not in spec_names():
        raise click.BadParameter(f"no spec {name!r}; bundled: {', '.join(spec_names())}", param_hint="NAME")
    text = spec_path(name).read_text() if fmt == "yaml" else json.dumps(load_spec(name), indent=2) + "\n"
    if output == "-":
        click.echo(text, nl=False)
    else:
        with click.open_file(output, "w", atomic=True) as out:
            out.write(text)


if __name__ == "__main__":
    main()
