"""Wazo (wazo-auth tokens, wazo-confd phone numbers): a tenant declares the numbers it has; nothing
is sold, so there is no search and nothing costs money, and two tenants may declare one number."""
from __future__ import annotations

from typing import Any

import random

from ..http import Exchange, Http, Reply, short
from ..targets import Tenant
from .base import ContractBroken, Dialect, ErrorCase, Number

CONFD = "/api/confd/1.1/phone-numbers"


class WazoDialect(Dialect):
    charging = False
    exclusive = False
    not_applicable = {"search_matches_filters": "Wazo sells no numbers: a tenant declares the ones it has (no search)"}
    double_acquire = (400, "Resource Error")  # the tenant lists that number already
    unreadable = (401, 403, 404)  # another tenant's uuid: 401 for its Wazo-Tenant, else 404
    unknown_handle, not_found_code = "00000000-0000-4000-8000-0000000000ff", "Resource Not Found"
    acquired = (201,)
    operations = {"search": "",
                  "acquire": "create_phone_number",
                  "read": "get_phone_number",
                  "list": "list_phone_numbers",
                  "update": "update_phone_numbers",
                  "release": "delete_phone_number"}

    @classmethod
    def connect(cls, base_url: str, tenant: Tenant, journal: list[Exchange]) -> Dialect:
        return cls(Http(base_url, journal, headers={"X-Auth-Token": cls.token(base_url, tenant, journal)}), tenant)

    @classmethod
    def token(cls, base_url: str, tenant: Tenant, journal: list[Exchange] | None = None) -> str:
        """A wazo-auth token for ``tenant`` (wazo-confd wants one in X-Auth-Token)."""
        auth = Http(base_url, journal if journal is not None else [], auth=(tenant.user, tenant.secret))
        reply = auth.call("createToken", "POST", "/api/auth/0.1/token", json_body={"expiration": 3600})
        return cls.field(cls.expect(reply, "createToken", 200), "createToken", "data", "token")

    def search(self, limit: int) -> list[str]:
        raise ContractBroken("search", "Wazo has no search")

    def candidates(self, count: int) -> list[str]:
        """Fictional North American numbers (555-01xx is reserved for fiction), random per run."""
        pick = random.Random()
        return [f"+1{pick.randint(200, 999)}55501{pick.randint(0, 99):02d}" for _ in range(count)]

    def try_acquire(self, number: str) -> Reply:
        return self.http.call(self.operations["acquire"], "POST", CONFD, json_body={"number": number})


    def parse(self, body: dict, operation: str) -> Number:
        return Number(self.field(body, operation, "number"), self.field(body, operation, "uuid"), body.get("caller_id_name"))

    def item_path(self, handle: str) -> str:
        return f"{CONFD}/{handle}"

    def list_page(self, page_size: int, cursor: str | None) -> tuple[list[Number], str | None]:
        operation = self.operations["list"]
        offset = int(cursor or 0)
        reply = self.http.call(operation, "GET", CONFD, params={"limit": page_size, "offset": offset})
        body = self.expect(reply, operation, 200)
        items = self.field(body, operation, "items", kind=list)
        total = self.field(body, operation, "total", kind=int)
        following = offset + len(items)
        return [self.parse(item, operation) for item in items], (str(following) if items and following < total else None)

    def update_label(self, handle: str, label: str) -> Number:
        operation = self.operations["update"]
        self.expect(self.http.call(operation, "PUT", self.item_path(handle), json_body={"caller_id_name": label}), operation, 204)
        found = self.read(handle)
        if found is None:
            raise ContractBroken("get_phone_number", "the number updated a moment ago is not found")
        return found

    def bad_input(self) -> ErrorCase:
        acquire = self.operations["acquire"]
        return ErrorCase(f"{acquire} of a number that is not digits",
                         lambda: self.try_acquire("abc"), 400, "Input Error")

    @staticmethod
    def error_problems(reply: Reply) -> list[str]:
        """wazo-confd answers a JSON list of messages, each ``"<category> - <detail>"``."""
        body = reply.body
        if not isinstance(body, list) or not body or not all(isinstance(m, str) for m in body):
            return [f"the body is not a list of messages: {short(body)}"]
        return [f"message {m!r} is not '<category> - <detail>'" for m in body if " - " not in m]

    @staticmethod
    def error_code(body: Any) -> str | None:
        return body[0].split(" - ", 1)[0] if isinstance(body, list) and body and isinstance(body[0], str) else None
