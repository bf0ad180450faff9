"""The pytest plugin, as a user meets it: a test file using the ``numbers_emulator`` fixture with the
official Twilio SDK, run by pytest in a subprocess (the plugin loads through its entry point)."""
from __future__ import annotations

SAMPLE = '''
import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client


def twilio_client(emulator):
    client = Client(*emulator.credentials["twilio"])
    client.api.base_url = emulator.url("twilio")
    return client


def test_buy_a_number(numbers_emulator):
    client = twilio_client(numbers_emulator)
    found = client.available_phone_numbers("US").local.list(area_code="206", limit=1)
    bought = client.incoming_phone_numbers.create(phone_number=found[0].phone_number)
    assert [n.sid for n in client.incoming_phone_numbers.list()] == [bought.sid]
    calls = numbers_emulator.control.journal(provider="twilio", method="POST")
    assert calls[0]["operationId"] == "CreateIncomingPhoneNumber"


def test_state_is_reset_before_each_test(numbers_emulator):
    assert twilio_client(numbers_emulator).incoming_phone_numbers.list() == []


@pytest.mark.numbers_emulator_fault(provider="twilio", status=429, code=20429, message="Too Many Requests")
def test_a_fault_marker(numbers_emulator):
    with pytest.raises(TwilioRestException) as raised:
        twilio_client(numbers_emulator).incoming_phone_numbers.create(phone_number="+12065550100")
    assert raised.value.status == 429 and raised.value.code == 20429


def test_faults_and_the_clock_as_helpers(numbers_emulator):
    before = numbers_emulator.control.clock()["now"]
    assert numbers_emulator.advance(90)["now"] == before + 90_000
    with numbers_emulator.fault(provider="twilio", status=503, count=1):
        with pytest.raises(TwilioRestException) as raised:
            twilio_client(numbers_emulator).incoming_phone_numbers.create(phone_number="+12065550100")
        assert raised.value.status == 503
        assert twilio_client(numbers_emulator).incoming_phone_numbers.list() == []  # it fired once
    assert numbers_emulator.control.faults() == []
'''

WORKER = '''
import os


def test_each_worker_has_its_own_emulator(numbers_emulator):
    port = numbers_emulator.base_url.rsplit(":", 1)[1]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(f"{worker}.port", "w") as out:
        out.write(port)
    assert numbers_emulator.control.health()["status"] == "ok"
'''


def test_a_user_test_file_passes_with_the_fixture(pytester):
    pytester.makepyfile(test_sample=SAMPLE)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_the_fault_marker_really_applies(pytester):
    """The same sample with the marker's rule on a different provider fails: the marker is not inert."""
    pytester.makepyfile(test_sample=SAMPLE.replace('provider="twilio", status=429', 'provider="sinch", status=429'))
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)


def test_xdist_workers_each_get_their_own_emulator(pytester):
    pytester.makepyfile(test_one=WORKER, test_two=WORKER.replace("test_each", "test_also_each"))
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", "-n", "2")
    result.assert_outcomes(passed=2)
    ports = {path.read_text() for path in pytester.path.glob("gw*.port")}
    assert len(ports) == 2
