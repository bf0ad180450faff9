"""Request helpers and assertions shared by the Twilio behaviour tests.

Every helper takes the Flask test client and the auth headers explicitly, so a test reads as the
sequence of API calls it makes. Helpers that must succeed assert their status themselves.
"""
from __future__ import annotations

import dataclasses
import re
from email.utils import parsedate_to_datetime
from typing import Any, Mapping

from tests.conftest import basic

ACCOUNT = "AC00000000000000000000000000000001"
ACCOUNT_2 = "AC00000000000000000000000000000002"
KEY = "SK00000000000000000000000000000001"  # an API key of account 1
KEY_2 = "SK00000000000000000000000000000002"  # an API key of account 2
AUTH = basic(ACCOUNT, "test")
AUTH_2 = basic(ACCOUNT_2, "test")
KEY_AUTH = basic(KEY, "test")
PAGING_KEYS = {"end", "first_page_uri", "next_page_uri", "page", "page_size", "previous_page_uri", "start", "uri"}
SID = re.compile(r"^PN[0-9a-f]{32}$")
RFC2822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$")
PRICING = "/twilio/v1/PhoneNumbers/Countries"


def base(account: str = ACCOUNT) -> str:
    return f"/twilio/2010-04-01/Accounts/{account}"


def incoming_path(account: str = ACCOUNT, kind: str | None = None) -> str:
    return f"{base(account)}/IncomingPhoneNumbers" + (f"/{kind}" if kind else "") + ".json"


def number_path(sid: str, account: str = ACCOUNT) -> str:
    return f"{base(account)}/IncomingPhoneNumbers/{sid}.json"


# -- calls ------------------------------------------------------------------------------------------
def search(client, auth, country: str = "US", kind: str = "Local", account: str = ACCOUNT, **params: Any):
    query = {k: v for k, v in params.items() if v is not None}
    return client.get(f"{base(account)}/AvailablePhoneNumbers/{country}/{kind}.json", headers=auth, query_string=query)


def search_ok(client, auth, country: str = "US", kind: str = "Local", account: str = ACCOUNT, **params: Any) -> list[dict]:
    response = search(client, auth, country, kind, account, **params)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"available_phone_numbers", "uri"}
    return body["available_phone_numbers"]


def free_numbers(client, auth, count: int, country: str = "US", kind: str = "Local", account: str = ACCOUNT,
                 **params: Any) -> list[str]:
    numbers = [n["phone_number"] for n in search_ok(client, auth, country, kind, account, PageSize=count, **params)]
    assert len(numbers) == count, f"only {len(numbers)} free {country} {kind} numbers"
    return numbers


def buy(client, auth, data: Any, account: str = ACCOUNT, kind: str | None = None):
    return client.post(incoming_path(account, kind), headers=auth, data=data)


def buy_ok(client, auth, data: Any, account: str = ACCOUNT, kind: str | None = None) -> dict:
    response = buy(client, auth, data, account, kind)
    assert response.status_code == 201, (data, response.get_json())
    return response.get_json()


def buy_numbers(client, auth, count: int, account: str = ACCOUNT, country: str = "US", kind: str = "Local") -> list[dict]:
    free = free_numbers(client, auth, count, country, kind, account=account)
    return [buy_ok(client, auth, {"PhoneNumber": n}, account) for n in free]


def fetch(client, auth, sid: str, account: str = ACCOUNT):
    return client.get(number_path(sid, account), headers=auth)


def update(client, auth, sid: str, data: Any, account: str = ACCOUNT):
    return client.post(number_path(sid, account), headers=auth, data=data)


def delete(client, auth, sid: str, account: str = ACCOUNT):
    return client.delete(number_path(sid, account), headers=auth)


def list_page(client, auth, account: str = ACCOUNT, kind: str | None = None, **params: Any) -> dict:
    response = client.get(incoming_path(account, kind), headers=auth, query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def listed(client, auth, account: str = ACCOUNT, kind: str | None = None, **params: Any) -> list[str]:
    return [n["phone_number"] for n in list_page(client, auth, account, kind, **params)["incoming_phone_numbers"]]


def follow(client, auth, uri: str):
    """A relative paging uri, as twilio-python follows it: the API root prepended."""
    assert uri.startswith("/2010-04-01/"), uri
    return client.get("/twilio" + uri, headers=auth)


# -- assertions -------------------------------------------------------------------------------------
def assert_twilio_error(response, status: int, code: int) -> dict:
    """``response`` is ``status`` with Twilio's error body carrying ``code``."""
    assert response.status_code == status, (response.status_code, response.data[:500])
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) - {"detail"} == {"code", "message", "more_info", "status"}, body
    assert body["code"] == code, body
    assert body["status"] == status
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{code}"
    assert isinstance(body["message"], str) and body["message"]
    return body


def owned_snapshot(world) -> dict[str, dict]:
    """The world's ownership state, comparable before and after a request."""
    return {number: dataclasses.asdict(record) for number, record in world.owned.items()}


def epoch(date: str) -> float:
    assert RFC2822.match(date), date
    return parsedate_to_datetime(date).timestamp()


def query_of(uri: str) -> Mapping[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(uri).query, keep_blank_values=True)
