"""The request journal: the last requests each surface answered, with their validation outcome, so a
test can assert "my app called X with Y" after the fact."""
from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

BODY_LIMIT = 4096  # characters of a request or response body kept per entry


@dataclass(frozen=True)
class Entry:
    id: int
    at: float  # the world's clock, epoch seconds
    provider: str  # surface name
    operation_id: str | None
    method: str
    path: str
    query: str
    request_body: bytes  # cut at BODY_LIMIT; decoded only when read
    status: int
    response_body: bytes
    request_problem: str | None  # why the request failed validation, if it did
    contract_problems: list[str] = field(default_factory=list)  # the response's breaches (warn mode)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "at": round(self.at * 1000), "provider": self.provider,
            "operationId": self.operation_id, "method": self.method, "path": self.path, "query": self.query,
            "requestBody": _text(self.request_body), "status": self.status, "responseBody": _text(self.response_body),
            "requestValid": self.request_problem is None, "requestProblem": self.request_problem,
            "contractProblems": list(self.contract_problems),
        }


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return text if len(text) <= BODY_LIMIT else text[:BODY_LIMIT] + "..."


class Journal:
    """The last ``size`` entries of each surface (one deque per surface)."""

    def __init__(self, size: int = 500) -> None:
        self.size = size
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._entries: dict[str, deque[Entry]] = {}

    def record(self, provider: str, operation_id: str | None, method: str, path: str, query: str,
               request_body: bytes, status: int, response_body: bytes, at: float,
               request_problem: str | None = None, contract_problems: Iterable[str] = ()) -> Entry:
        entry = Entry(next(self._ids), at, provider, operation_id, method, path, query, request_body[: BODY_LIMIT * 4],
                      status, response_body[: BODY_LIMIT * 4], request_problem, list(contract_problems))
        with self._lock:
            self._entries.setdefault(provider, deque(maxlen=self.size)).append(entry)
        return entry

    def entries(self, filters: Mapping[str, Any] | None = None, limit: int = 100) -> list[Entry]:
        """Newest first, matching every filter given: provider, operationId, method, status, path
        (a substring)."""
        filters = filters or {}
        with self._lock:
            everything = sorted((e for q in self._entries.values() for e in q), key=lambda e: e.id, reverse=True)
        wanted = []
        for entry in everything:
            if filters.get("provider") and entry.provider != filters["provider"]:
                continue
            if filters.get("operationId") and entry.operation_id != filters["operationId"]:
                continue
            if filters.get("method") and entry.method != filters["method"].upper():
                continue
            if filters.get("status") and entry.status != filters["status"]:
                continue
            if filters.get("path") and filters["path"] not in entry.path:
                continue
            wanted.append(entry)
            if len(wanted) == limit:
                break
        return wanted

    def clear(self, provider: str | None = None) -> int:
        with self._lock:
            if provider is None:
                count = sum(len(q) for q in self._entries.values())
                self._entries.clear()
                return count
            return len(self._entries.pop(provider, ()))
