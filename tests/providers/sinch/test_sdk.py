"""The official Sinch Python SDK (from PyPI), pointed at a live emulator, does the whole journey."""
from __future__ import annotations

import pytest

from tests.live import live_emulator

sinch = pytest.importorskip("sinch")
from sinch import SinchClient  # noqa: E402
from sinch.domains.numbers.api.v1.exceptions import NumberNotFoundException  # noqa: E402

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def base_url():
    with live_emulator() as base:
        yield base


def client_for(base_url: str, key_id: str = "test-key", project: str = "test-project") -> SinchClient:
    client = SinchClient(key_id=key_id, key_secret="test", project_id=project)
    client.configuration.auth_origin = f"{base_url}/sinch"
    client.configuration.numbers_origin = f"{base_url}/sinch"
    return client


def test_search_rent_rent_any_list_get_update_release(base_url):
    client = client_for(base_url)
    numbers = client.numbers

    found = numbers.search_for_available_numbers(region_code="US", number_type="LOCAL", capabilities=["SMS", "VOICE"], page_size=3)
    available = found.content()
    assert 1 <= len(available) <= 3
    assert all(n.region_code == "US" and n.type == "LOCAL" for n in available)
    assert set(available[0].capability) == {"SMS", "VOICE"}

    chosen = available[0].phone_number
    assert numbers.check_availability(chosen).phone_number == chosen

    rented = numbers.rent(chosen, sms_configuration={"service_plan_id": "plan-1"}, voice_configuration={"type": "RTC", "app_id": "app-1"})
    assert rented.phone_number == chosen and rented.project_id == "test-project"
    assert rented.sms_configuration.scheduled_provisioning.status == "WAITING"
    assert rented.voice_configuration.scheduled_voice_provisioning.app_id == "app-1"

    other = numbers.rent_any(region_code="GB", number_type="MOBILE", capabilities=["SMS"])
    assert other.region_code == "GB" and other.type == "MOBILE"

    listed = numbers.list(region_code="US", number_type="LOCAL", page_size=10)
    assert chosen in [n.phone_number for n in listed.iterator()]

    assert numbers.get(chosen).phone_number == chosen
    updated = numbers.update(chosen, display_name="Front desk")
    assert updated.display_name == "Front desk"
    assert numbers.get(chosen).display_name == "Front desk"

    released = numbers.release(chosen)
    assert released.phone_number == chosen and released.expire_at is not None
    with pytest.raises(NumberNotFoundException):
        numbers.get(chosen)
    assert chosen not in [n.phone_number for n in numbers.list(region_code="US", number_type="LOCAL").iterator()]


def test_not_found_raises_the_sdks_own_exception(base_url):
    numbers = client_for(base_url).numbers
    with pytest.raises(NumberNotFoundException) as raised:
        numbers.get("+12025550100")
    assert raised.value.http_response.status_code == 404


def test_another_project_cannot_see_or_touch_the_number(base_url):
    mine = client_for(base_url).numbers.rent_any(region_code="SE", number_type="MOBILE")
    theirs = client_for(base_url, "test-key-2", "test-project-2").numbers
    with pytest.raises(NumberNotFoundException):
        theirs.get(mine.phone_number)
    assert mine.phone_number not in [n.phone_number for n in theirs.list(region_code="SE", number_type="MOBILE").iterator()]
