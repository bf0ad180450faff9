"""Twilio's number carries ``subresource_uris`` (its assigned add-ons); SignalWire's does not."""
from __future__ import annotations

from emulator.config import SIGNALWIRE_PROJECT_1
from tests.conftest import basic

from .helpers import AUTH, buy_numbers


def test_a_twilio_number_names_its_assigned_add_ons(client):
    number = buy_numbers(client, AUTH, 1)[0]
    assert number["subresource_uris"] == {"assigned_add_ons": number["uri"][: -len(".json")] + "/AssignedAddOns.json"}


def test_a_signalwire_number_has_no_subresources(client):
    project = SIGNALWIRE_PROJECT_1
    auth = basic(project, "test")
    root = f"/signalwire/api/laml/2010-04-01/Accounts/{project}"
    offered = client.get(f"{root}/AvailablePhoneNumbers/US/Local.json?PageSize=1", headers=auth).get_json()
    bought = client.post(f"{root}/IncomingPhoneNumbers.json", headers=auth,
                         data={"PhoneNumber": offered["available_phone_numbers"][0]["phone_number"]})
    assert bought.status_code == 201
    assert "subresource_uris" not in bought.get_json() and bought.get_json()["account_id"] == project
