"""Injected faults: rules that make matching requests fail in the provider's own error shape (a
Twilio 20429, a Sinch 503), answer late, or drop the connection. A rule matches by provider, operation id, path and
tenant, fires with a probability (seeded, so a run repeats) and/or a number of times, and counts
how often it fired."""
from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from werkzeug.exceptions import HTTPException

from ..core.errors import InvalidArgument
from ..surface import DropConnection


class InjectedFault(HTTPException):
    """An error a fault rule makes the surface answer. Each provider renders HTTP errors in its own
    shape; ``provider_code`` carries a provider error code where it has them (Twilio's 20429)."""

    def __init__(self, status: int, message: str, provider_code: int | None = None) -> None:
        super().__init__(description=message)
        self.code = status
        self.provider_code = provider_code


@dataclass
class FaultRule:
    id: str
    provider: str | None = None
    operation_id: str | None = None
    path: str | None = None  # a regular expression searched in the request path
    tenant: str | None = None  # as the path names it: an AccountSid, a project, ...
    probability: float = 1.0
    count: int | None = None  # fire at most this many times (None: no limit)
    status: int | None = None  # answer this status; None with latency only: just delay
    code: int | None = None  # the provider's error code, where it has them
    message: str = "Injected fault"
    latency_ms: int = 0
    drop: bool = False  # end the connection after the headers instead of answering
    fired: int = 0
    _pattern: re.Pattern | None = field(default=None, repr=False)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "provider": self.provider, "operationId": self.operation_id, "path": self.path,
                "tenant": self.tenant, "probability": self.probability, "count": self.count, "status": self.status,
                "code": self.code, "message": self.message, "latencyMs": self.latency_ms, "drop": self.drop,
                "fired": self.fired}

    def matches(self, provider: str, operation_id: str, path: str, tenants: tuple[str, ...]) -> bool:
        if self.count is not None and self.fired >= self.count:
            return False
        if self.provider and not (provider == self.provider or provider.startswith(self.provider + "-")):
            return False
        if self.operation_id and operation_id != self.operation_id:
            return False
        if self._pattern is not None and not self._pattern.search(path):
            return False
        return not self.tenant or self.tenant in tenants


TENANT_PARAMS = ("AccountSid", "projectId", "project")


class Faults:
    def __init__(self, seed: int = 1) -> None:
        self._lock = threading.Lock()
        self._rules: dict[str, FaultRule] = {}
        self._next = 1
        self._random = random.Random(seed)

    def add(self, spec: Mapping[str, Any]) -> FaultRule:
        """A rule from the control API's JSON (already schema-checked); regexes are checked here."""
        pattern = None
        if spec.get("path"):
            try:
                pattern = re.compile(spec["path"])
            except re.error as error:
                raise InvalidArgument("path", f"path is not a regular expression: {error}") from None
        if spec.get("status") is None and not spec.get("latencyMs") and not spec.get("drop"):
            raise InvalidArgument("status", "a fault needs a status to answer, a latencyMs to add, or drop: true")
        if spec.get("drop") and spec.get("status") is not None:
            raise InvalidArgument("drop", "a dropped connection answers no status: give drop or status, not both")
        with self._lock:
            rule = FaultRule(
                id=f"fault-{self._next}", provider=spec.get("provider"), operation_id=spec.get("operationId"),
                path=spec.get("path"), tenant=spec.get("tenant"), probability=spec.get("probability", 1.0),
                count=spec.get("count"), status=spec.get("status"), code=spec.get("code"),
                message=spec.get("message") or "Injected fault", latency_ms=spec.get("latencyMs", 0),
                drop=bool(spec.get("drop")), _pattern=pattern,
            )
            self._next += 1
            self._rules[rule.id] = rule
            return rule

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules.values())

    def remove(self, rule_id: str) -> FaultRule | None:
        with self._lock:
            return self._rules.pop(rule_id, None)

    def clear(self) -> int:
        with self._lock:
            count = len(self._rules)
            self._rules.clear()
            return count

    def intercept(self, provider: str, operation_id: str, path: str, path_params: Mapping[str, str]) -> None:
        """Apply the first matching rule that fires: sleep its latency, raise its error. Runs on
        every provider request: with no rules (the usual case) it returns before any work."""
        if not self._rules:
            return
        tenants = tuple(v for k, v in path_params.items() if k in TENANT_PARAMS)
        with self._lock:
            rule = next((r for r in self._rules.values() if r.matches(provider, operation_id, path, tenants)
                         and (r.probability >= 1 or self._random.random() < r.probability)), None)
            if rule is None:
                return
            rule.fired += 1
            latency, status, message, code, drop = rule.latency_ms, rule.status, rule.message, rule.code, rule.drop
        if latency:
            time.sleep(latency / 1000)
        if drop:
            raise DropConnection()
        if status is not None:
            raise InjectedFault(status, message, code)
