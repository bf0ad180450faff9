"""``contract compare``: replay recorded scenarios against the emulator and report, per operation,
how its answers differ from the recording, as LocalStack's parity snapshots do: status, the fields
present (JSON paths), their types, and error codes. Values are not compared (ids, numbers and
times differ by nature); an accepted-differences file lists the known ones, which are reported but
do not fail."""
from __future__ import annotations

import fnmatch
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .behaviour import run_scenario
from .cassettes import Sanitizer, load_cassettes
from .dialects import DIALECTS
from .scenarios import SCENARIOS
from .targets import Target

KINDS = ("status", "missing-field", "extra-field", "type", "error-code", "missing-call", "extra-call")


@dataclass(frozen=True)
class Difference:
    scenario: str
    operation: str
    kind: str  # one of KINDS
    path: str = ""  # JSON path of a field ($.a.b[].c)
    recorded: str = ""
    replayed: str = ""

    def describe(self) -> str:
        if self.kind == "status":
            return f"status: {self.recorded} recorded, {self.replayed} in the emulator"
        if self.kind == "missing-field":
            return f"{self.path}: in the recording ({self.recorded}), missing in the emulator"
        if self.kind == "extra-field":
            return f"{self.path}: in the emulator ({self.replayed}), not in the recording"
        if self.kind == "type":
            return f"{self.path}: {self.recorded} recorded, {self.replayed} in the emulator"
        if self.kind == "error-code":
            return f"error code: {self.recorded} recorded, {self.replayed} in the emulator"
        if self.kind == "missing-call":
            return "called in the recording, not by the emulator's run"
        return "called by the emulator's run, not in the recording"


@dataclass(frozen=True)
class Accepted:
    """One accepted difference: every key given must match (``path`` may use * and ?)."""

    kind: str | None = None
    operation: str | None = None
    path: str | None = None
    scenario: str | None = None
    provider: str | None = None
    reason: str = ""

    def matches(self, provider: str, difference: Difference) -> bool:
        return ((self.provider in (None, provider)) and (self.kind in (None, difference.kind))
                and (self.operation in (None, difference.operation)) and (self.scenario in (None, difference.scenario))
                and (self.path is None or fnmatch.fnmatchcase(difference.path, self.path)))


def load_accepted(path: Path) -> list[Accepted]:
    """A YAML list of mappings with any of provider, scenario, operation, kind, path, reason."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValueError(f"{path}: accepted differences are a YAML list of mappings")
    known = set(Accepted.__dataclass_fields__)
    for item in data:
        unknown = set(item) - known
        if unknown:
            raise ValueError(f"{path}: unknown keys {sorted(unknown)} (known: {sorted(known)})")
        if item.get("kind") not in (None, *KINDS):
            raise ValueError(f"{path}: kind {item['kind']!r} is not one of {', '.join(KINDS)}")
    return [Accepted(**item) for item in data]


@dataclass
class Comparison:
    provider: str
    base_url: str
    differences: list[Difference] = field(default_factory=list)
    accepted: list[tuple[Difference, Accepted]] = field(default_factory=list)
    scenarios: int = 0
    # scenarios that passed when recorded and fail on replay (informative: `contract run` judges them)
    failed_replays: list[str] = field(default_factory=list)

    @property
    def unaccepted(self) -> list[Difference]:
        taken = {id(d) for d, _ in self.accepted}
        return [d for d in self.differences if id(d) not in taken]

    def summary(self) -> str:
        lines = [f"contract compare: {self.provider}, {self.scenarios} recorded scenarios replayed at {self.base_url}"]
        reasons = {id(d): a for d, a in self.accepted}
        for operation in dict.fromkeys(d.operation for d in self.differences):
            lines.append(f"  {operation}:")
            for difference in (d for d in self.differences if d.operation == operation):
                accepted = reasons.get(id(difference))
                mark = f" [accepted{': ' + accepted.reason if accepted.reason else ''}]" if accepted else ""
                lines.append(f"    {difference.describe()} (scenario {difference.scenario}){mark}")
        lines += [f"replay failed (see contract run): {message}" for message in self.failed_replays]
        lines.append(f"result: {len(self.unaccepted)} differences, {len(self.accepted)} accepted"
                     + ("" if self.differences else " (identical)"))
        return "\n".join(lines)


def shape(value: Any, path: str = "$") -> dict[str, str]:
    """JSON path -> JSON type of every field; the items of a list are merged under ``[]`` (a
    field some items have and others lack is marked optional, with a trailing ``?`` on its type)."""
    found = {path: _type(value)}
    if isinstance(value, dict):
        for key, item in value.items():
            found.update(shape(item, f"{path}.{key}"))
    elif isinstance(value, list) and value:
        shapes = [shape(item, f"{path}[]") for item in value]
        every = set.intersection(*(set(s) for s in shapes))
        for one in shapes:
            for sub, kind in one.items():
                merged = set(found.get(sub, "").rstrip("?").split("|")) | set(kind.rstrip("?").split("|"))
                optional = sub not in every or kind.endswith("?") or found.get(sub, "").endswith("?")
                found[sub] = "|".join(sorted(merged - {""})) + ("?" if optional else "")
    return found


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", dict: "object", list: "array"}.get(type(value), type(value).__name__)


def compare_exchange(scenario: str, recorded: dict, replayed: dict, error_code: Any) -> list[Difference]:
    operation = recorded["operation"]
    found = []
    before, after = recorded["response"], replayed["response"]
    if before["status"] != after["status"]:
        found.append(Difference(scenario, operation, "status", recorded=str(before["status"]), replayed=str(after["status"])))
    old, new = shape(before["body"]), shape(after["body"])
    _drop_unknown_items(old, new)
    for path in sorted(old.keys() - new.keys()):
        if not old[path].endswith("?"):
            found.append(Difference(scenario, operation, "missing-field", path, recorded=old[path]))
    for path in sorted(new.keys() - old.keys()):
        if not new[path].endswith("?"):
            found.append(Difference(scenario, operation, "extra-field", path, replayed=new[path]))
    for path in sorted(old.keys() & new.keys()):
        if not _same_type(old[path], new[path]):
            found.append(Difference(scenario, operation, "type", path, recorded=old[path], replayed=new[path]))
    if before["status"] >= 400 or after["status"] >= 400:
        codes = (error_code(before["body"]), error_code(after["body"]))
        if codes[0] != codes[1]:
            found.append(Difference(scenario, operation, "error-code", recorded=str(codes[0]), replayed=str(codes[1])))
    return found


def _drop_unknown_items(old: dict[str, str], new: dict[str, str]) -> None:
    """What a list holds depends on the account (how many numbers it has), not on the contract: a
    list with no items on one side (empty, or omitted as Google-style APIs omit empty lists while
    the other side has items) says nothing of its items' fields, so their paths are forgotten on
    both sides."""
    def items(side: dict[str, str], path: str) -> bool:
        return f"{path}[]" in side

    arrays = {p for side in (old, new) for p, kind in side.items() if kind == "array"}
    for path in arrays:
        if items(old, path) and items(new, path):
            continue
        omitted_with_items = (path not in old and items(new, path)) or (path not in new and items(old, path))
        for side in (old, new):
            for key in [k for k in side if k.startswith(f"{path}[]") or (omitted_with_items and k == path)]:
                del side[key]


def _same_type(recorded: str, replayed: str) -> bool:
    """Types compared without null: a nullable field holding null on one side and a value on the
    other is a difference of values (state), not of types."""
    old, new = (set(kind.rstrip("?").split("|")) - {"null"} for kind in (recorded, replayed))
    return not old or not new or old == new


def compare_scenario(scenario: str, recorded: list[dict], replayed: list[dict], error_code: Any,
                     paged: str = "") -> list[Difference]:
    """Pairs the n-th call of each operation in both runs, then compares each pair. Consecutive
    calls of the ``paged`` (list) operation count as one: how many pages an account's list takes
    depends on what else the account holds, not on the contract."""
    def keyed(exchanges: list[dict]) -> dict[tuple[str, int], dict]:
        seen: Counter = Counter()
        result = {}
        previous = None
        for exchange in exchanges:
            follow_up = exchange["operation"] == previous == paged
            previous = exchange["operation"]
            if follow_up:
                continue
            seen[exchange["operation"]] += 1
            result[(exchange["operation"], seen[exchange["operation"]])] = exchange
        return result

    old, new = keyed(recorded), keyed(replayed)
    found = []
    for key in old:
        if key in new:
            found += compare_exchange(scenario, old[key], new[key], error_code)
        else:
            found.append(Difference(scenario, key[0], "missing-call"))
    found += [Difference(scenario, key[0], "extra-call") for key in new if key not in old]
    return found


def compare_with_cassettes(target: Target, directory: Path, accepted: list[Accepted]) -> Comparison:
    """Replay every cassette of ``target.provider`` in ``directory`` against ``target``."""
    dialect = DIALECTS[target.provider]
    by_name = {s.name: s for s in SCENARIOS}
    comparison = Comparison(target.provider, target.base_url)
    for recorded in load_cassettes(directory, target.provider):
        scenario = by_name.get(recorded["scenario"])
        if scenario is None:
            raise ValueError(f"cassette of an unknown scenario {recorded['scenario']!r}")
        run = run_scenario(target, scenario, dialect)
        if run.result.status == "failed" and recorded.get("outcome") == "passed":
            comparison.failed_replays.append(f"{run.result.operation}: {run.result.message.splitlines()[0]}")
        sanitizer = Sanitizer(target)
        replayed = [sanitizer.exchange(e) for e in run.exchanges]
        comparison.differences += compare_scenario(scenario.name, recorded["exchanges"], replayed, dialect.error_code,
                                                     dialect.operations.get("list", ""))
        comparison.scenarios += 1
    for difference in comparison.differences:
        rule = next((a for a in accepted if a.matches(target.provider, difference)), None)
        if rule is not None:
            comparison.accepted.append((difference, rule))
    return comparison
