"""HTTP for the behaviour scenarios: one session per tenant, every exchange kept (for failure
messages and cassettes), labelled with the provider's operation."""
from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from typing import Any

import requests

TIMEOUT = 30.0


@dataclass
class Exchange:
    """One request and its answer, as a cassette stores it."""

    operation: str  # the provider's operationId
    method: str
    url: str
    request_body: Any
    status: int
    response_body: Any  # parsed JSON, else the text ('' when empty)
    request_headers: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"operation": self.operation, "request": {"method": self.method, "url": self.url,
                                                         "headers": self.request_headers, "body": self.request_body},
                "response": {"status": self.status, "body": self.response_body}}

    def curl(self) -> str:
        """A curl line that repeats the request, credentials masked (for CI logs)."""
        parts = ["curl", "-X", self.method]
        for name, value in self.request_headers.items():
            parts += ["-H", f"{name}: {value}"]
        if self.request_body is not None:
            body = self.request_body if isinstance(self.request_body, str) else json.dumps(self.request_body)
            parts += ["-d", body]
        parts.append(self.url)
        return " ".join(shlex.quote(p) for p in parts)


@dataclass
class Reply:
    status: int
    body: Any
    exchange: Exchange

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def short(body: Any, limit: int = 300) -> str:
    """A body for a one-line message."""
    text = body if isinstance(body, str) else repr(body)
    return text if len(text) <= limit else text[:limit] + "..."


SECRET_HEADERS = frozenset({"authorization", "x-auth-token"})


class Http:
    """Requests to one base URL as one tenant. ``auth`` and ``headers`` are what the dialect chose
    (Basic, a bearer token, X-Auth-Token); ``journal`` collects every exchange."""

    def __init__(self, base_url: str, journal: list[Exchange], auth: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.journal = journal
        self.session = requests.Session()
        self.session.auth = auth
        self.session.headers.update(headers or {})

    def call(self, operation: str, method: str, path: str, *, params: dict | None = None,
             json_body: Any = None, form: dict | None = None) -> Reply:
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        response = self.session.request(method, url, params=params, json=json_body, data=form, timeout=TIMEOUT)
        sent = response.request
        headers = {k: ("***" if k.lower() in SECRET_HEADERS else v) for k, v in sent.headers.items()
                   if k.lower() in SECRET_HEADERS or k.lower() == "content-type"}
        body: Any = response.text
        if response.content:
            try:
                body = response.json()
            except ValueError:
                pass
        request_body = json_body if json_body is not None else (dict(form) if form is not None else None)
        exchange = Exchange(operation, method, sent.url or url, request_body, response.status_code, body, headers)
        self.journal.append(exchange)
        return Reply(response.status_code, body, exchange)
