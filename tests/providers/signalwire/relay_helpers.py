"""Calls and assertions shared by the relay REST behaviour tests (``/signalwire/api/relay/rest``).

Helpers take the Flask test client explicitly; those that must succeed assert their status and say
which call failed.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from emulator.config import SIGNALWIRE_PROJECT_1, SIGNALWIRE_PROJECT_2
from tests.conftest import basic

BASE = "/signalwire/api/relay/rest/phone_numbers"
AUTH = basic(SIGNALWIRE_PROJECT_1, "test")
AUTH2 = basic(SIGNALWIRE_PROJECT_2, "test")


def search(client, auth=AUTH, **params: Any):
    return client.get(f"{BASE}/search", headers=auth, query_string={k: v for k, v in params.items() if v is not None})


def search_ok(client, auth=AUTH, **params: Any) -> list[dict]:
    response = search(client, auth, **params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["data"]


def free_numbers(client, count: int, **params: Any) -> list[str]:
    found = [n["e164"] for n in search_ok(client, max_results=count, **params)]
    assert len(found) == count, f"only {len(found)} free numbers for {params}"
    return found


def buy(client, number: str, auth=AUTH):
    return client.post(BASE, headers=auth, json={"number": number})


def buy_ok(client, number: str, auth=AUTH) -> dict:
    response = buy(client, number, auth)
    assert response.status_code == 200, (number, response.get_json())
    return response.get_json()


def retrieve(client, number_id: str, auth=AUTH):
    return client.get(f"{BASE}/{number_id}", headers=auth)


def update(client, number_id: str, body: Any, auth=AUTH):
    return client.put(f"{BASE}/{number_id}", headers=auth, json=body)


def release(client, number_id: str, auth=AUTH):
    return client.delete(f"{BASE}/{number_id}", headers=auth)


def list_numbers(client, auth=AUTH, **params: Any):
    return client.get(BASE, headers=auth, query_string={k: v for k, v in params.items() if v is not None})


def list_ok(client, auth=AUTH, **params: Any) -> dict:
    response = list_numbers(client, auth, **params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def follow(client, link: str, auth=AUTH) -> dict:
    """A ``links`` path as the API gave it (host-relative, without the emulator's /signalwire)."""
    assert link.startswith("/api/relay/rest/"), link
    response = client.get("/signalwire" + link, headers=auth)
    assert response.status_code == 200, (link, response.get_json())
    return response.get_json()


def all_pages(client, auth=AUTH, **params: Any) -> list[dict]:
    pages = [list_ok(client, auth, **params)]
    for _ in range(1000):
        link = pages[-1]["links"].get("next")
        if link is None:
            return pages
        pages.append(follow(client, link, auth))
    raise AssertionError("paging never ended")


def assert_invalid(response, *fields: str) -> str:
    """A 422 in the relay shape whose detail names every one of ``fields``; returns the detail."""
    assert response.status_code == 422, (response.status_code, response.data[:500])
    body = response.get_json()
    assert set(body) == {"errors"} and len(body["errors"]) == 1, body
    error = body["errors"][0]
    assert set(error) == {"detail", "status", "title", "code"}, error
    assert (error["status"], error["title"], error["code"]) == ("422", "Invalid Attribute", "422")
    for field in fields:
        assert field in error["detail"], (field, error["detail"])
    return error["detail"]


def assert_not_found(response) -> None:
    assert response.status_code == 404, (response.status_code, response.data[:500])
    assert response.get_json() == {"error": "Not Found"}


def owned_snapshot(world) -> dict[str, dict]:
    return {number: dataclasses.asdict(record) for number, record in world.owned.items()}
