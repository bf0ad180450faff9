"""``numbers-emulator fixtures``: generate provider-shaped fixture files (see :mod:`emulator.generation`)."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from .generation import FORMATS, PROVIDERS, GenerationError, generate, write

#: Runs of at least this many records show a progress bar (on stderr).
PROGRESS_FROM = 10_000


def _kinds_help() -> str:
    return "; ".join(f"{p}: {', '.join(kinds)}" for p, kinds in PROVIDERS.items())


@click.group()
def fixtures() -> None:
    """Fixture files: provider-shaped records of valid numbers."""


@fixtures.command()
@click.option("--provider", required=True, type=click.Choice(sorted(PROVIDERS), case_sensitive=False),
              help="Whose records to make.")
@click.option("--kind", required=True,
              help=f"What to make: 'available', 'owned', or a provider's own kind ({_kinds_help()}).")
@click.option("--region", "regions", default="US", show_default=True,
              help="ISO 3166 region(s), comma-separated; the records are spread evenly over them.")
@click.option("--type", "number_type", default="LOCAL", show_default=True, help="LOCAL | MOBILE | TOLL_FREE.")
@click.option("--count", default=100, show_default=True, type=click.IntRange(min=0), help="How many records.")
@click.option("--seed", default=1, show_default=True, type=int, help="The same seed gives the same file.")
@click.option("--format", "fmt", default="json", show_default=True, type=click.Choice(FORMATS), help="Output format.")
@click.option("--output", default="-", show_default=True, help="File to write ('-': stdout).")
def generate_command(provider: str, kind: str, regions: str, number_type: str, count: int, seed: int, fmt: str,
                     output: str) -> None:
    """Generate COUNT records: every number valid for its region and type, unique, seeded.
    Files of available numbers load back as the emulator's inventory (serve --inventory FILE)."""
    try:
        records: Iterable[dict[str, Any]] = generate(provider.lower(), kind, regions.split(","), number_type, count, seed)
        with click.open_file(output, "w", encoding="utf-8") as out:
            if count >= PROGRESS_FROM:
                with click.progressbar(length=count, label=f"{provider} {kind}", file=sys.stderr) as bar:
                    written = write(_ticking(records, bar), out, fmt)
                if bar.hidden:  # not a terminal: click wrote the label alone, with no line end
                    click.echo(err=True)
            else:
                written = write(records, out, fmt)
    except GenerationError as error:
        raise click.UsageError(str(error)) from None
    if output != "-":
        click.echo(f"{written} {provider} {kind} records -> {output}", err=True)


generate_command.name = "generate"


def _ticking(records: Iterable[dict[str, Any]], bar: Any, every: int = 1000) -> Iterator[dict[str, Any]]:
    pending = 0
    for record in records:
        yield record
        pending += 1
        if pending == every:
            bar.update(pending)
            pending = 0
    bar.update(pending)


__all__ = ["fixtures"]
