"""``numbers-emulator``: serve the emulator (more commands arrive with the control API issue)."""
from __future__ import annotations

import time

import click

from . import __version__
from .config import (
    SERVERS,
    Config,
    parse_bearer_grants,
    parse_credentials,
    parse_platform_keys,
    parse_sinch_keys,
    parse_tenant_parents,
)
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
@click.option("--inventory", "inventory_file", type=click.Path(exists=True, dir_okay=False), help="Finite inventory file (JSON array or NDJSON).")
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
@click.option("--platform-keys", help="key:tenant:twilio_account_sid:signalwire_project_id[,...] (defaults in README).")
def serve(
    sinch_keys: str | None,
    twilio_credentials: str | None,
    signalwire_credentials: str | None,
    enfonica_tokens: str | None,
    wazo_users: str | None,
    wazo_tenant_parents: str | None,
    platform_keys: str | None,
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
    )
    from .serving import serve as run

    run(config, started)


if __name__ == "__main__":
    main()
