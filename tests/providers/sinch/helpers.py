"""Request helpers and assertions shared by the Sinch behaviour tests.

Every helper takes the Flask test client and the auth headers explicitly, so a test reads as the
sequence of API calls it makes. Helpers that must succeed assert their status themselves and say
which call failed.
"""
from __future__ import annotations

import dataclasses
import http.client
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from werkzeug.serving import make_server

PROJECT = "test-project"
PROJECT_2 = "test-project-2"
STATUS_WORDS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND"}


def base(project: str = PROJECT) -> str:
    return f"/sinch/v1/projects/{project}"


def _query(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Query items; a list value repeats the parameter (form style, explode)."""
    items: list[tuple[str, str]] = []
    for name, value in params.items():
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        items.extend((name, str(v)) for v in values)
    return items


# -- calls ------------------------------------------------------------------------------------------
def search(client, auth, project: str = PROJECT, **params: Any):
    """GET availableNumbers. Dotted names (numberPattern.pattern) go through ``params`` dicts:
    ``search(client, auth, **{"regionCode": "US", "numberPattern.pattern": "206"})``."""
    return client.get(f"{base(project)}/availableNumbers", headers=auth, query_string=_query(params))


def search_numbers(client, auth, project: str = PROJECT, **params: Any) -> list[str]:
    response = search(client, auth, project, **params)
    assert response.status_code == 200, response.get_json()
    return [n["phoneNumber"] for n in response.get_json()["availableNumbers"]]


def get_available(client, auth, number: str, project: str = PROJECT):
    return client.get(f"{base(project)}/availableNumbers/{number}", headers=auth)


def rent(client, auth, number: str, body: Any = None, project: str = PROJECT):
    if body is None:
        return client.post(f"{base(project)}/availableNumbers/{number}:rent", headers=auth)
    return client.post(f"{base(project)}/availableNumbers/{number}:rent", headers=auth, json=body)


def rent_ok(client, auth, number: str, body: Any = None, project: str = PROJECT) -> dict:
    response = rent(client, auth, number, body, project)
    assert response.status_code == 200, (number, response.get_json())
    return response.get_json()


def rent_any(client, auth, body: Any, project: str = PROJECT):
    return client.post(f"{base(project)}/availableNumbers:rentAny", headers=auth, json=body)


def list_active(client, auth, project: str = PROJECT, **params: Any):
    return client.get(f"{base(project)}/activeNumbers", headers=auth, query_string=_query(params))


def list_page(client, auth, project: str = PROJECT, **params: Any) -> dict:
    response = list_active(client, auth, project, **params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def listed_numbers(client, auth, project: str = PROJECT, **params: Any) -> list[str]:
    return [n["phoneNumber"] for n in list_page(client, auth, project, **params)["activeNumbers"]]


def get_active(client, auth, number: str, project: str = PROJECT):
    return client.get(f"{base(project)}/activeNumbers/{number}", headers=auth)


def update(client, auth, number: str, body: Any, project: str = PROJECT):
    return client.patch(f"{base(project)}/activeNumbers/{number}", headers=auth, json=body)


def release(client, auth, number: str, project: str = PROJECT):
    return client.post(f"{base(project)}/activeNumbers/{number}:release", headers=auth)


def regions(client, auth, types: Iterable[str] | None = None, project: str = PROJECT):
    return client.get(f"{base(project)}/availableRegions", headers=auth, query_string=_query({"types": types and list(types)}))


def token(client, headers: Mapping[str, str] | None = None, data: Any = None, **kwargs: Any):
    data = {"grant_type": "client_credentials"} if data is None else data
    return client.post("/sinch/oauth2/token", headers=dict(headers or {}), data=data, **kwargs)


# -- composite steps --------------------------------------------------------------------------------
def free_numbers(client, auth, region: str, number_type: str, count: int, capabilities: Iterable[str] = ()) -> list[str]:
    numbers = search_numbers(
        client, auth, regionCode=region, type=number_type, size=count, capabilities=list(capabilities) or None
    )
    assert len(numbers) == count, f"only {len(numbers)} free {region} {number_type} numbers"
    return numbers


def rent_numbers(client, auth, count: int, region: str = "US", number_type: str = "LOCAL", project: str = PROJECT) -> list[str]:
    """Rent ``count`` fresh numbers; returns them sorted (the list's default order)."""
    numbers = free_numbers(client, auth, region, number_type, count)
    for number in numbers:
        rent_ok(client, auth, number, project=project)
    return sorted(numbers)


def all_pages(client, auth, page_size: int, project: str = PROJECT, **params: Any) -> list[dict]:
    """Every page of a list, following nextPageToken until it is ""."""
    pages, token_value = [], None
    for _ in range(1000):
        page = list_page(client, auth, project, pageSize=page_size, pageToken=token_value, **params)
        pages.append(page)
        token_value = page["nextPageToken"]
        if token_value == "":
            return pages
    raise AssertionError("paging never ended")


# -- assertions -------------------------------------------------------------------------------------
def assert_sinch_error(
    response,
    status: int,
    word: str | None = None,
    field: str | None = None,
    resource: tuple[str, str] | None = None,
) -> dict:
    """``response`` is ``status`` in Sinch's error shape; optionally a BadRequest fieldViolation
    naming ``field`` (or one of its parts) and / or a ResourceInfo naming ``resource`` (type, name)."""
    assert response.status_code == status, (response.status_code, response.data[:500])
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "status", "details"}, error
    assert error["code"] == status
    assert isinstance(error["message"], str)
    assert error["status"] == (word or STATUS_WORDS.get(status, error["status"]))
    assert isinstance(error["details"], list)
    if field is not None:
        violations = [
            v["field"] for d in error["details"] if d.get("type") == "BadRequest" for v in d["fieldViolations"]
        ]
        # the field itself, or a part of it (capabilities -> capabilities.0)
        assert any(v == field or v.startswith(field + ".") for v in violations), (field, error)
    if resource is not None:
        infos = [(d["resourceType"], d["resourceName"]) for d in error["details"] if d.get("type") == "ResourceInfo"]
        assert resource in infos, (resource, error)
    return error


def owned_snapshot(world) -> dict[str, dict]:
    """The world's ownership state, comparable before and after a request."""
    return {number: dataclasses.asdict(record) for number, record in world.owned.items()}


def epoch(timestamp: str) -> float:
    """An RFC 3339 ``...Z`` timestamp as seconds since the epoch."""
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


# -- a real server ----------------------------------------------------------------------------------
@contextmanager
def serving(app) -> Iterator[tuple[str, int]]:
    """``app`` behind a real threaded HTTP server on a free port: yields (host, port)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.host, server.port
    finally:
        server.shutdown()
        thread.join(timeout=5)


def http_call(address: tuple[str, int], method: str, path: str, headers: Mapping[str, str], body: Any = None,
              chunked: bool = False) -> tuple[int, bytes]:
    """One request over its own connection; ``body`` bytes (or an iterable of chunks with ``chunked``)."""
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.request(method, path, body=body, headers=dict(headers), encode_chunked=chunked)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
