"""Phone configurations: every status transition (the illegal ones too), update, import, port-in,
channel links and the US SMS rule."""
from __future__ import annotations

import pytest

from emulator.config import TWILIO_ACCOUNT_1
from tests.providers.platform.helpers import (
    KEY,
    KEY2,
    TWILIO_AUTH,
    TWILIO_INCOMING,
    V1,
    advance,
    available,
    bought,
    twilio_numbers,
)


def act(client, config_id, verb, headers=KEY):
    return client.post(f"{V1}/phone-configurations/{config_id}:{verb}", headers=headers)


def status_of(client, config_id):
    return client.get(f"{V1}/phone-configurations/{config_id}", headers=KEY).json["status"]


def imported(client, provider="TWILIO", name=None):
    """A number bought at Twilio directly, then imported (INACTIVE)."""
    number = available(client, provider)[0]["phoneNumber"]
    assert client.post(TWILIO_INCOMING, data={"PhoneNumber": number}, headers=TWILIO_AUTH).status_code == 201
    body = {"phoneNumber": number, "providerType": provider, **({"friendlyName": name} if name else {})}
    response = client.post(f"{V1}/phone-configurations:import", json=body, headers=KEY)
    assert response.status_code == 201, response.json
    return response.json


def test_import_defaults_as_the_seed(client, world):
    config = imported(client)
    assert config["status"] == "INACTIVE" and config["isImported"] is True and config["isPorted"] is False
    assert config["markedForRelease"] is False and config["isUSSMSPermitted"] is False
    assert config["phoneRequestId"] == f"import_{config['id']}"
    assert config["metadata"] == {"providerAccountId": TWILIO_ACCOUNT_1}
    twice = client.post(f"{V1}/phone-configurations:import", json={"phoneNumber": config["phoneNumber"],
                                                                    "providerType": "TWILIO"}, headers=KEY)
    assert twice.status_code == 409 and twice.json["error"]["field"] == "phoneNumber"


def test_import_of_a_number_the_account_does_not_hold_is_422(client, world):
    number = available(client)[0]["phoneNumber"]
    refused = client.post(f"{V1}/phone-configurations:import", json={"phoneNumber": number, "providerType": "TWILIO"},
                          headers=KEY)
    assert refused.status_code == 422 and refused.json["error"]["field"] == "phoneNumber"
    config = imported(client)  # tenant 2 buys through another account: not theirs
    other = client.post(f"{V1}/phone-configurations:import", json={"phoneNumber": config["phoneNumber"],
                                                                    "providerType": "TWILIO"}, headers=KEY2)
    assert other.status_code == 422


# (from, action) -> the status after it, or None when it is refused with 409.
TABLE = {
    ("ACTIVE", "suspend"): "SUSPENDED", ("ACTIVE", "reactivate"): None, ("ACTIVE", "release"): "RELEASED",
    ("INACTIVE", "suspend"): "SUSPENDED", ("INACTIVE", "reactivate"): "ACTIVE", ("INACTIVE", "release"): "RELEASED",
    ("SUSPENDED", "suspend"): None, ("SUSPENDED", "reactivate"): "ACTIVE", ("SUSPENDED", "release"): "RELEASED",
    ("RELEASED", "suspend"): None, ("RELEASED", "reactivate"): None, ("RELEASED", "release"): None,
    ("RELEASED", "mark-for-release"): None, ("PENDING", "suspend"): None, ("PENDING", "reactivate"): None,
    ("PENDING", "release"): "RELEASED",
}


def in_status(client, world, status):
    if status == "PENDING":
        return ported(client)
    config = imported(client) if status == "INACTIVE" else bought(client, world)[1]
    if status == "SUSPENDED":
        assert act(client, config["id"], "suspend").status_code == 200
    if status == "RELEASED":
        assert act(client, config["id"], "release").status_code == 200
    return client.get(f"{V1}/phone-configurations/{config['id']}", headers=KEY).json


@pytest.mark.parametrize("start, action", sorted(TABLE))
def test_every_transition(client, world, start, action):
    config = in_status(client, world, start)
    assert config["status"] == start
    response = act(client, config["id"], action)
    expected = TABLE[(start, action)]
    if expected is None:
        assert response.status_code == 409, response.json
        assert response.json["error"]["code"] == "INVALID_STATE_TRANSITION"
        assert start in response.json["error"]["message"]
        assert status_of(client, config["id"]) == start
    else:
        assert response.status_code == 200 and response.json["status"] == expected
        assert response.json["updatedAt"] >= config["updatedAt"]


def test_mark_for_release_flags_a_live_configuration(client, world):
    _, config = bought(client, world)
    marked = act(client, config["id"], "mark-for-release").json
    assert marked["markedForRelease"] is True and marked["status"] == "ACTIVE"
    assert config["phoneNumber"] in twilio_numbers(client)


def test_release_of_a_number_already_gone_at_the_provider(client, world):
    _, config = bought(client, world)
    client.delete(f"{TWILIO_INCOMING[:-5]}/{config['providerPhoneNumberId']}.json", headers=TWILIO_AUTH)
    assert act(client, config["id"], "release").json["status"] == "RELEASED"
    assert client.get(f"{V1}/phone-configurations/{config['id']}", headers=KEY).json["status"] == "RELEASED"


def ported(client):
    # A valid US number the inventory does not sell (density 0.5 leaves many), nobody holds.
    from emulator.core.inventory import describe
    world = client.application.world
    offered = available(client)[0]["phoneNumber"]
    base = int(offered[1:])
    for step in range(1, 500):
        number = f"+{base + step}"
        if describe(number, world.catalogue) and world.inventory.offer(number) is None and world.holder(number) is None:
            break
    response = client.post(f"{V1}/phone-configurations:port-in", json={"phoneNumber": number, "providerType": "TWILIO"},
                           headers=KEY)
    assert response.status_code == 201, response.json
    return response.json


def test_port_in_is_pending_then_active(client, world):
    config = ported(client)
    assert config["status"] == "PENDING" and config["isPorted"] is True and config["isImported"] is False
    assert config["phoneNumber"] in twilio_numbers(client)
    advance(world, 60)
    assert status_of(client, config["id"]) == "ACTIVE"


def test_port_in_of_a_number_the_provider_sells_is_422(client, world):
    number = available(client)[0]["phoneNumber"]
    refused = client.post(f"{V1}/phone-configurations:port-in", json={"phoneNumber": number, "providerType": "TWILIO"},
                          headers=KEY)
    assert refused.status_code == 422 and refused.json["error"]["field"] == "phoneNumber"


def test_update_allows_friendly_name_only(client, world):
    _, config = bought(client, world)
    path = f"{V1}/phone-configurations/{config['id']}"
    renamed = client.patch(path, json={"friendlyName": "Support"}, headers=KEY)
    assert renamed.status_code == 200 and renamed.json["friendlyName"] == "Support"
    for field, value in (("status", "SUSPENDED"), ("isUSSMSPermitted", True), ("phoneNumber", "+12025550100")):
        refused = client.patch(path, json={"friendlyName": "x", field: value}, headers=KEY)
        assert refused.status_code == 400 and refused.json["error"]["field"] == field
    after = client.get(path, headers=KEY).json
    assert after["friendlyName"] == "Support" and after["status"] == "ACTIVE"


def test_list_filters_and_isolation(client, world):
    _, twilio = bought(client, world, "TWILIO")
    _, signalwire = bought(client, world, "SIGNALWIRE")
    act(client, twilio["id"], "suspend")
    listed = lambda **q: [c["id"] for c in client.get(f"{V1}/phone-configurations", query_string=q, headers=KEY).json["data"]]  # noqa: E731
    assert listed() == [twilio["id"], signalwire["id"]]
    assert listed(providerType="SIGNALWIRE") == [signalwire["id"]]
    assert listed(status="SUSPENDED") == [twilio["id"]]
    assert listed(countryCode="CA") == []
    assert client.get(f"{V1}/phone-configurations", headers=KEY2).json["data"] == []
    assert client.get(f"{V1}/phone-configurations/{twilio['id']}", headers=KEY2).status_code == 404
    assert act(client, twilio["id"], "release", KEY2).status_code == 404
    page = client.get(f"{V1}/phone-configurations", query_string={"limit": 1}, headers=KEY).json
    rest = client.get(f"{V1}/phone-configurations", query_string={"limit": 1, "cursor": page["nextCursor"]}, headers=KEY).json
    assert [page["data"][0]["id"], rest["data"][0]["id"]] == [twilio["id"], signalwire["id"]] and rest["nextCursor"] is None


def channel(client, kind, name="c"):
    response = client.post(f"{V1}/deployment-channels", json={"name": name, "type": kind}, headers=KEY)
    assert response.status_code == 201
    return response.json


def test_channel_links_and_populated_reads(client, world):
    _, config = bought(client, world)
    voice = channel(client, "VOICE", "Support IVR")
    path = f"{V1}/phone-configurations/{config['id']}"
    linked = client.put(f"{path}/channels", json={"voiceChannelId": voice["id"]}, headers=KEY)
    assert linked.status_code == 200 and linked.json["voiceChannelId"] == voice["id"]
    populated = client.get(path, query_string={"populateChannels": "true"}, headers=KEY).json
    assert populated["voiceChannel"] == voice and populated["smsChannel"] is None
    assert "voiceChannel" not in client.get(path, headers=KEY).json
    in_use = client.delete(f"{V1}/deployment-channels/{voice['id']}", headers=KEY)
    assert in_use.status_code == 409
    client.put(f"{path}/channels", json={"voiceChannelId": None}, headers=KEY)
    assert client.delete(f"{V1}/deployment-channels/{voice['id']}", headers=KEY).status_code == 204
    assert client.get(f"{V1}/deployment-channels/{voice['id']}", headers=KEY).status_code == 404


@pytest.mark.parametrize("body, field", [({"voiceChannelId": "channel_missing"}, "voiceChannelId"),
                                         ({"smsChannelId": "channel_missing"}, "smsChannelId")])
def test_links_to_missing_channels_are_refused_naming_the_field(client, world, body, field):
    _, config = bought(client, world)
    refused = client.put(f"{V1}/phone-configurations/{config['id']}/channels", json=body, headers=KEY)
    assert refused.status_code == 400 and refused.json["error"]["field"] == field
    assert client.get(f"{V1}/phone-configurations/{config['id']}", headers=KEY).json[field] is None


def test_a_channel_of_the_other_type_is_refused(client, world):
    _, config = bought(client, world)
    sms = channel(client, "SMS")
    refused = client.put(f"{V1}/phone-configurations/{config['id']}/channels", json={"voiceChannelId": sms["id"]}, headers=KEY)
    assert refused.status_code == 400 and refused.json["error"]["field"] == "voiceChannelId"


def test_us_sms_needs_the_permission(client, world):
    _, config = bought(client, world)
    sms = channel(client, "SMS")
    path = f"{V1}/phone-configurations/{config['id']}"
    refused = client.put(f"{path}/channels", json={"smsChannelId": sms["id"]}, headers=KEY)
    assert refused.status_code == 409 and refused.json["error"]["field"] == "smsChannelId"
    assert "isUSSMSPermitted" in refused.json["error"]["message"]
    granted = client.put(f"{path}/us-sms-permission", json={"isUSSMSPermitted": True}, headers=KEY)
    assert granted.status_code == 200 and granted.json["isUSSMSPermitted"] is True
    assert client.put(f"{path}/channels", json={"smsChannelId": sms["id"]}, headers=KEY).status_code == 200
    revoke = client.put(f"{path}/us-sms-permission", json={"isUSSMSPermitted": False}, headers=KEY)
    assert revoke.status_code == 409 and revoke.json["error"]["field"] == "isUSSMSPermitted"
    assert client.get(path, headers=KEY).json["isUSSMSPermitted"] is True


def test_a_canadian_number_needs_no_us_permission(client, world):
    _, config = bought(client, world, "TWILIO", country="CA")
    sms = channel(client, "SMS")
    linked = client.put(f"{V1}/phone-configurations/{config['id']}/channels", json={"smsChannelId": sms["id"]}, headers=KEY)
    assert linked.status_code == 200 and linked.json["smsChannel"] == sms


def test_a_forged_cursor_is_a_400_naming_it(client):
    """A cursor of the right list whose position is not a count (crafted, or corrupted)."""
    from emulator import page_tokens

    for position in ("abc", "-1", "9" * 40):
        cursor = page_tokens.encode("configurations|", position)
        response = client.get(f"{V1}/phone-configurations", query_string={"cursor": cursor}, headers=KEY)
        assert response.status_code == 400 and response.json["error"]["field"] == "cursor"
