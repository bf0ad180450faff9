"""``contract record``: the behaviour scenarios' exchanges with a target, stored as sanitized JSON
cassettes (one file per scenario), for ``contract compare`` to hold the emulator to.

Sanitizing masks what must not sit in a repository and what differs between accounts and runs:
credentials (secret headers, token fields), the tenants' account ids and users, phone numbers,
SIDs and uuids, each consistently within a cassette (the same number is ``<number-1>`` throughout)."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .behaviour import ScenarioRun, run_behaviour
from .http import Exchange
from .targets import Target

FORMAT = 1
SECRET_KEYS = frozenset({"token", "access_token", "refresh_token", "secret", "password", "auth_token", "api_key"})
_PATTERNS = (
    ("number", re.compile(r"(?:\+|%2B)[1-9][0-9]{6,14}(?![0-9])")),
    ("national", re.compile(r"\(\d{3}\) \d{3}-\d{4}")),  # North American display form
    ("sid", re.compile(r"\b[A-Z]{2}[0-9a-f]{32}\b")),
    ("uuid", re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")),
)


class Sanitizer:
    """Masks one cassette's values, the same value always to the same mask."""

    def __init__(self, target: Target) -> None:
        self.fixed: dict[str, str] = {}
        for index, tenant in enumerate(target.tenants, start=1):
            for value, mask in ((tenant.account, f"<account-{index}>"), (tenant.user, f"<user-{index}>"),
                                (tenant.secret, "***")):
                if value and len(value) >= 4:  # short defaults ('test') would mask ordinary words
                    self.fixed.setdefault(value, mask)
        self.seen: dict[str, str] = {}

    def text(self, value: str) -> str:
        for secret, mask in sorted(self.fixed.items(), key=lambda item: -len(item[0])):
            value = value.replace(secret, mask)
        for kind, pattern in _PATTERNS:
            value = pattern.sub(lambda m, kind=kind: self._mask(kind, m.group(0)), value)
        return value

    def _mask(self, kind: str, value: str) -> str:
        key = value.replace("%2B", "+") if kind == "number" else value.lower()
        if key not in self.seen:
            count = sum(1 for mask in self.seen.values() if mask.startswith(f"<{kind}-"))
            self.seen[key] = f"<{kind}-{count + 1}>"
        return self.seen[key]

    def value(self, value: Any, key: str | None = None) -> Any:
        if key is not None and key.lower() in SECRET_KEYS and isinstance(value, str):
            return "***"
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(k): self.value(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value

    def exchange(self, exchange: Exchange) -> dict[str, Any]:
        return self.value(exchange.to_json())


def cassette(target: Target, run: ScenarioRun) -> dict[str, Any]:
    sanitizer = Sanitizer(target)
    return {
        "format": FORMAT,
        "provider": target.provider,
        "scenario": run.scenario.name,
        "outcome": run.result.status,
        "message": sanitizer.text(run.result.message),
        "exchanges": [sanitizer.exchange(e) for e in run.exchanges],
    }


def record_cassettes(target: Target, directory: Path, scenarios: Iterable[str] = ()) -> list[tuple[Path, str]]:
    """Run the scenarios and write ``<directory>/<provider>/<scenario>.json`` for each that ran;
    returns (file or scenario, outcome) per scenario."""
    folder = Path(directory) / target.provider
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for run in run_behaviour(target, scenarios):
        path = folder / f"{run.scenario.name}.json"
        if run.result.status == "skipped":
            written.append((path, "skipped"))
            continue
        path.write_text(json.dumps(cassette(target, run), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append((path, run.result.status))
    return written


def load_cassettes(directory: Path, provider: str) -> list[dict[str, Any]]:
    folder = Path(directory) / provider
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]
