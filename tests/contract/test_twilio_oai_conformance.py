"""Every operation's answer validates against Twilio's own published schemas (twilio-oai).

The emulator's bundled spec (openapi/twilio.yaml) is stricter than twilio-oai and agrees with it
by construction; this test checks that claim against Twilio's files themselves, on responses the
emulator really sends. Twilio's specs come from npm (``@twilio/cli-core`` bundles twilio-oai's
``twilio_api_v2010.json`` and ``twilio_pricing_v1.json``), fetched once per machine into
``.cache/twilio-oai/``; without npm the test is skipped.

twilio-oai is OpenAPI 3.0: its schemas are converted to JSON Schema (``nullable`` -> a ``null``
type, ``$ref`` resolved). Its formats (``uri``, ``date-time-rfc-2822``, ``phone-number``, ...) are
Twilio's code-generation hints, not enforced. One known, deliberate difference is applied
explicitly: twilio-oai types prices ``number`` with ``x-twilio: {overrideType: string}`` (the
wire, and twilio-python, carry strings such as "1.00"); the conversion applies ``overrideType``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Callable

import jsonschema_rs
import pytest

from emulator.app import create_app
from emulator.config import Config
from tests.conftest import basic

PACKAGE = "@twilio/cli-core@9.0.0"
MEMBER = "package/src/services/twilio-api/{}"
FILES = {"api": "twilio_api_v2010.json", "pricing": "twilio_pricing_v1.json"}
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "twilio-oai"
ACCOUNT = "AC00000000000000000000000000000001"
AUTH = basic(ACCOUNT, "test")
ROOT = f"/2010-04-01/Accounts/{ACCOUNT}"
DROPPED = {"format", "nullable", "description", "example", "examples", "title", "readOnly", "writeOnly", "deprecated",
           "discriminator", "xml", "externalDocs"}


# -- twilio-oai -------------------------------------------------------------------------------------
def fetch_specs() -> dict[str, dict]:
    """twilio-oai's two files, from the cache or (once) from npm."""
    if not all((CACHE / name).is_file() for name in FILES.values()):
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(f"npm is not installed: cannot fetch Twilio's OpenAPI specs ({PACKAGE}) into {CACHE}")
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([npm, "pack", PACKAGE, "--pack-destination", tmp, "--silent"], check=True, cwd=tmp,
                           capture_output=True, timeout=600)
            archive = next(Path(tmp).glob("*.tgz"))
            with tarfile.open(archive) as tar:
                for name in FILES.values():
                    source = tar.extractfile(MEMBER.format(name))
                    assert source is not None, f"{PACKAGE} has no {MEMBER.format(name)}"
                    partial = CACHE / f".{name}.{os.getpid()}"
                    partial.write_bytes(source.read())
                    partial.replace(CACHE / name)  # atomic: a concurrent run sees all or nothing
    return {key: json.loads((CACHE / name).read_text()) for key, name in FILES.items()}


def to_json_schema(node: Any, spec: dict, apply_override: bool = True) -> Any:
    """An OpenAPI 3.0 schema of ``spec`` as a self-contained JSON Schema."""
    if isinstance(node, list):
        return [to_json_schema(item, spec, apply_override) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        converted = to_json_schema(target, spec, apply_override)
        return {"anyOf": [converted, {"type": "null"}]} if node.get("nullable") else converted
    out = {key: to_json_schema(value, spec, apply_override) if key in ("properties", "items", "additionalProperties",
                                                                        "allOf", "anyOf", "oneOf", "not") else value
           for key, value in node.items() if key not in DROPPED and not key.startswith("x-")}
    if "properties" in out:
        out["properties"] = {name: to_json_schema(value, spec, apply_override) for name, value in node["properties"].items()}
    override = (node.get("x-twilio") or {}).get("overrideType")
    if apply_override and override:
        out["type"] = override
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else [*out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


@pytest.fixture(scope="module")
def specs() -> dict[str, dict]:
    return fetch_specs()


def response_schema(specs: dict, path: str, method: str, *, apply_override: bool = True) -> tuple[str, Any]:
    """(documented success status, JSON Schema of its body or None) of twilio-oai's operation."""
    spec = specs["pricing" if path.startswith("/v1/") else "api"]
    responses = spec["paths"][path][method]["responses"]
    (status, response), = [(s, r) for s, r in responses.items() if s.startswith("2")]
    content = (response.get("content") or {}).get("application/json")
    return status, (to_json_schema(content["schema"], spec, apply_override) if content else None)


# -- the emulator's answers -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def app():
    return create_app(Config(frozen_clock=True, validation="strict"))


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def first_free(client, country: str, kind: str) -> str:
    response = client.get(f"/twilio{ROOT}/AvailablePhoneNumbers/{country}/{kind}.json", headers=AUTH,
                          query_string={"PageSize": 1})
    return response.get_json()["available_phone_numbers"][0]["phone_number"]


A = "/2010-04-01/Accounts/{AccountSid}"
# (operation, twilio-oai path, method, request: client -> response); run in this order (a purchase
# before the lists and the fetch, the delete last).
CALLS: list[tuple[str, str, str, Callable]] = [
    ("ListAvailablePhoneNumberCountry", f"{A}/AvailablePhoneNumbers.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/AvailablePhoneNumbers.json", headers=AUTH)),
    ("FetchAvailablePhoneNumberCountry", f"{A}/AvailablePhoneNumbers/{{CountryCode}}.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/AvailablePhoneNumbers/GB.json", headers=AUTH)),
    ("ListAvailablePhoneNumberLocal", f"{A}/AvailablePhoneNumbers/{{CountryCode}}/Local.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=20", headers=AUTH)),
    ("ListAvailablePhoneNumberLocal (outside North America)", f"{A}/AvailablePhoneNumbers/{{CountryCode}}/Local.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/AvailablePhoneNumbers/GB/Local.json?PageSize=20", headers=AUTH)),
    ("ListAvailablePhoneNumberTollFree", f"{A}/AvailablePhoneNumbers/{{CountryCode}}/TollFree.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/AvailablePhoneNumbers/US/TollFree.json?PageSize=20", headers=AUTH)),
    ("ListAvailablePhoneNumberMobile", f"{A}/AvailablePhoneNumbers/{{CountryCode}}/Mobile.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/AvailablePhoneNumbers/DE/Mobile.json?PageSize=20", headers=AUTH)),
    ("CreateIncomingPhoneNumber", f"{A}/IncomingPhoneNumbers.json", "post",
     lambda c: c.post(f"/twilio{ROOT}/IncomingPhoneNumbers.json", headers=AUTH,
                      data={"PhoneNumber": first_free(c, "US", "Local"), "VoiceUrl": "https://example.com/v",
                            "VoiceApplicationSid": "AP" + "a" * 32})),
    ("CreateIncomingPhoneNumber (by AreaCode)", f"{A}/IncomingPhoneNumbers.json", "post",
     lambda c: c.post(f"/twilio{ROOT}/IncomingPhoneNumbers.json", headers=AUTH, data={"AreaCode": "415"})),
    ("CreateIncomingPhoneNumberLocal", f"{A}/IncomingPhoneNumbers/Local.json", "post",
     lambda c: c.post(f"/twilio{ROOT}/IncomingPhoneNumbers/Local.json", headers=AUTH,
                      data={"PhoneNumber": first_free(c, "GB", "Local")})),
    ("CreateIncomingPhoneNumberTollFree", f"{A}/IncomingPhoneNumbers/TollFree.json", "post",
     lambda c: c.post(f"/twilio{ROOT}/IncomingPhoneNumbers/TollFree.json", headers=AUTH,
                      data={"PhoneNumber": first_free(c, "US", "TollFree"), "TrunkSid": "TK" + "b" * 32})),
    ("CreateIncomingPhoneNumberMobile", f"{A}/IncomingPhoneNumbers/Mobile.json", "post",
     lambda c: c.post(f"/twilio{ROOT}/IncomingPhoneNumbers/Mobile.json", headers=AUTH,
                      data={"PhoneNumber": first_free(c, "DE", "Mobile"), "AddressSid": "AD" + "c" * 32,
                            "EmergencyAddressSid": "AD" + "d" * 32, "EmergencyStatus": "Active",
                            "BundleSid": "BU" + "e" * 32, "IdentitySid": "RI" + "f" * 32})),
    ("ListIncomingPhoneNumber", f"{A}/IncomingPhoneNumbers.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/IncomingPhoneNumbers.json", headers=AUTH)),
    ("ListIncomingPhoneNumber (a middle page)", f"{A}/IncomingPhoneNumbers.json", "get",
     lambda c: c.get("/twilio" + c.get(f"/twilio{ROOT}/IncomingPhoneNumbers.json?PageSize=1&FriendlyName=",
                                       headers=AUTH).get_json()["next_page_uri"], headers=AUTH)),
    ("ListIncomingPhoneNumberLocal", f"{A}/IncomingPhoneNumbers/Local.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/IncomingPhoneNumbers/Local.json?PageSize=1&Beta=false", headers=AUTH)),
    ("ListIncomingPhoneNumberTollFree", f"{A}/IncomingPhoneNumbers/TollFree.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/IncomingPhoneNumbers/TollFree.json", headers=AUTH)),
    ("ListIncomingPhoneNumberMobile", f"{A}/IncomingPhoneNumbers/Mobile.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/IncomingPhoneNumbers/Mobile.json", headers=AUTH)),
    ("FetchIncomingPhoneNumber", f"{A}/IncomingPhoneNumbers/{{Sid}}.json", "get",
     lambda c: c.get(f"/twilio{ROOT}/IncomingPhoneNumbers/{_any_sid(c)}.json", headers=AUTH)),
    ("UpdateIncomingPhoneNumber", f"{A}/IncomingPhoneNumbers/{{Sid}}.json", "post",
     lambda c: c.post(f"/twilio{ROOT}/IncomingPhoneNumbers/{_any_sid(c)}.json", headers=AUTH,
                      data={"FriendlyName": "Zürich ☎", "VoiceMethod": "GET", "VoiceCallerIdLookup": "true",
                            "VoiceReceiveMode": "fax", "SmsUrl": "https://example.com/s"})),
    ("DeleteIncomingPhoneNumber", f"{A}/IncomingPhoneNumbers/{{Sid}}.json", "delete",
     lambda c: c.delete(f"/twilio{ROOT}/IncomingPhoneNumbers/{_any_sid(c)}.json", headers=AUTH)),
    ("ListPricingPhoneNumberCountry", "/v1/PhoneNumbers/Countries", "get",
     lambda c: c.get("/twilio/v1/PhoneNumbers/Countries?PageSize=20", headers=AUTH)),
    ("ListPricingPhoneNumberCountry (a later page)", "/v1/PhoneNumbers/Countries", "get",
     lambda c: c.get(c.get("/twilio/v1/PhoneNumbers/Countries?PageSize=20", headers=AUTH).get_json()["meta"]["next_page_url"]
                     .removeprefix("http://localhost"), headers=AUTH)),
    ("FetchPricingPhoneNumberCountry", "/v1/PhoneNumbers/Countries/{IsoCountry}", "get",
     lambda c: c.get("/twilio/v1/PhoneNumbers/Countries/GB", headers=AUTH)),
]


def _any_sid(client) -> str:
    return client.get(f"/twilio{ROOT}/IncomingPhoneNumbers.json", headers=AUTH).get_json()["incoming_phone_numbers"][0]["sid"]


@pytest.mark.parametrize("name, path, method, call", CALLS, ids=[c[0] for c in CALLS])
def test_response_validates_against_twilio_oai(specs, client, name, path, method, call):
    response = call(client)
    status, schema = response_schema(specs, path, method)
    assert str(response.status_code) == status, (name, response.status_code, response.get_json())
    if schema is None:
        assert response.data == b""
        return
    body = response.get_json()
    errors = [f"{'/'.join(map(str, e.instance_path))}: {e.message}"
              for e in jsonschema_rs.validator_for(schema, validate_formats=False).iter_errors(body)]
    assert errors == [], name


def test_every_served_operation_is_checked(specs, app):
    """Each operation of the emulator's spec whose success it can answer is called above; the four
    number types no country is sold in (National, Voip, SharedCost, MachineToMachine) only ever
    answer 404, which twilio-oai does not describe."""
    from emulator.specs import load_spec

    ours = {o["operationId"] for item in load_spec("twilio")["paths"].values() for o in item.values()
            if isinstance(o, dict) and "operationId" in o}
    never_offered = {f"ListAvailablePhoneNumber{kind}" for kind in ("National", "Voip", "SharedCost", "MachineToMachine")}
    assert {name.split(" ")[0] for name, *_ in CALLS} == ours - never_offered


def test_prices_need_twilio_oais_override_type(specs, client):
    """The deliberate difference, applied rather than skipped: without ``overrideType`` twilio-oai's
    raw ``type: number`` refuses the strings Twilio (and the emulator) send; with it they pass."""
    body = client.get("/twilio/v1/PhoneNumbers/Countries/US", headers=AUTH).get_json()
    assert all(isinstance(p["base_price"], str) for p in body["phone_number_prices"])
    path = "/v1/PhoneNumbers/Countries/{IsoCountry}"
    _, raw = response_schema(specs, path, "get", apply_override=False)
    _, applied = response_schema(specs, path, "get")
    assert not jsonschema_rs.validator_for(raw, validate_formats=False).is_valid(body)
    assert jsonschema_rs.validator_for(applied, validate_formats=False).is_valid(body)


def test_the_conversion_refuses_what_twilio_oai_refuses(specs):
    """The converted schemas are not vacuous: a wrong type, a bad SID and a bad enum fail."""
    _, schema = response_schema(specs, "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json", "get")
    validator = jsonschema_rs.validator_for(schema, validate_formats=False)
    assert validator.is_valid({"sid": "PN" + "a" * 32, "beta": None, "address_requirements": "none"})
    assert not validator.is_valid({"sid": "XX" + "a" * 32})
    assert not validator.is_valid({"beta": "yes"})
    assert not validator.is_valid({"address_requirements": "sometimes"})
    assert not validator.is_valid({"capabilities": {"sms": "true"}})
