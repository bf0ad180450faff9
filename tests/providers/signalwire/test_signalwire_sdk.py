"""The official ``signalwire`` Python SDK (2.x, on twilio 6.54.0) against a live emulator, from a
virtualenv of its own (tests/sdk/venvs.py): search, buy, list across pages, fetch, update, delete
and the errors it raises, through the ``/signalwire/2010-04-01`` paths it calls and the
``/api/laml/...`` paging URIs it follows."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from emulator.config import SIGNALWIRE_PROJECT_1, SIGNALWIRE_PROJECT_2
from tests.live import live_emulator
from tests.sdk.venvs import sdk_python

CLIENT = Path(__file__).resolve().parents[2] / "sdk" / "signalwire_client.py"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def seen() -> dict:
    python = sdk_python("signalwire-2.1.1", "signalwire==2.1.1")
    with live_emulator() as base:
        done = subprocess.run([str(python), str(CLIENT), f"{base}/signalwire", SIGNALWIRE_PROJECT_1, "test",
                               SIGNALWIRE_PROJECT_2], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_searches_find_seattle_and_toll_free_numbers(seen):
    assert seen["base_url"].startswith("http://127.0.0.1:")
    assert 1 <= len(seen["local"]) <= 5
    for number in seen["local"]:
        assert number["phone_number"].startswith("+1206") and "55" in number["phone_number"][1:]
        assert number["region"] == "WA" and number["rate_center"]
        assert set(number["capabilities"]) == {"voice", "SMS", "MMS"}  # SignalWire's casing
    assert seen["toll_free"] and all(n[2:5] in {"800", "833", "844", "855", "866", "877", "888"} for n in seen["toll_free"])


def test_bought_numbers_have_uuid_sids_and_rfc2822_dates_the_sdk_parses(seen):
    assert len(seen["bought"]) == 4
    for number in seen["bought"]:
        assert UUID.match(number["sid"])
        assert number["date_created"] not in ("None", "")
        assert number["friendly_name"] == f"sdk {number['phone_number'][-4:]}"


def test_paging_lists_every_number_once_and_sub_lists_filter_by_type(seen):
    bought = sorted(n["phone_number"] for n in seen["bought"])
    assert seen["listed"] == bought
    assert seen["listed_local"] == sorted(n["phone_number"] for n in seen["bought"][:3])


def test_fetch_update_delete(seen):
    assert seen["fetched"] == {"sid": seen["bought"][0]["sid"], "phone_number": seen["bought"][0]["phone_number"]}
    assert seen["updated"] == {"friendly_name": "renamed", "voice_url": "https://example.com/voice",
                               "sms_url": "https://example.com/sms", "sms_method": "GET"}
    assert seen["refetched_friendly_name"] == "renamed"
    assert seen["deleted"] is True


def test_errors_reach_the_sdk_with_their_codes(seen):
    errors = seen["errors"]
    assert errors["fetch_deleted"] == {"status": 404, "code": 20404}
    assert errors["buy_taken"] == {"status": 400, "code": 21422}
    assert errors["other_project"] == {"status": 404, "code": 20404}
    assert errors["bad_token"] == {"status": 401, "code": 20003}
