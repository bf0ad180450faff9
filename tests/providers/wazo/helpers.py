"""Calls and assertions shared by the Wazo behaviour tests (``/wazo/api/auth/0.1``, ``/wazo/api/confd/1.1``).

Helpers take the Flask test client explicitly; those that must succeed assert their status and say
which call failed.
"""
from __future__ import annotations

from typing import Any

from emulator.config import WAZO_TENANT_1, WAZO_TENANT_2
from tests.conftest import basic

TOKEN_URL = "/wazo/api/auth/0.1/token"
NUMBERS = "/wazo/api/confd/1.1/phone-numbers"
RANGES = f"{NUMBERS}/ranges"
MAIN = f"{NUMBERS}/main"
HREF = "http://localhost" + NUMBERS  # the test client's host, then the surface's prefix
USER_1 = basic("test", "test")  # tenant 1
USER_2 = basic("test-2", "test")  # tenant 2
TENANT_1, TENANT_2 = WAZO_TENANT_1, WAZO_TENANT_2
UNKNOWN = "99999999-9999-4999-9999-999999999999"


def login(client, auth=USER_1, **body: Any):
    return client.post(TOKEN_URL, headers=auth, json=body)


def token(client, auth=USER_1, **body: Any) -> str:
    response = login(client, auth, **body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["data"]["token"]


def confd(token_value: str, tenant: str | None = None) -> dict[str, str]:
    """wazo-confd's headers: the token, and a Wazo-Tenant when given."""
    return {"X-Auth-Token": token_value, **({"Wazo-Tenant": tenant} if tenant else {})}


def create(client, headers: dict[str, str], **body: Any):
    return client.post(NUMBERS, headers=headers, json=body)


def create_ok(client, headers: dict[str, str], number: str, **body: Any) -> dict:
    response = create(client, headers, number=number, **body)
    assert response.status_code == 201, (number, response.get_json())
    return response.get_json()


def get(client, headers: dict[str, str], number_uuid: str):
    return client.get(f"{NUMBERS}/{number_uuid}", headers=headers)


def update(client, headers: dict[str, str], number_uuid: str, body: Any):
    return client.put(f"{NUMBERS}/{number_uuid}", headers=headers, json=body)


def delete(client, headers: dict[str, str], number_uuid: str):
    return client.delete(f"{NUMBERS}/{number_uuid}", headers=headers)


def listing(client, headers: dict[str, str], **params: Any):
    return client.get(NUMBERS, headers=headers, query_string=params)


def list_ok(client, headers: dict[str, str], **params: Any) -> dict:
    response = listing(client, headers, **params)
    assert response.status_code == 200, (params, response.get_json())
    return response.get_json()


def numbers_of(body: dict) -> list[str]:
    return [item["number"] for item in body["items"]]


def create_range(client, headers: dict[str, str], start: str, end: str):
    return client.post(RANGES, headers=headers, json={"start_number": start, "end_number": end})


def set_main(client, headers: dict[str, str], number_uuid: Any):
    return client.put(MAIN, headers=headers, json={"phone_number_uuid": number_uuid})


def assert_errors(response, status: int, *messages: str) -> list[str]:
    """A wazo-confd error: ``status`` and exactly ``messages`` (when given) in its list."""
    assert response.status_code == status, (response.status_code, response.data[:500])
    body = response.get_json()
    assert isinstance(body, list) and body and all(isinstance(m, str) for m in body), body
    if messages:
        assert body == list(messages), body
    return body


def assert_auth_error(response, status: int, reason: str | None = None) -> str:
    """A wazo-auth error body: {reason: [..], timestamp: [..], status_code}."""
    assert response.status_code == status, (response.status_code, response.data[:500])
    body = response.get_json()
    assert set(body) == {"reason", "timestamp", "status_code"}, body
    assert body["status_code"] == status and len(body["reason"]) == 1 and len(body["timestamp"]) == 1
    if reason is not None:
        assert body["reason"] == [reason], body
    return body["reason"][0]


def not_found(number_uuid: str) -> str:
    return f"Resource Not Found - PhoneNumber was not found ('uuid': UUID('{number_uuid}'))"


def snapshot(world) -> tuple[dict, dict]:
    """Everything the directory holds (records are immutable: comparing them is comparing state)."""
    return dict(world.directory.by_id), dict(world.directory.mains)
