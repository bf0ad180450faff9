"""The control API (/_emulator): health, reset scopes, clock, faults, journal, inventory loading."""
from __future__ import annotations

import json

import pytest

from emulator.config import TWILIO_ACCOUNT_1, TWILIO_ACCOUNT_2
from tests.conftest import basic

C = "/_emulator"
TWILIO = "/twilio/2010-04-01/Accounts"
T1, T2 = basic(TWILIO_ACCOUNT_1, "test"), basic(TWILIO_ACCOUNT_2, "test")
ENFONICA = {"Authorization": "Bearer test"}


def buy_twilio(client, auth, account) -> str:
    found = client.get(f"{TWILIO}/{account}/AvailablePhoneNumbers/US/Local.json", headers=auth,
                       query_string={"PageSize": 1}).get_json()["available_phone_numbers"][0]["phone_number"]
    response = client.post(f"{TWILIO}/{account}/IncomingPhoneNumbers.json", headers=auth, data={"PhoneNumber": found})
    assert response.status_code == 201, response.get_json()
    return found


def incoming(client, auth, account) -> list[str]:
    body = client.get(f"{TWILIO}/{account}/IncomingPhoneNumbers.json", headers=auth).get_json()
    return [n["phone_number"] for n in body["incoming_phone_numbers"]]


def assert_control_error(response, status: int, field: str | None) -> None:
    assert response.status_code == status, response.get_json()
    assert response.get_json()["error"]["field"] == field


# -- health ---------------------------------------------------------------------------------------------
def test_health_lists_every_surface(client):
    body = client.get(f"{C}/health").get_json()
    assert body["status"] == "ok" and body["frozen"] is True
    assert {"sinch", "twilio", "signalwire", "signalwire-relay", "enfonica", "wazo"} <= {s["name"] for s in body["surfaces"]}


# -- reset ----------------------------------------------------------------------------------------------
def test_reset_of_one_tenant_leaves_the_others(client, world):
    one, two = buy_twilio(client, T1, TWILIO_ACCOUNT_1), buy_twilio(client, T2, TWILIO_ACCOUNT_2)
    response = client.post(f"{C}/reset", json={"provider": "twilio", "tenant": TWILIO_ACCOUNT_1})
    assert response.get_json() == {"scope": "tenant", "removed": {**response.get_json()["removed"], "numbers": 1}}
    assert incoming(client, T1, TWILIO_ACCOUNT_1) == [] and incoming(client, T2, TWILIO_ACCOUNT_2) == [two]
    assert one not in world.owned  # back in the inventory at once
    assert buy_twilio(client, T1, TWILIO_ACCOUNT_1)


def test_reset_of_one_provider_leaves_the_others(client):
    buy_twilio(client, T1, TWILIO_ACCOUNT_1)
    created = client.post("/enfonica/v1beta1/projects/test-project/phoneNumberInstances", headers=ENFONICA,
                          json={"phoneNumber": {"name": "phoneNumbers/+61255501100-99"}})
    assert created.status_code == 200
    assert client.post(f"{C}/reset", json={"provider": "twilio"}).get_json()["removed"]["numbers"] == 1
    assert incoming(client, T1, TWILIO_ACCOUNT_1) == []
    listed = client.get("/enfonica/v1beta1/projects/test-project/phoneNumberInstances", headers=ENFONICA).get_json()
    assert len(listed["phoneNumberInstances"]) == 1


def test_a_full_reset_clears_the_world_faults_and_journal(client, world):
    buy_twilio(client, T1, TWILIO_ACCOUNT_1)
    client.post(f"{C}/faults", json={"provider": "sinch", "status": 503})
    body = client.post(f"{C}/reset").get_json()
    assert body["scope"] == "all" and body["removed"]["faults"] == 1 and body["removed"]["journal"] >= 2
    assert world.owned == {} and client.get(f"{C}/faults").get_json() == {"faults": []}
    assert client.get(f"{C}/journal").get_json() == {"entries": []}


def test_a_tenant_needs_its_provider(client):
    assert_control_error(client.post(f"{C}/reset", json={"tenant": TWILIO_ACCOUNT_1}), 400, "provider")
    assert_control_error(client.post(f"{C}/reset", json={"provider": "nope"}), 400, "provider")


# -- clock ----------------------------------------------------------------------------------------------
def test_the_clock_advances_and_pending_transitions_fire(client, world):
    number = next(n for n in (f"+6129876{i:04d}" for i in range(1000))
                  if world.inventory.offer(n) is None and not world.inventory.in_block(n))
    created = client.post("/enfonica/v1beta1/projects/test-project/phoneNumberInstances", headers=ENFONICA,
                          json={"phoneNumber": {"phoneNumber": number}}).get_json()
    assert created["lifecycleState"] == "PENDING"
    before = client.get(f"{C}/clock").get_json()
    after = client.post(f"{C}/clock:advance", json={"seconds": 60}).get_json()
    assert after["now"] - before["now"] == 60_000 and after["frozen"] is True
    got = client.get(f"/enfonica/v1beta1/projects/test-project/phoneNumberInstances/{number}", headers=ENFONICA).get_json()
    assert got["lifecycleState"] == "ACTIVE"


def test_set_freeze_and_unfreeze(client):
    now = client.get(f"{C}/clock").get_json()["now"]
    assert client.post(f"{C}/clock:set", json={"at": now + 3_600_000}).get_json()["now"] == now + 3_600_000
    assert_control_error(client.post(f"{C}/clock:set", json={"at": now}), 400, "at")  # only forward
    assert client.post(f"{C}/clock:unfreeze").get_json()["frozen"] is False
    frozen = client.post(f"{C}/clock:freeze", json={"at": now + 7_200_000}).get_json()
    assert frozen == {**frozen, "frozen": True, "now": now + 7_200_000}
    assert_control_error(client.post(f"{C}/clock:advance", json={"seconds": -1}), 400, "seconds")


# -- faults ---------------------------------------------------------------------------------------------
def test_a_twilio_rate_limit_in_twilios_shape_fires_count_times(client):
    rule = client.post(f"{C}/faults", json={"provider": "twilio", "operationId": "ListIncomingPhoneNumber",
                                            "status": 429, "code": 20429, "message": "Too Many Requests", "count": 2})
    assert rule.status_code == 201
    url = f"{TWILIO}/{TWILIO_ACCOUNT_1}/IncomingPhoneNumbers.json"
    for _ in range(2):
        response = client.get(url, headers=T1)
        assert response.status_code == 429
        assert response.get_json() == {**response.get_json(), "code": 20429, "message": "Too Many Requests", "status": 429}
    assert client.get(url, headers=T1).status_code == 200
    assert client.get(f"{C}/faults").get_json()["faults"][0]["fired"] == 2


def test_a_sinch_503_in_sinchs_shape_only_on_the_matching_path_and_tenant(client, auth, auth2):
    client.post(f"{C}/faults", json={"provider": "sinch", "path": "/activeNumbers$", "tenant": "test-project", "status": 503})
    hit = client.get("/sinch/v1/projects/test-project/activeNumbers", headers=auth)
    assert hit.status_code == 503 and hit.get_json()["error"]["status"] == "UNAVAILABLE"
    assert client.get("/sinch/v1/projects/test-project-2/activeNumbers", headers=auth2).status_code == 200
    assert client.get("/sinch/v1/projects/test-project/availableRegions", headers=auth).status_code == 200


def test_probability_is_seeded_and_latency_only_rules_let_requests_through(client, auth):
    client.post(f"{C}/faults", json={"provider": "sinch", "operationId": "NumberService_ListAvailableRegions",
                                     "status": 500, "probability": 0.5})
    statuses = [client.get("/sinch/v1/projects/test-project/availableRegions", headers=auth).status_code for _ in range(40)]
    assert set(statuses) == {200, 500} and 8 < statuses.count(500) < 32
    fired = client.get(f"{C}/faults").get_json()["faults"][0]["fired"]
    assert fired == statuses.count(500)
    client.delete(f"{C}/faults")
    client.post(f"{C}/faults", json={"provider": "sinch", "latencyMs": 1})
    assert client.get("/sinch/v1/projects/test-project/availableRegions", headers=auth).status_code == 200
    assert client.get(f"{C}/faults").get_json()["faults"][0]["fired"] == 1


def test_fault_rules_are_removed_and_bad_ones_refused(client):
    rule = client.post(f"{C}/faults", json={"status": 500}).get_json()
    assert client.delete(f"{C}/faults/{rule['id']}").status_code == 204
    assert_control_error(client.delete(f"{C}/faults/{rule['id']}"), 404, None)
    assert_control_error(client.post(f"{C}/faults", json={"path": "("}), 400, "path")
    assert_control_error(client.post(f"{C}/faults", json={"provider": "sinch"}), 400, "status")
    assert_control_error(client.post(f"{C}/faults", json={"status": 200}), 400, "status")
    assert_control_error(client.post(f"{C}/faults", json={"status": 500, "probability": 0}), 400, "probability")
    assert client.get(f"{C}/faults").get_json() == {"faults": []}


# -- journal --------------------------------------------------------------------------------------------
def test_the_journal_records_requests_with_their_validation_outcome(client, auth):
    client.get("/sinch/v1/projects/test-project/activeNumbers", headers=auth, query_string={"pageSize": 5})
    client.get("/sinch/v1/projects/test-project/activeNumbers", headers=auth, query_string={"pageSize": "x"})
    client.post(f"{TWILIO}/{TWILIO_ACCOUNT_1}/IncomingPhoneNumbers.json", headers=T1, data={"PhoneNumber": "+1"})
    entries = client.get(f"{C}/journal", query_string={"provider": "sinch"}).get_json()["entries"]
    assert [e["status"] for e in entries] == [400, 200]  # newest first
    bad, good = entries
    assert good["operationId"] == "NumberService_ListActiveNumbers" and good["query"] == "pageSize=5" and good["requestValid"]
    assert not bad["requestValid"] and bad["requestProblem"].startswith("pageSize")
    twilio = client.get(f"{C}/journal", query_string={"method": "POST"}).get_json()["entries"]
    assert len(twilio) == 1 and twilio[0]["requestBody"] == "PhoneNumber=%2B1" and twilio[0]["provider"] == "twilio"
    assert json.loads(twilio[0]["responseBody"])["status"] == 400
    assert client.delete(f"{C}/journal", query_string={"provider": "sinch"}).get_json() == {"removed": 2}
    assert [e["provider"] for e in client.get(f"{C}/journal").get_json()["entries"]] == ["twilio"]


# -- inventory ------------------------------------------------------------------------------------------
def test_loading_a_finite_inventory_from_a_file(client, auth, tmp_path):
    path = tmp_path / "numbers.ndjson"
    path.write_text("\n".join(json.dumps({"phoneNumber": n}) for n in ("+12025550134", "+12025550135")))
    assert client.post(f"{C}/inventory", json={"path": str(path)}).get_json() == {"numbers": 2}
    found = client.get("/sinch/v1/projects/test-project/availableNumbers", headers=auth,
                       query_string={"regionCode": "US", "type": "LOCAL"}).get_json()["availableNumbers"]
    assert sorted(n["phoneNumber"] for n in found) == ["+12025550134", "+12025550135"]
    assert_control_error(client.post(f"{C}/inventory", json={"path": str(tmp_path / "missing.json")}), 400, "path")
    bad = tmp_path / "bad.json"
    bad.write_text("[{\"phoneNumber\": \"12\"}]")
    assert_control_error(client.post(f"{C}/inventory", json={"path": str(bad)}), 400, "path")


@pytest.mark.parametrize("url,body", [
    ("/reset", b"{"), ("/faults", b"[]"), ("/clock:advance", b"{}"), ("/inventory", b"{\"path\": 1}"),
    ("/faults", b"{\"status\": \"x\"}"), ("/clock:set", b"{\"at\": -5}"),
])
def test_bad_control_input_is_a_400_naming_what_is_wrong(client, url, body):
    response = client.post(C + url, data=body, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["message"]


def test_a_dropped_connection_ends_the_response_early(client, auth):
    rule = client.post(f"{C}/faults", json={"provider": "sinch", "drop": True, "count": 1}).get_json()
    assert rule["drop"] is True and rule["status"] is None
    with pytest.raises(ConnectionAbortedError):
        client.get("/sinch/v1/projects/test-project/availableRegions", headers=auth)
    assert client.get("/sinch/v1/projects/test-project/availableRegions", headers=auth).status_code == 200
    assert_control_error(client.post(f"{C}/faults", json={"drop": True, "status": 500}), 400, "drop")
