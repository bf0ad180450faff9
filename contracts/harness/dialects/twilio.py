"""Twilio's 2010 API for phone numbers, in two configurations: Twilio itself and SignalWire's
Twilio-compatible API (another root, project ids for accounts, uuids for number sids). Form-encoded
requests, numbers addressed by sid, pages linked by ``next_page_uri``."""
from __future__ import annotations

from typing import Any

from ..http import Reply, short
from .base import Dialect, ErrorCase, Number

AREA_CODE = "206"


class TwilioDialect(Dialect):
    root = "/2010-04-01"  # the API's root path under the base URL
    unknown_handle = "PN" + "0" * 32
    search_prefix = "+1" + AREA_CODE
    double_acquire = (400, "21422")  # the number is not available
    not_found_code = "20404"
    acquired = (200, 201)
    operations = {"search": "ListAvailablePhoneNumberLocal",
                  "acquire": "CreateIncomingPhoneNumber",
                  "read": "FetchIncomingPhoneNumber",
                  "list": "ListIncomingPhoneNumber",
                  "update": "UpdateIncomingPhoneNumber",
                  "release": "DeleteIncomingPhoneNumber"}

    @property
    def account(self) -> str:
        return f"{self.root}/Accounts/{self.tenant.account}"

    def search(self, limit: int) -> list[str]:
        operation = self.operations["search"]
        reply = self.http.call(operation, "GET", f"{self.account}/AvailablePhoneNumbers/US/Local.json",
                               params={"AreaCode": AREA_CODE, "PageSize": limit})
        body = self.expect(reply, operation, 200)
        offers = self.field(body, operation, "available_phone_numbers", kind=list)
        return [self.field(item, operation, "phone_number") for item in offers]

    def try_acquire(self, number: str) -> Reply:
        return self.http.call(self.operations["acquire"], "POST", f"{self.account}/IncomingPhoneNumbers.json",
                              form={"PhoneNumber": number})


    def parse(self, body: dict, operation: str) -> Number:
        return Number(self.field(body, operation, "phone_number"), self.field(body, operation, "sid"), body.get("friendly_name"))

    def item_path(self, handle: str) -> str:
        return f"{self.account}/IncomingPhoneNumbers/{handle}.json"

    def list_page(self, page_size: int, cursor: str | None) -> tuple[list[Number], str | None]:
        operation = self.operations["list"]
        if cursor:
            reply = self.http.call(operation, "GET", cursor)
        else:
            reply = self.http.call(operation, "GET", f"{self.account}/IncomingPhoneNumbers.json", params={"PageSize": page_size})
        body = self.expect(reply, operation, 200)
        numbers = [self.parse(item, operation) for item in self.field(body, operation, "incoming_phone_numbers", kind=list)]
        following = body.get("next_page_uri")
        return numbers, (self.http.base_url + following if following else None)

    def update_label(self, handle: str, label: str) -> Number:
        operation = self.operations["update"]
        reply = self.http.call(operation, "POST", self.item_path(handle), form={"FriendlyName": label})
        return self.parse(self.expect(reply, operation, 200), operation)

    def bad_input(self) -> ErrorCase:
        acquire = self.operations["acquire"]
        return ErrorCase(f"{acquire} of an invalid PhoneNumber", lambda: self.try_acquire("+1"), 400, "21421")

    @staticmethod
    def error_problems(reply: Reply) -> list[str]:
        body = reply.body
        if not isinstance(body, dict):
            return [f"the body is not a JSON object: {short(body)}"]
        problems = [f"'{key}' is missing or not {kind.__name__}" for key, kind in
                    (("code", int), ("message", str), ("more_info", str), ("status", int))
                    if not isinstance(body.get(key), kind) or isinstance(body.get(key), bool)]
        if isinstance(body.get("status"), int) and body["status"] != reply.status:
            problems.append(f"'status' {body['status']} is not the HTTP status {reply.status}")
        return problems

    @staticmethod
    def error_code(body: Any) -> str | None:
        code = body.get("code") if isinstance(body, dict) else None
        return None if code is None else str(code)


class SignalWireCompatDialect(TwilioDialect):
    """The same dialect, configured as SignalWire's compatibility API: its root, project ids for
    accounts and uuids for number sids."""

    root = "/api/laml/2010-04-01"
    unknown_handle = "00000000-0000-4000-8000-0000000000ff"
