"""``numbers-emulator serve``: the installed console script, its banner, ports and environment."""
from __future__ import annotations

import json
import os
import subprocess

import requests

from emulator.config import Config
from tests.live import console_script, free_port, live_emulator

AUTH = ("test-key", "test")


def test_sinch_is_served_under_its_prefix_and_at_the_root_of_its_own_port():
    root_port = free_port()
    with live_emulator("--sinch-port", str(root_port)) as base:
        prefixed = requests.get(f"{base}/sinch/v1/projects/test-project/availableNumbers/+12025550100", auth=AUTH, timeout=5)
        rooted = requests.get(f"http://127.0.0.1:{root_port}/v1/projects/test-project/availableNumbers/+12025550100", auth=AUTH, timeout=5)
        assert prefixed.status_code == rooted.status_code
        assert prefixed.json() == rooted.json()
        denied = requests.get(f"{base}/sinch/v1/projects/test-project/activeNumbers", timeout=5)
        assert denied.status_code == 401 and denied.json()["error"]["status"] == "UNAUTHENTICATED"


def test_banner_prints_urls_and_default_credentials(tmp_path):
    port = free_port()
    process = subprocess.Popen([*console_script(), "serve", "--port", str(port)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        while not lines or "signalwire project" not in lines[-1] or "0002" not in lines[-1]:
            line = process.stdout.readline()
            if not line:
                break  # the process ended: the assertions below say what was missing
            lines.append(line)
    finally:
        process.terminate()
        process.wait(timeout=10)
    text = "".join(lines)
    for surface in ("sinch", "twilio", "signalwire"):
        assert f"http://127.0.0.1:{port}/{surface}" in text
    assert "key id test-key, secret test" in text and "test-project-2" in text
    assert "twilio account AC00000000000000000000000000000001: secret test" in text
    assert "API key of AC00000000000000000000000000000002" in text
    assert "signalwire project 00000000-0000-4000-8000-000000000002: token test" in text


def test_environment_configures_and_flags_override():
    env = {"NUMBERS_EMULATOR_SEED": "7", "NUMBERS_EMULATOR_VALIDATION": "warn", "NUMBERS_EMULATOR_SINCH_KEYS": "k:s:p"}
    config = Config.from_env(env, seed=9)
    assert (config.seed, config.validation) == (9, "warn")
    assert [(k.key_id, k.secret, k.project_id) for k in config.sinch_keys] == [("k", "s", "p")]
    assert Config.from_env({}).port == 6862 and Config.from_env({}).host == "127.0.0.1"


def test_seeded_environment_reaches_the_server():
    with live_emulator("--seed", "42") as a, live_emulator("--seed", "42") as b, live_emulator("--seed", "43") as c:
        url = "/sinch/v1/projects/test-project/availableNumbers?regionCode=SE&type=MOBILE&size=5"
        first, same, other = (requests.get(base + url, auth=AUTH, timeout=5).json() for base in (a, b, c))
        assert first == same and first != other
    assert os.environ.get("NUMBERS_EMULATOR_SEED") is None


def test_waitress_serves_the_same_world_as_granian():
    """--server waitress (pure Python, for platforms without granian wheels) answers the same."""
    url = "/sinch/v1/projects/test-project/availableNumbers?regionCode=GB&type=MOBILE&size=3"
    with live_emulator("--server", "waitress") as slow, live_emulator() as fast:
        assert requests.get(slow + url, auth=AUTH, timeout=5).json() == requests.get(fast + url, auth=AUTH, timeout=5).json()
        rented = requests.post(f"{slow}/sinch/v1/projects/test-project/availableNumbers:rentAny", auth=AUTH, timeout=5,
                               json={"regionCode": "GB", "type": "MOBILE"})
        assert rented.status_code == 200
        listed = requests.get(f"{slow}/sinch/v1/projects/test-project/activeNumbers", auth=AUTH, timeout=5).json()
        assert [n["phoneNumber"] for n in listed["activeNumbers"]] == [rented.json()["phoneNumber"]]


def test_config_rejects_an_unknown_server_and_zero_threads():
    import pytest

    with pytest.raises(ValueError):
        Config(server="gunicorn")
    with pytest.raises(ValueError):
        Config(threads=0)


def test_twilio_and_signalwire_at_the_root_of_their_own_ports():
    """An SDK whose base URL can't take a prefix only changes host and port; Pricing's absolute
    URLs then name that port, without the prefix."""
    twilio_port, signalwire_port = free_port(), free_port()
    account = ("AC00000000000000000000000000000001", "test")
    project = ("00000000-0000-4000-8000-000000000001", "test")
    with live_emulator("--twilio-port", str(twilio_port), "--signalwire-port", str(signalwire_port)) as base:
        rooted = requests.get(f"http://127.0.0.1:{twilio_port}/v1/PhoneNumbers/Countries/US", auth=account, timeout=5)
        prefixed = requests.get(f"{base}/twilio/v1/PhoneNumbers/Countries/US", auth=account, timeout=5)
        assert rooted.status_code == prefixed.status_code == 200
        assert rooted.json()["url"] == f"http://127.0.0.1:{twilio_port}/v1/PhoneNumbers/Countries/US"
        assert prefixed.json()["url"] == f"{base}/twilio/v1/PhoneNumbers/Countries/US"
        search = "/2010-04-01/Accounts/{}/AvailablePhoneNumbers/US/Local.json?AreaCode=206&PageSize=3"
        assert (requests.get(f"http://127.0.0.1:{signalwire_port}" + search.format(project[0]), auth=project, timeout=5).json()
                == requests.get(f"{base}/signalwire" + search.format(project[0]), auth=project, timeout=5).json())


def _owned_twilio(base: str) -> list[str]:
    account = "AC00000000000000000000000000000001"
    url = f"{base}/twilio/2010-04-01/Accounts/{account}/IncomingPhoneNumbers.json"
    return [n["phone_number"] for n in requests.get(url, auth=(account, "test"), timeout=5).json()["incoming_phone_numbers"]]


def _buy_twilio(base: str) -> str:
    account = "AC00000000000000000000000000000001"
    root = f"{base}/twilio/2010-04-01/Accounts/{account}"
    found = requests.get(f"{root}/AvailablePhoneNumbers/US/Local.json", auth=(account, "test"), timeout=5).json()
    number = found["available_phone_numbers"][0]["phone_number"]
    bought = requests.post(f"{root}/IncomingPhoneNumbers.json", data={"PhoneNumber": number}, auth=(account, "test"), timeout=5)
    assert bought.status_code == 201, bought.text
    return number


def test_state_file_keeps_the_world_across_restarts_of_either_server(tmp_path):
    state = tmp_path / "state.json"
    with live_emulator("--state", str(state), "--seed", "7") as base:  # no file yet: a new world
        first = _buy_twilio(base)
    assert json.loads(state.read_text())["config"]["seed"] == 7  # written at the stop (SIGTERM)
    with live_emulator("--state", str(state), "--server", "waitress") as base:  # the file's seed is taken
        assert _owned_twilio(base) == [first]
        second = _buy_twilio(base)
    with live_emulator("--state", str(state)) as base:
        assert sorted(_owned_twilio(base)) == sorted([first, second])
        assert requests.get(f"{base}/_emulator/snapshot", timeout=5).json()["config"]["seed"] == 7


def test_a_state_file_that_does_not_read_stops_the_start_with_a_reason(tmp_path):
    state = tmp_path / "state.json"
    state.write_text('{"config": {"seed": 1}, "format": "numbers-emulator/snapshot", "version": 1}')
    ended = subprocess.run([*console_script(), "serve", "--port", str(free_port()), "--state", str(state)],
                           capture_output=True, text=True, timeout=60)
    assert ended.returncode != 0
    assert "state file" in ended.stderr and "$.clock: is required" in ended.stderr
    state.write_text("not json")
    ended = subprocess.run([*console_script(), "serve", "--state", str(state)], capture_output=True, text=True, timeout=60)
    assert ended.returncode == 2 and "is not JSON" in ended.stderr
