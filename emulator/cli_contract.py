"""``numbers-emulator contract``: the contract harness (``contracts/harness``) from the command line.

Imported only when ``contract`` is called (see LazyGroup): it brings schemathesis' engine."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from contracts.harness.targets import PROVIDERS, Target, detect_emulator, tenants_from

ENV = "NUMBERS_CONTRACT_"


def _credential_options(function):
    """--user/--secret/--account for the first tenant, and -2 for the second (isolation checks)."""
    for suffix, who in (("-2", "the second tenant"), ("", "the tenant that acts")):
        env_suffix = suffix.replace("-", "_")
        function = click.option(f"--account{suffix}", envvar=f"{ENV}ACCOUNT{env_suffix}",
                                help=f"Account id of {who} (project id, account SID, tenant uuid).")(function)
        function = click.option(f"--secret{suffix}", envvar=f"{ENV}SECRET{env_suffix}",
                                help=f"Secret of {who} (key secret, auth token, password, bearer token, API key).")(function)
        function = click.option(f"--user{suffix}", envvar=f"{ENV}USER{env_suffix}",
                                help=f"User of {who} (key id, account or API key SID, project id, user name).")(function)
    return function


def _target_options(function):
    function = _credential_options(function)
    function = click.option("--emulator/--not-emulator", "is_emulator", default=None,
                            help="Whether the target is the emulator (default: asks GET /_emulator/health).")(function)
    function = click.option("--allow-charges", is_flag=True, envvar=f"{ENV}ALLOW_CHARGES",
                            help="Let scenarios buy and rent numbers on a real provider (they release them after).")(function)
    function = click.option("--base-url", required=True, envvar=f"{ENV}BASE_URL",
                            help="The provider's root as its SDK uses it "
                                 "(the emulator: http://127.0.0.1:6862/<provider>).")(function)
    function = click.option("--provider", required=True, type=click.Choice(PROVIDERS), envvar=f"{ENV}PROVIDER")(function)
    return function


def _target(provider: str, base_url: str, allow_charges: bool, is_emulator: bool | None,
            **credentials: str | None) -> Target:
    first = {k: credentials.get(k) for k in ("user", "secret", "account")}
    second = {k: credentials.get(f"{k}_2") for k in ("user", "secret", "account")}
    emulator = detect_emulator(base_url) if is_emulator is None else is_emulator
    return Target(provider, base_url.rstrip("/"), tenants_from(provider, first, second), emulator, allow_charges)


@click.group()
def contract() -> None:
    """Check a provider's contract at any base URL: the emulator, or the real provider."""


@contract.command("run")
@_target_options
@click.option("--suite", type=click.Choice(["schema", "behaviour", "all"]), default="all", show_default=True)
@click.option("--examples", type=int, default=10, show_default=True, envvar=f"{ENV}EXAMPLES",
              help="schemathesis examples per operation and phase.")
@click.option("--seed", type=int, help="schemathesis seed (repeat a run).")
@click.option("--phases", default="examples,coverage,fuzzing,stateful", show_default=True,
              help="schemathesis phases to run (comma-separated).")
@click.option("--operation", "operations", multiple=True, help="Only these operationIds in the schema suite (repeatable).")
@click.option("--scenario", "scenarios", multiple=True, help="Only these behaviour scenarios (repeatable).")
@click.option("--junit", type=click.Path(dir_okay=False, path_type=Path), help="Write JUnit XML here.")
def run(provider: str, base_url: str, allow_charges: bool, is_emulator: bool | None, suite: str, examples: int,
        seed: int | None, phases: str, operations: tuple[str, ...], scenarios: tuple[str, ...], junit: Path | None,
        **credentials: str | None) -> None:
    """Run the schema suite, the behaviour suite or both; exit 1 on any failure."""
    from contracts.harness.runner import run_contract
    from contracts.harness.schema_config import PHASES

    chosen = [p.strip() for p in phases.split(",") if p.strip()]
    unknown = set(chosen) - set(PHASES)
    if unknown or not chosen:
        raise click.BadParameter(f"phases are among {', '.join(PHASES)}", param_hint="--phases")
    target = _target(provider, base_url, allow_charges, is_emulator, **credentials)
    report = run_contract(target, suite, examples, seed, operations, scenarios, chosen)
    click.echo(report.summary())
    if junit:
        report.write_junit(junit)
    sys.exit(1 if report.failed else 0)


@contract.command("record")
@_target_options
@click.option("--cassettes", "directory", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory of the cassette files (one JSON file per scenario).")
@click.option("--scenario", "scenarios", multiple=True, help="Only these scenarios (repeatable).")
def record(provider: str, base_url: str, allow_charges: bool, is_emulator: bool | None, directory: Path,
           scenarios: tuple[str, ...], **credentials: str | None) -> None:
    """Run the behaviour scenarios against a target and store their exchanges, sanitized."""
    from contracts.harness.cassettes import record_cassettes

    target = _target(provider, base_url, allow_charges, is_emulator, **credentials)
    written = record_cassettes(target, directory, scenarios)
    for path, status in written:
        click.echo(f"{status:<8} {path}")
    sys.exit(1 if any(status == "failed" for _, status in written) else 0)


@contract.command("compare")
@_target_options
@click.option("--cassettes", "directory", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--accept", "accept_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              envvar=f"{ENV}ACCEPT", help="YAML file of accepted differences (they are reported, not failed).")
def compare(provider: str, base_url: str, allow_charges: bool, is_emulator: bool | None, directory: Path,
            accept_file: Path | None, **credentials: str | None) -> None:
    """Replay the recorded scenarios against BASE_URL (the emulator) and report, per operation, how
    its answers differ from the recording; exit 1 on any difference not accepted."""
    from contracts.harness.compare import compare_with_cassettes, load_accepted

    target = _target(provider, base_url, allow_charges, is_emulator, **credentials)
    accepted = load_accepted(accept_file) if accept_file else []
    result = compare_with_cassettes(target, directory, accepted)
    if not result.scenarios:
        raise click.ClickException(f"no cassettes of {provider} in {directory / provider}: record them first")
    click.echo(result.summary())
    sys.exit(1 if result.unaccepted else 0)


