"""Fixture generation (``numbers-emulator fixtures generate``): for every provider and kind, every
number valid for its region and type and unique, the same bytes for the same seed, all three
formats, stdout and files, and available numbers loaded back as the emulator's inventory."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from emulator.app import create_app
from emulator.cli_fixtures import fixtures
from emulator.config import Config
from emulator.core import NumberRange
from emulator.core.catalogue import Catalogue
from emulator.core.inventory import FiniteInventory
from emulator.core.numbering import classify
from emulator.generation import PROVIDERS, GenerationError, generate, sampler
from emulator.generation.kinds import AVAILABLE, BLOCKS, DEFAULT_KINDS, RANGES
from emulator.specs import load_spec
from emulator.validation import FastEngine

from .conftest import basic

KINDS = [(provider, name) for provider, kinds in PROVIDERS.items() for name in kinds]
AVAILABLE_KINDS = [(p, n) for p, n in KINDS if PROVIDERS[p][n].source == AVAILABLE]
COUNT = 40


def regions_for(provider: str, name: str) -> str:
    kind = PROVIDERS[provider][name]
    if kind.source in (BLOCKS, RANGES):
        return "AU"
    if kind.regions is None:
        return "US,GB"
    return ",".join(sorted(kind.regions))


def count_for(provider: str, name: str) -> int:
    return 6 if PROVIDERS[provider][name].source in (BLOCKS, RANGES) else COUNT


def numbers_of(record: dict) -> list[str]:
    """Every number a record holds (a range's or block's every number)."""
    if "range" in record:
        return list(NumberRange.between(record["range"]["startPhoneNumber"], record["range"]["endPhoneNumber"]))
    name = record.get("name") or ""
    if name.startswith("phoneNumbers/"):
        return list(NumberRange.parse(name[len("phoneNumbers/"):]))
    for key in ("phoneNumber", "phone_number", "number", "e164"):
        value = record.get(key)
        if isinstance(value, dict):
            return numbers_of(value)
        if value:
            return [value]
    raise AssertionError(f"no number in {record}")


def run(*args: str) -> str:
    result = CliRunner().invoke(fixtures, ["generate", *args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def parse(text: str, fmt: str) -> list[dict]:
    if fmt == "json":
        return json.loads(text)
    if fmt == "ndjson":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("provider,name", KINDS)
@pytest.mark.parametrize("number_type", ["LOCAL", "TOLL_FREE"])
def test_every_number_is_valid_for_its_region_and_type_and_unique(provider, name, number_type):
    kind = PROVIDERS[provider][name]
    if number_type not in kind.types:
        pytest.skip(f"{provider} {name} has no {number_type}")
    regions = regions_for(provider, name) if number_type == "LOCAL" else "US"
    records = list(generate(provider, name, regions.split(","), number_type, count_for(provider, name), seed=5))
    assert len(records) == count_for(provider, name)
    held = [n for record in records for n in numbers_of(record)]
    assert len(held) == len(set(held))
    kinds = {classify(n) for n in held}
    assert all(k is not None and k[1] == number_type and k[0] in regions.split(",") for k in kinds), kinds
    if "," in regions:  # spread over every region asked for
        assert {k[0] for k in kinds} == set(regions.split(","))


@pytest.mark.parametrize("region,number_type", [("GB", "MOBILE"), ("DE", "MOBILE"), ("US", "TOLL_FREE"), ("FR", "LOCAL")])
def test_other_types_and_regions(region, number_type):
    numbers = [r["phoneNumber"] for r in generate("sinch", "available", [region], number_type, 500, seed=2)]
    assert len(set(numbers)) == 500
    assert all(classify(n) == (region, number_type) for n in numbers)


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
@pytest.mark.parametrize("provider,name", KINDS)
def test_same_seed_same_bytes_other_seed_other_bytes(provider, name, fmt):
    args = ["--provider", provider, "--kind", name, "--region", regions_for(provider, name),
            "--count", str(count_for(provider, name)), "--format", fmt, "--output", "-"]
    first = run(*args, "--seed", "11")
    assert first == run(*args, "--seed", "11")
    assert first != run(*args, "--seed", "12")
    records = parse(first, fmt)
    assert len(records) == count_for(provider, name)
    if fmt != "csv":
        assert records == list(generate(provider, name, regions_for(provider, name).split(","), "LOCAL",
                                         count_for(provider, name), seed=11))


def test_the_formats_hold_the_same_records():
    args = ["--provider", "sinch", "--kind", "available", "--count", "25", "--seed", "3"]
    as_json = parse(run(*args, "--format", "json"), "json")
    assert as_json == parse(run(*args, "--format", "ndjson"), "ndjson")
    rows = parse(run(*args, "--format", "csv"), "csv")
    assert [r["phoneNumber"] for r in rows] == [r["phoneNumber"] for r in as_json]
    assert rows[0]["setupPrice.amount"] == as_json[0]["setupPrice"]["amount"]
    assert rows[0]["capability"] == ";".join(as_json[0]["capability"])


def test_a_region_named_twice_counts_once():
    numbers = [r["phoneNumber"] for r in generate("sinch", "available", ["US", "us", " US"], "LOCAL", 300)]
    assert len(set(numbers)) == 300


def test_aliases_name_each_providers_main_kinds():
    for provider, aliases in DEFAULT_KINDS.items():
        for alias, name in aliases.items():
            assert list(generate(provider, alias, ["US"], "LOCAL", 3)) == list(generate(provider, name, ["US"], "LOCAL", 3))


def test_output_file_and_progress_bar(tmp_path):
    target = tmp_path / "big.ndjson"
    result = CliRunner().invoke(fixtures, ["generate", "--provider", "enfonica", "--kind", "phone-numbers",
                                           "--region", "AU,NZ", "--count", "12000", "--format", "ndjson",
                                           "--output", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text().splitlines()
    assert len(lines) == 12000
    numbers = [json.loads(line)["phoneNumber"] for line in lines]
    assert len(set(numbers)) == 12000
    assert "12000 enfonica phone-numbers records" in result.stderr


@pytest.mark.parametrize("args,message", [
    (["--provider", "wazo", "--kind", "available"], "wazo has no kind 'available'"),
    (["--provider", "signalwire", "--kind", "phone-numbers", "--region", "GB"], "sold only in US"),
    (["--provider", "sinch", "--kind", "available", "--type", "PREMIUM"], "unknown number type"),
    (["--provider", "sinch", "--kind", "available", "--region", "CA", "--type", "TOLL_FREE"], "no TOLL_FREE numbers in 'CA'"),
    (["--provider", "sinch", "--kind", "available", "--region", "VU", "--type", "TOLL_FREE", "--count", "500"],
     "valid TOLL_FREE numbers, not 500"),
])
def test_bad_requests_are_usage_errors(args, message):
    result = CliRunner().invoke(fixtures, ["generate", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_a_small_plan_is_enumerated_and_still_seeded():
    small = sampler("VU", "TOLL_FREE")
    every = list(small.every_valid())
    picked = small.unique(1, len(every))
    assert sorted(picked) == sorted(every)
    assert picked == small.unique(1, len(every)) != small.unique(2, len(every))
    assert small.unique(1, 10) == small.unique(1, 10) != small.unique(2, 10)  # sampled: 10 of 200
    with pytest.raises(GenerationError):
        small.unique(1, len(every) + 1)


def test_draw_is_valid_for_any_key():
    us = sampler("US", "LOCAL")
    for key in range(0, 2**64, 2**58 + 12345):
        assert classify(us.draw(key)) == ("US", "LOCAL")


# -- loading back ----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
@pytest.mark.parametrize("provider,name", AVAILABLE_KINDS)
def test_available_numbers_load_back_as_the_inventory(tmp_path, provider, name, fmt):
    regions = regions_for(provider, name)
    target = tmp_path / f"inventory.{fmt}"
    run("--provider", provider, "--kind", name, "--region", regions, "--count", str(COUNT), "--format", fmt,
        "--output", str(target))
    records = list(generate(provider, name, regions.split(","), "LOCAL", COUNT))
    inventory = FiniteInventory.load(target, Catalogue(99))
    assert [o.number for o in inventory._offers.values()] == [numbers_of(r)[0] for r in records]
    for offer in inventory._offers.values():
        assert (offer.region, offer.number_type) == classify(offer.number)


def test_file_attributes_override_the_catalogue(tmp_path):
    target = tmp_path / "sinch.csv"
    run("--provider", "sinch", "--kind", "available", "--count", "30", "--format", "csv", "--output", str(target))
    records = list(generate("sinch", "available", ["US"], "LOCAL", 30))
    inventory = FiniteInventory.load(target, Catalogue(12345))  # another seed: other capabilities, prices
    for record in records:
        offer = inventory.offer(record["phoneNumber"])
        assert list(offer.capabilities) == record["capability"]
        assert offer.pricing.monthly == record["monthlyPrice"]["amount"]
        assert offer.pricing.setup == record["setupPrice"]["amount"]


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
@pytest.mark.parametrize("provider,name", AVAILABLE_KINDS)
def test_a_search_finds_exactly_the_generated_numbers(tmp_path, provider, name, fmt):
    region = regions_for(provider, name).split(",")[0]
    target = tmp_path / f"inventory.{fmt}"
    run("--provider", provider, "--kind", name, "--region", region, "--count", "30", "--format", fmt,
        "--output", str(target))
    expected = [numbers_of(r)[0] for r in generate(provider, name, [region], "LOCAL", 30)]
    client = create_app(Config(inventory_file=str(target), frozen_clock=True)).test_client()
    response = client.get(f"/sinch/v1/projects/test-project/availableNumbers?regionCode={region}&type=LOCAL&size=1000",
                          headers=basic("test-key", "test"))
    assert response.status_code == 200, response.get_json()
    assert [n["phoneNumber"] for n in response.get_json()["availableNumbers"]] == expected


# -- the providers' own contracts ------------------------------------------------------------------
# (spec, operation answering the record, the list field holding it in that operation's 200 body)
TWILIO_PAGE = ("available_phone_numbers",
               {"uri": "/2010-04-01/Accounts/AC00000000000000000000000000000001/AvailablePhoneNumbers/US/Local.json"})
RELAY_SEARCH = "/api/relay/rest/phone_numbers/search"
CONTRACTS = {
    ("sinch", "available-numbers"): ("sinch", "NumberService_GetAvailableNumber", None),
    ("sinch", "active-numbers"): ("sinch", "NumberService_GetActiveNumber", None),
    ("twilio", "available-numbers"): ("twilio", "ListAvailablePhoneNumberLocal", TWILIO_PAGE),
    ("twilio", "incoming-numbers"): ("twilio", "FetchIncomingPhoneNumber", None),
    ("signalwire", "available-numbers"): ("signalwire", "SearchAvailablePhoneNumbers",
                                          ("data", {"links": {"self": RELAY_SEARCH, "first": RELAY_SEARCH}})),
    ("signalwire", "phone-numbers"): ("signalwire", "RetrievePhoneNumber", None),
    ("signalwire", "compat-available-numbers"): ("signalwire-compat", "ListAvailablePhoneNumberLocal", (
        "available_phone_numbers",
        {"uri": "/api/laml/2010-04-01/Accounts/00000000-0000-4000-8000-000000000001/AvailablePhoneNumbers/US/Local.json"})),
    ("signalwire", "incoming-numbers"): ("signalwire-compat", "FetchIncomingPhoneNumber", None),
    ("enfonica", "phone-numbers"): ("enfonica", "SearchPhoneNumbers", ("phoneNumbers", {})),
    ("enfonica", "phone-number-blocks"): ("enfonica", "SearchPhoneNumbers", ("phoneNumbers", {})),
    ("enfonica", "phone-number-instances"): ("enfonica", "GetPhoneNumberInstance", None),
    ("enfonica", "range-instances"): ("enfonica", "GetPhoneNumberInstance", None),
    ("wazo", "phone-numbers"): ("wazo", "get_phone_number", None),
    ("platform", "available-numbers"): ("platform", "SearchAvailablePhoneNumbers", ("data", {})),
    ("platform", "purchases"): ("platform", "GetPhoneNumberPurchase", None),
    ("platform", "phone-configurations"): ("platform", "GetPhoneConfiguration", None),
}


def test_every_kind_has_a_contract():
    assert set(CONTRACTS) == set(KINDS)


@pytest.mark.parametrize("provider,name", KINDS)
def test_records_keep_the_providers_spec(provider, name):
    """Each record is valid where its provider's spec answers one (alone, or in its search page)."""
    spec_name, operation, page = CONTRACTS[(provider, name)]
    engine = FastEngine(load_spec(spec_name))

    def body(record: dict) -> dict:
        return record if page is None else {page[0]: [record], **page[1]}

    records = list(generate(provider, name, regions_for(provider, name).split(","), "LOCAL", count_for(provider, name), 4))
    for record in records:
        assert engine.validate_response(operation, 200, body(record), b"") == []


def test_the_spec_check_is_not_vacuous():
    engine = FastEngine(load_spec("sinch"))
    record = next(iter(generate("sinch", "available", ["US"], "LOCAL", 1)))
    del record["phoneNumber"]
    assert engine.validate_response("NumberService_GetAvailableNumber", 200, record, b"") != []


@pytest.mark.parametrize("provider,name,regions", [("twilio", "incoming-numbers", "US,GB"), ("enfonica", "range-instances", "AU")])
def test_the_same_bytes_in_other_processes(provider, name, regions):
    """Nothing depends on Python's per-process str hashing (set or dict order of strings)."""
    code = (f"from emulator.cli_fixtures import fixtures; fixtures(['generate', '--provider', {provider!r}, "
            f"'--kind', {name!r}, '--region', {regions!r}, '--count', '5', '--format', 'ndjson'])")
    outputs = [subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert outputs[0] == outputs[1]
    assert outputs[0].decode() == run("--provider", provider, "--kind", name, "--region", regions, "--count", "5",
                                      "--format", "ndjson")
