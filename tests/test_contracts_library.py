"""The QA library in ``contracts/``: the Faker provider and the hypothesis strategies (numbers valid
by construction, provider ids in each provider's format, resources as the emulator renders them,
request bodies that the emulator answers with 2xx or 4xx, never 5xx)."""
from __future__ import annotations

import re

import phonenumbers
import pytest
from faker import Faker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts import strategies as cs
from contracts.faker_provider import NumbersProvider
from emulator.app import create_app
from emulator.config import Config
from emulator.core.numbering import classify
from emulator.generation.sampler import offered_kinds

from .conftest import basic

KINDS = [("US", "LOCAL"), ("US", "TOLL_FREE"), ("GB", "MOBILE"), ("GB", "LOCAL"), ("AU", "LOCAL"), ("DE", "MOBILE"),
         ("CA", "LOCAL"), ("FR", "TOLL_FREE"), ("VU", "TOLL_FREE")]
HEX32 = r"[0-9a-f]{32}"
UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
PHONENUMBERS_TYPES = {"LOCAL": {phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE},
                      "MOBILE": {phonenumbers.PhoneNumberType.MOBILE},
                      "TOLL_FREE": {phonenumbers.PhoneNumberType.TOLL_FREE}}


def assert_valid(e164: str, region: str, number_type: str) -> None:
    parsed = phonenumbers.parse(e164)
    assert phonenumbers.is_valid_number_for_region(parsed, region), e164
    assert phonenumbers.number_type(parsed) in PHONENUMBERS_TYPES[number_type], e164
    assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == e164


@pytest.fixture
def fake() -> Faker:
    faker = Faker()
    faker.add_provider(NumbersProvider)
    faker.seed_instance(42)
    return faker


# -- Faker -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("region,number_type", KINDS)
def test_faker_numbers_are_valid_for_region_and_type(fake, region, number_type):
    for _ in range(200):
        assert_valid(fake.e164(region, number_type), region, number_type)


def test_faker_any_number_is_valid(fake):
    for _ in range(300):
        e164 = fake.any_e164()
        assert classify(e164) is not None
        assert phonenumbers.is_valid_number(phonenumbers.parse(e164))


def test_faker_is_repeatable_with_a_seed():
    def draws(seed: int) -> list[str]:
        faker = Faker()
        faker.add_provider(NumbersProvider)
        faker.seed_instance(seed)
        return [faker.e164("GB", "MOBILE") for _ in range(5)] + [faker.twilio_account_sid(), faker.wazo_uuid()]

    assert draws(1) == draws(1) != draws(2)


def test_faker_ids_are_in_each_providers_format(fake):
    for _ in range(50):
        assert re.fullmatch("AC" + HEX32, fake.twilio_account_sid())
        assert re.fullmatch("PN" + HEX32, fake.twilio_phone_number_sid())
        for uuid in (fake.signalwire_project_id(), fake.signalwire_phone_number_id(), fake.sinch_project_id(),
                     fake.wazo_uuid(), fake.wazo_tenant_uuid()):
            assert re.fullmatch(UUID4, uuid)
        assert re.fullmatch(HEX32, fake.sinch_service_plan_id())
        project = fake.enfonica_project()
        assert re.fullmatch(r"[a-z][a-z0-9-]{0,61}[a-z0-9]", project)
        name = fake.enfonica_instance_name(project)
        assert re.fullmatch(rf"projects/{project}/phoneNumberInstances/\+[1-9][0-9]{{1,14}}", name)
        assert 0 < len(fake.friendly_name()) <= 64


# -- number strategies -----------------------------------------------------------------------------------
@pytest.mark.parametrize("region,number_type", KINDS)
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_valid_numbers_are_valid_by_construction(region, number_type, data):
    assert_valid(data.draw(cs.valid_numbers(region, number_type)), region, number_type)


@settings(max_examples=200, deadline=None)
@given(cs.any_valid_number())
def test_any_valid_number(e164):
    assert classify(e164) in set(offered_kinds())


# -- resources -------------------------------------------------------------------------------------------
RESOURCES = [("sinch", "available-numbers", "phoneNumber"), ("sinch", "active-numbers", "phoneNumber"),
             ("twilio", "incoming-numbers", "phone_number"), ("signalwire", "phone-numbers", "number"),
             ("enfonica", "phone-number-instances", "name"), ("wazo", "phone-numbers", "number"),
             ("platform", "available-numbers", "phoneNumber")]


@pytest.mark.parametrize("provider,kind,key", RESOURCES)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_resource_strategies_draw_rendered_records(provider, kind, key, data):
    record = data.draw(cs.resources(provider, kind))
    number = record[key].rsplit("/", 1)[-1]
    assert classify(number) == ("US", "LOCAL")


# -- requests through the emulator -----------------------------------------------------------------------
APP = create_app(Config(frozen_clock=True, validation="strict"))  # one app: state grows across examples
CLIENT = APP.test_client()
SINCH = basic("test-key", "test")
TWILIO = basic("AC00000000000000000000000000000001", "test")
SIGNALWIRE = basic("00000000-0000-4000-8000-000000000001", "test")
ENFONICA = {"Authorization": "Bearer test"}


def not_a_server_error(response) -> None:
    assert 200 <= response.status_code < 300 or 400 <= response.status_code < 500, (
        response.status_code, response.get_data(as_text=True))


def wazo_headers() -> dict[str, str]:
    token = CLIENT.post("/wazo/api/auth/0.1/token", headers=basic("test", "test"), json={}).get_json()["data"]["token"]
    return {"X-Auth-Token": token}


@settings(max_examples=40, deadline=None)
@given(number=cs.valid_numbers("US", "LOCAL"), body=cs.sinch_rent_body())
def test_sinch_rent_bodies(number, body):
    response = CLIENT.post(f"/sinch/v1/projects/test-project/availableNumbers/{number}:rent", headers=SINCH, json=body)
    not_a_server_error(response)


@settings(max_examples=30, deadline=None)
@given(body=cs.sinch_rent_any_body())
def test_sinch_rent_any_bodies(body):
    not_a_server_error(CLIENT.post("/sinch/v1/projects/test-project/availableNumbers:rentAny", headers=SINCH, json=body))


@settings(max_examples=40, deadline=None)
@given(form=cs.twilio_create_form())
def test_twilio_create_forms(form):
    response = CLIENT.post("/twilio/2010-04-01/Accounts/AC00000000000000000000000000000001/IncomingPhoneNumbers.json",
                           headers=TWILIO, data=form)
    not_a_server_error(response)
    if response.status_code == 201 and "FriendlyName" in form:
        assert response.get_json()["friendly_name"] == form["FriendlyName"]


@settings(max_examples=30, deadline=None)
@given(body=cs.signalwire_buy_body())
def test_signalwire_buy_bodies(body):
    not_a_server_error(CLIENT.post("/signalwire/api/relay/rest/phone_numbers", headers=SIGNALWIRE, json=body))


@settings(max_examples=40, deadline=None)
@given(body=cs.enfonica_create_body())
def test_enfonica_create_bodies(body):
    response = CLIENT.post("/enfonica/v1beta1/projects/test-project/phoneNumberInstances", headers=ENFONICA, json=body)
    not_a_server_error(response)
    # created (bought or ported in), sold only as part of a range, or already held
    assert response.status_code in (200, 404, 409), response.get_json()


@settings(max_examples=40, deadline=None)
@given(body=cs.wazo_create_body())
def test_wazo_create_bodies(body):
    response = CLIENT.post("/wazo/api/confd/1.1/phone-numbers", headers=wazo_headers(), json=body)
    not_a_server_error(response)


@settings(max_examples=20, deadline=None)
@given(body=cs.wazo_range_body())
def test_wazo_range_bodies(body):
    response = CLIENT.post("/wazo/api/confd/1.1/phone-numbers/ranges", headers=wazo_headers(), json=body)
    not_a_server_error(response)
    assert response.status_code == 201, response.get_json()
