"""Enfonica numbering v1beta1: phone number instances of a project, addressed by the number;
deleting one is a soft delete (the instance stays readable, DELETED)."""
from __future__ import annotations

from ..http import Reply
from .base import Dialect, ErrorCase, Number
from .google import GoogleErrors

COUNTRY, TYPE, PREFIX = "AU", "LOCAL", "02"


class EnfonicaDialect(GoogleErrors, Dialect):
    search_prefix = "+612"
    double_acquire = (409, "ALREADY_EXISTS")
    release_call = ("DELETE", "", 200)  # a soft delete: the instance, DELETED
    unknown_handle, not_found_code = "+15550000000", "NOT_FOUND"
    bearer = True
    operations = {"search": "SearchPhoneNumbers",
                  "acquire": "CreatePhoneNumberInstance",
                  "read": "GetPhoneNumberInstance",
                  "list": "ListPhoneNumberInstances",
                  "update": "UpdatePhoneNumberInstance",
                  "release": "DeletePhoneNumberInstance"}

    @property
    def instances(self) -> str:
        return f"/v1beta1/projects/{self.tenant.account}/phoneNumberInstances"

    def search(self, limit: int) -> list[str]:
        operation = self.operations["search"]
        params = {"countryCode": COUNTRY, "numberType": TYPE, "prefix": PREFIX, "pageSize": limit}
        body = self.expect(self.http.call(operation, "GET", "/v1beta1/phoneNumbers:search", params=params), operation, 200)
        return [self.field(item, operation, "phoneNumber") for item in body.get("phoneNumbers", [])]

    def try_acquire(self, number: str) -> Reply:
        return self.http.call(self.operations["acquire"], "POST", self.instances,
                              json_body={"phoneNumber": {"phoneNumber": number}})


    def parse(self, body: dict, operation: str) -> Number:
        name = self.field(body, operation, "name")
        number = self.field(body, operation, "phoneNumber", "phoneNumber")
        state = self.field(body, operation, "lifecycleState")
        return Number(number, name.rsplit("/", 1)[-1], body.get("displayName"), owned=state != "DELETED")

    def item_path(self, handle: str) -> str:
        return f"{self.instances}/{handle}"

    def list_page(self, page_size: int, cursor: str | None) -> tuple[list[Number], str | None]:
        operation = self.operations["list"]
        params = {"pageSize": page_size, **({"pageToken": cursor} if cursor else {})}
        body = self.expect(self.http.call(operation, "GET", self.instances, params=params), operation, 200)
        return [self.parse(item, operation) for item in body.get("phoneNumberInstances", [])], body.get("nextPageToken")

    def update_label(self, handle: str, label: str) -> Number:
        operation = self.operations["update"]
        reply = self.http.call(operation, "PATCH", f"{self.instances}/{handle}", params={"updateMask": "displayName"},
                               json_body={"displayName": label})
        return self.parse(self.expect(reply, operation, 200), operation)

    def bad_input(self) -> ErrorCase:
        read = self.operations["read"]
        return ErrorCase(f"{read} of an id that is not a number",
                         lambda: self.http.call(read, "GET", self.item_path("not-a-number")), 400, "INVALID_ARGUMENT")
