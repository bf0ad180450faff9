"""Sinch Numbers API v1: numbers are rented and addressed by the number itself."""
from __future__ import annotations

from ..http import Reply
from .base import Dialect, ErrorCase, Number
from .google import GoogleErrors

REGION, TYPE, AREA = "US", "LOCAL", "+1206"


class SinchDialect(GoogleErrors, Dialect):
    search_prefix = AREA
    double_acquire = (404, "NOT_FOUND")  # Sinch answers "not available" as a 404
    release_call = ("POST", ":release", 200)
    unknown_handle, not_found_code = "+12065550100", "NOT_FOUND"
    operations = {"search": "NumberService_ListAvailableNumbers",
                  "acquire": "NumberService_RentNumber",
                  "read": "NumberService_GetActiveNumber",
                  "list": "NumberService_ListActiveNumbers",
                  "update": "NumberService_UpdateActiveNumber",
                  "release": "NumberService_ReleaseNumber"}

    @property
    def project(self) -> str:
        return f"/v1/projects/{self.tenant.account}"

    def search(self, limit: int) -> list[str]:
        operation = self.operations["search"]
        params = {"regionCode": REGION, "type": TYPE, "numberPattern.pattern": AREA,
                  "numberPattern.searchPattern": "START", "size": limit}
        body = self.expect(self.http.call(operation, "GET", f"{self.project}/availableNumbers", params=params), operation, 200)
        return [self.field(item, operation, "phoneNumber") for item in body.get("availableNumbers", [])]

    def try_acquire(self, number: str) -> Reply:
        return self.http.call(self.operations["acquire"], "POST", f"{self.project}/availableNumbers/{number}:rent",
                              json_body={})


    def parse(self, body: dict, operation: str) -> Number:
        number = self.field(body, operation, "phoneNumber")
        return Number(number, number, body.get("displayName"))

    def item_path(self, handle: str) -> str:
        return f"{self.project}/activeNumbers/{handle}"

    def list_page(self, page_size: int, cursor: str | None) -> tuple[list[Number], str | None]:
        operation = self.operations["list"]
        params = {"regionCode": REGION, "type": TYPE, "pageSize": page_size, **({"pageToken": cursor} if cursor else {})}
        body = self.expect(self.http.call(operation, "GET", f"{self.project}/activeNumbers", params=params), operation, 200)
        numbers = [self.parse(item, operation) for item in body.get("activeNumbers", [])]
        return numbers, body.get("nextPageToken") or None

    def update_label(self, handle: str, label: str) -> Number:
        operation = self.operations["update"]
        reply = self.http.call(operation, "PATCH", self.item_path(handle), json_body={"displayName": label})
        return self.parse(self.expect(reply, operation, 200), operation)

    def bad_input(self) -> ErrorCase:
        search = self.operations["search"]
        return ErrorCase(f"{search} with an unknown type",
                         lambda: self.http.call(search, "GET", f"{self.project}/availableNumbers",
                                                params={"regionCode": REGION, "type": "NO_SUCH_TYPE"}),
                         400, "INVALID_ARGUMENT")
