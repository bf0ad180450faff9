"""The control API against a live server (the pytest plugin's own fixture, used by our suite too):
what a client over the network sees of injected faults."""
from __future__ import annotations

import pytest
import requests

SINCH = ("test-key", "test")


def test_a_client_sees_a_dropped_connection_as_a_network_error(numbers_emulator):
    url = numbers_emulator.url("sinch") + "/v1/projects/test-project/availableRegions"
    with numbers_emulator.fault(provider="sinch", drop=True, count=1):
        with pytest.raises(requests.exceptions.RequestException):
            requests.get(url, auth=SINCH, timeout=5)
    assert requests.get(url, auth=SINCH, timeout=5).status_code == 200


def test_a_rate_limit_reaches_the_client_in_sinchs_shape(numbers_emulator):
    url = numbers_emulator.url("sinch") + "/v1/projects/test-project/activeNumbers"
    with numbers_emulator.fault(provider="sinch", status=429, count=2) as rule:
        statuses = [requests.get(url, auth=SINCH, timeout=5).status_code for _ in range(3)]
        fired = next(r["fired"] for r in numbers_emulator.control.faults() if r["id"] == rule["id"])
    assert statuses == [429, 429, 200] and fired == 2
    entries = numbers_emulator.control.journal(provider="sinch")
    assert [e["status"] for e in entries[:3]] == [200, 429, 429]
