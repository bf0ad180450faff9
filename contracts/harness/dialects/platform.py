"""The platform API: buying is a purchase that completes later (PENDING -> PROCESSING -> COMPLETED on
the provider's clock) and becomes a phone configuration; the configuration is the owned number, its
id the handle. Errors are ``{"error": {"status", "code", "message", "field"?}}``.

Waiting for a purchase: against the emulator the adapter moves the emulator's virtual clock forward
(``POST /_emulator/clock:advance``) a second at a time, so a run takes no real time; elsewhere it polls
the purchase for up to :data:`PURCHASE_WAIT_SECONDS`."""
from __future__ import annotations

import time
from typing import Any

import requests

from ..http import Reply, short
from .base import ContractBroken, Dialect, ErrorCase, Number, TakenMeanwhile

V1 = "/v1"
PURCHASE_WAIT_SECONDS = 120.0
DONE = ("COMPLETED", "FAILED", "CANCELLED")


class PlatformDialect(Dialect):
    search_prefix = "+1"  # US local numbers through the Twilio account
    acquired = (201,)
    release_call = ("POST", ":release", 200)
    double_acquire = (422, "UNPROCESSABLE")  # "Phone number ... is not available"
    unknown_handle, not_found_code = "phone_" + "0" * 24, "NOT_FOUND"
    bearer = True
    operations = {"search": "SearchAvailablePhoneNumbers",
                  "acquire": "CreatePhoneNumberPurchase",
                  "read": "GetPhoneConfiguration",
                  "list": "ListPhoneConfigurations",
                  "update": "UpdatePhoneConfiguration",
                  "release": "ReleasePhoneConfiguration"}

    def search(self, limit: int) -> list[str]:
        operation = self.operations["search"]
        reply = self.http.call(operation, "GET", f"{V1}/phone-numbers/available",
                               params={"countryCode": "US", "numberType": "LOCAL", "providerType": "TWILIO",
                                       "limit": limit})
        offers = self.field(self.expect(reply, operation, 200), operation, "data", kind=list)
        return [self.field(item, operation, "phoneNumber") for item in offers]

    def try_acquire(self, number: str) -> Reply:
        return self.http.call(self.operations["acquire"], "POST", f"{V1}/phone-number-purchases",
                              json_body={"friendlyName": "contract", "phoneNumber": number, "countryCode": "US",
                                         "numberType": "LOCAL", "providerType": "TWILIO"})

    def acquire(self, number: str) -> Number:
        """The purchase, waited for until it completes; the configuration it made."""
        operation = self.operations["acquire"]
        purchase = self.expect(self.try_acquire(number), operation, *self.acquired)
        purchase_id = self.field(purchase, operation, "id")
        done = self._completed(purchase_id)
        if done.get("status") == "FAILED" and "no longer available" in str(done.get("statusDetails")):
            raise TakenMeanwhile(number)
        if done.get("status") != "COMPLETED":
            raise ContractBroken("GetPhoneNumberPurchase", f"the purchase of {number} ended {done.get('status')}: "
                                 f"{done.get('statusDetails')}")
        made = self.field(done, "GetPhoneNumberPurchase", "metadata", "phoneConfigurationId")
        read = self.read(made)
        if read is None:
            raise ContractBroken(self.operations["read"], f"the configuration {made} of a completed purchase can't be read")
        return read

    def _completed(self, purchase_id: str) -> dict[str, Any]:
        deadline = time.monotonic() + PURCHASE_WAIT_SECONDS
        while True:
            reply = self.http.call("GetPhoneNumberPurchase", "GET", f"{V1}/phone-number-purchases/{purchase_id}")
            body = self.expect(reply, "GetPhoneNumberPurchase", 200)
            if body.get("status") in DONE:
                return body
            if time.monotonic() > deadline:
                raise ContractBroken("GetPhoneNumberPurchase", f"purchase {purchase_id} still {body.get('status')} "
                                     f"after {PURCHASE_WAIT_SECONDS:.0f} s")
            if self.control_url:
                requests.post(f"{self.control_url}/clock:advance", json={"seconds": 1}, timeout=10).raise_for_status()
            else:
                time.sleep(1.0)

    def parse(self, body: dict, operation: str) -> Number:
        status = self.field(body, operation, "status")
        return Number(self.field(body, operation, "phoneNumber"), self.field(body, operation, "id"),
                      body.get("friendlyName"), owned=status != "RELEASED")

    def item_path(self, handle: str) -> str:
        return f"{V1}/phone-configurations/{handle}"

    def list_page(self, page_size: int, cursor: str | None) -> tuple[list[Number], str | None]:
        operation = self.operations["list"]
        params: dict[str, Any] = {"limit": page_size, **({"cursor": cursor} if cursor else {})}
        body = self.expect(self.http.call(operation, "GET", f"{V1}/phone-configurations", params=params), operation, 200)
        numbers = [self.parse(item, operation) for item in self.field(body, operation, "data", kind=list)]
        return numbers, body.get("nextCursor")

    def update_label(self, handle: str, label: str) -> Number:
        operation = self.operations["update"]
        reply = self.http.call(operation, "PATCH", self.item_path(handle), json_body={"friendlyName": label})
        return self.parse(self.expect(reply, operation, 200), operation)

    def bad_input(self) -> ErrorCase:
        acquire = self.operations["acquire"]
        return ErrorCase(f"{acquire} of an invalid phoneNumber", lambda: self.try_acquire("+1"), 400, "VALIDATION_ERROR")

    @staticmethod
    def error_problems(reply: Reply) -> list[str]:
        error = reply.body.get("error") if isinstance(reply.body, dict) else None
        if not isinstance(error, dict):
            return [f"the body is not {{\"error\": {{...}}}}: {short(reply.body)}"]
        problems = [f"error.{key} is missing or not {kind.__name__}" for key, kind in
                    (("status", int), ("code", str), ("message", str))
                    if not isinstance(error.get(key), kind) or isinstance(error.get(key), bool)]
        if isinstance(error.get("status"), int) and error["status"] != reply.status:
            problems.append(f"error.status {error['status']} is not the HTTP status {reply.status}")
        return problems

    @staticmethod
    def error_code(body: Any) -> str | None:
        error = body.get("error") if isinstance(body, dict) else None
        return error.get("code") if isinstance(error, dict) else None
