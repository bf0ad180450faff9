"""One HTTP attempt at a webhook, with the standard library only: the allow-list (loopback unless
told otherwise), a real socket timeout, redirects followed (re-checked against the allow-list), and
what the handler answered. Never called inside the world's lock: a handler may call the emulator."""
from __future__ import annotations

import http.client
import ipaddress
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

RESPONSE_LIMIT = 4096  # characters of a handler's answer kept
MAX_REDIRECTS = 5

# Attempt outcomes
ANSWERED = "answered"  # a 2xx
HTTP_ERROR = "http_error"  # any other status
TIMEOUT = "timeout"
CONNECTION_ERROR = "connection_error"
REFUSED = "refused"  # the host is not allowed (loopback only, unless allow-listed)
NOT_HTTP = "not_http"  # a sip: / tel: handler: the emulator places no SIP or PSTN calls


@dataclass(frozen=True)
class HttpRequest:
    url: str
    method: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Answer:
    outcome: str
    status: int | None = None
    body: str = ""
    content_type: str = ""
    error: str | None = None
    duration_ms: int = 0
    url: str = ""  # where it was finally answered (after redirects)


@dataclass(frozen=True)
class Policy:
    timeout_seconds: float = 15.0
    allow_hosts: tuple[str, ...] = ()  # beyond loopback; "*" allows every host

    def allows(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        if not host:
            return False
        if host == "localhost" or "*" in self.allow_hosts or host in self.allow_hosts:
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False


def send(request: HttpRequest, policy: Policy) -> Answer:
    """Make ``request``; the answer says what happened, never raises for the handler's failures."""
    started = time.perf_counter()
    url, method, body = request.url, request.method, request.body
    for _ in range(MAX_REDIRECTS + 1):
        if not policy.allows(url):
            return Answer(REFUSED, error=f"{urlsplit(url).hostname or url} is not an allowed webhook host "
                                         "(loopback only; see --webhook-allow-host)", url=url)
        try:
            status, headers, raw = _exchange(url, method, request.headers, body, policy.timeout_seconds)
        except TimeoutError:
            return Answer(TIMEOUT, error=f"no answer within {policy.timeout_seconds:g} s",
                          duration_ms=_since(started), url=url)
        except (OSError, http.client.HTTPException, ValueError) as error:
            return Answer(CONNECTION_ERROR, error=f"{type(error).__name__}: {error}"[:500],
                          duration_ms=_since(started), url=url)
        location = headers.get("location")
        if status in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location)
            if status == 303 or (status in (301, 302) and method == "POST"):
                method, body = "GET", b""
            continue
        text = raw.decode("utf-8", "replace")
        text = text if len(text) <= RESPONSE_LIMIT else text[:RESPONSE_LIMIT] + "..."
        return Answer(ANSWERED if 200 <= status < 300 else HTTP_ERROR, status, text, headers.get("content-type", ""),
                      None if 200 <= status < 300 else f"HTTP {status}", _since(started), url)
    return Answer(HTTP_ERROR, error=f"more than {MAX_REDIRECTS} redirects", duration_ms=_since(started), url=url)


def _exchange(url: str, method: str, headers: dict[str, str], body: bytes, timeout: float) -> tuple[int, dict, bytes]:
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = {"User-Agent": "numbers-emulator-webhooks", **headers}
        connection.request(method, path, body=body or None, headers=sent)
        response = connection.getresponse()
        raw = response.read(RESPONSE_LIMIT * 4)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, raw
    finally:
        connection.close()


def _since(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
