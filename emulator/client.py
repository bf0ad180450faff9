"""A small client of the emulator's control API (``/_emulator``), for tests and the pytest plugin.

    from emulator.client import ControlClient
    control = ControlClient("http://127.0.0.1:6862")
    control.reset(provider="twilio", tenant="AC00000000000000000000000000000001")
    rule = control.add_fault(provider="twilio", status=429, code=20429, count=1)
    control.advance(60)                      # pending transitions fire
    saved = control.snapshot(); ...; control.restore(saved)   # back to exactly that world
    calls = control.journal(provider="twilio", method="POST")

Only the standard library: it works wherever the emulator's package is installed.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

PREFIX = "/_emulator"


class ControlError(Exception):
    """The control API refused a call; ``status``, ``message`` and ``field`` say why."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(f"{status}: {message}" + (f" ({field})" if field else ""))
        self.status, self.message, self.field = status, message, field


class ControlClient:
    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _call(self, method: str, path: str, body: dict | None = None, query: dict | None = None) -> Any:
        url = self.base_url + PREFIX + path
        params = {k: v for k, v in (query or {}).items() if v is not None}
        if params:
            url += "?" + urllib.parse.urlencode(params)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data is not None else {})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            payload = json.loads(error.read() or b"{}").get("error", {})
            raise ControlError(error.code, payload.get("message", error.reason), payload.get("field")) from None
        return json.loads(raw) if raw else None

    # -- state -------------------------------------------------------------------------------------
    def health(self) -> dict:
        return self._call("GET", "/health")

    def reset(self, provider: str | None = None, tenant: str | None = None) -> dict:
        """Everything (no arguments), one provider's tenants, or one tenant of a provider."""
        body = {k: v for k, v in (("provider", provider), ("tenant", tenant)) if v is not None}
        return self._call("POST", "/reset", body)

    def load_inventory(self, path: str) -> int:
        return self._call("POST", "/inventory", {"path": str(path)})["numbers"]

    def snapshot(self) -> dict:
        """The whole world as a JSON document (``restore`` it later, or save it for ``serve --state``)."""
        return self._call("GET", "/snapshot")

    def restore(self, snapshot: dict) -> dict:
        """Replace the world by ``snapshot``, all or nothing; returns counts of what it holds."""
        return self._call("PUT", "/snapshot", snapshot)["restored"]

    # -- clock -------------------------------------------------------------------------------------
    def clock(self) -> dict:
        return self._call("GET", "/clock")

    def freeze(self, at_ms: int | None = None) -> dict:
        return self._call("POST", "/clock:freeze", {} if at_ms is None else {"at": at_ms})

    def unfreeze(self) -> dict:
        return self._call("POST", "/clock:unfreeze")

    def advance(self, seconds: float) -> dict:
        return self._call("POST", "/clock:advance", {"seconds": seconds})

    def set_clock(self, at_ms: int) -> dict:
        return self._call("POST", "/clock:set", {"at": at_ms})

    # -- faults ------------------------------------------------------------------------------------
    def add_fault(self, **rule: Any) -> dict:
        """A rule (provider, operationId, path, tenant, probability, count, status, code, message,
        latencyMs); ``operation_id=`` and ``latency_ms=`` are accepted too."""
        renames = {"operation_id": "operationId", "latency_ms": "latencyMs"}
        return self._call("POST", "/faults", {renames.get(k, k): v for k, v in rule.items() if v is not None})

    def faults(self) -> list[dict]:
        return self._call("GET", "/faults")["faults"]

    def remove_fault(self, rule_id: str) -> None:
        self._call("DELETE", f"/faults/{rule_id}")

    def clear_faults(self) -> int:
        return self._call("DELETE", "/faults")["removed"]

    # -- journal -----------------------------------------------------------------------------------
    def journal(self, provider: str | None = None, operation_id: str | None = None, method: str | None = None,
                status: int | None = None, path: str | None = None, limit: int = 100) -> list[dict]:
        """Recorded requests, newest first."""
        query = {"provider": provider, "operationId": operation_id, "method": method, "status": status,
                 "path": path, "limit": limit}
        return self._call("GET", "/journal", query=query)["entries"]

    def clear_journal(self, provider: str | None = None) -> int:
        return self._call("DELETE", "/journal", query={"provider": provider})["removed"]

    # -- inbound traffic ---------------------------------------------------------------------------
    def send_sms(self, sender: str, to: str, body: str = "", media_urls: list[str] | None = None,
                 wait: bool = True) -> dict:
        """An incoming message from ``sender`` to the owned number ``to``: the delivery, with every
        attempt (raises ControlError 404 for an unowned number, 409 when it has no handler).
        ``wait=False``: returned at once (outcome ``pending``), made in the background; read it
        back with ``delivery(id)`` (for handlers that call the emulator back)."""
        message = {"from": sender, "to": to, "body": body, "wait": wait}
        if media_urls:
            message["mediaUrls"] = list(media_urls)
        return self._call("POST", "/inbound/messages", message)

    def call(self, sender: str, to: str, wait: bool = True) -> dict:
        """An incoming call from ``sender`` to ``to``: the delivery of its webhooks."""
        return self._call("POST", "/inbound/calls", {"from": sender, "to": to, "wait": wait})

    def deliveries(self, surface: str | None = None, number: str | None = None, kind: str | None = None,
                   limit: int = 100) -> list[dict]:
        """Inbound deliveries (messages, calls, Sinch number events), newest first."""
        query = {"surface": surface, "number": number, "kind": kind, "limit": limit}
        return self._call("GET", "/inbound/deliveries", query=query)["deliveries"]

    def delivery(self, delivery_id: str) -> dict:
        return self._call("GET", f"/inbound/deliveries/{delivery_id}")
