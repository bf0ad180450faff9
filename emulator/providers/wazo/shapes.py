"""Core records -> Wazo JSON, field for field and in Wazo's key order, as ``openapi/wazo.yaml`` defines it.

A phone number links to itself by an absolute URL, so its rendering depends on the host the client
used: :class:`PhoneNumbers` keeps one cache of rendered records (:class:`~emulator.surface.Fragments`)
per base URL.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ...core.directory import Listing
from ...surface import Fragments, Reply
from .auth import XIVO_UUID, Session, tenant_of

ITEMS_PATH = "/api/confd/1.1/phone-numbers"
REL = "phone_numbers"


def local_time(epoch: float) -> str:
    """wazo-auth's issued_at / expires_at: the stack's local time (UTC here), datetime.isoformat()."""
    return datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None).isoformat()


def utc_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def token(token_uuid: str, session: Session, acl: tuple[str, ...]) -> dict[str, Any]:
    """wazo-auth's Token.to_dict() for a wazo_user login."""
    user_uuid = session.user_uuid
    data: dict[str, Any] = {
        "token": token_uuid,
        "auth_id": user_uuid,
        "xivo_user_uuid": user_uuid,
        "xivo_uuid": XIVO_UUID,
        "issued_at": local_time(session.issued_at),
        "expires_at": local_time(session.expires_at),
        "utc_issued_at": utc_time(session.issued_at),
        "utc_expires_at": utc_time(session.expires_at),
        "acl": list(acl),
        "metadata": {
            "uuid": user_uuid,
            "tenant_uuid": session.tenant,
            "auth_id": user_uuid,
            "pbx_user_uuid": user_uuid,
            "xivo_uuid": XIVO_UUID,
            "purpose": "user",
        },
        "session_uuid": session.session_uuid,
        "remote_addr": session.remote_addr,
        "user_agent": session.user_agent,
    }
    if session.refresh_token:
        data["refresh_token"] = session.refresh_token
    return {"data": data}


def link(items_url: str, listing_id: str) -> dict[str, str]:
    return {"rel": REL, "href": f"{items_url}/{listing_id}"}


def phone_number(listing: Listing, items_url: str) -> dict[str, Any]:
    return {
        "uuid": listing.id,
        "tenant_uuid": tenant_of(listing.tenant),
        "number": listing.number,
        "caller_id_name": listing.name,
        "main": listing.main,
        "shared": listing.shared,
        "links": [link(items_url, listing.id)],
    }


class PhoneNumbers:
    """Rendered phone numbers, per base URL (a handful: the hosts clients use)."""

    MAX_BASES = 16

    def __init__(self) -> None:
        self._by_base: dict[str, Fragments] = {}

    def __call__(self, listing: Listing, items_url: str) -> tuple[Any, bytes]:
        fragments = self._by_base.get(items_url)
        if fragments is None:
            if len(self._by_base) >= self.MAX_BASES:
                self._by_base.clear()
            fragments = self._by_base[items_url] = Fragments()
        return fragments(listing, lambda record: phone_number(record, items_url))


def item_list(total: int, items: list[tuple[Any, bytes]]) -> Reply:
    """``{"total": n, "items": [...]}`` from pre-encoded items (wazo-confd's key order)."""
    payload = {"total": total, "items": [item for item, _ in items]}
    raw = b'{"total":%d,"items":[' % total + b",".join(encoded for _, encoded in items) + b"]}"
    return Reply(payload, raw=raw)


def range_result(created: list[Listing], existing: list[Listing], items_url: str) -> Reply:
    """POST /ranges: the new numbers' uuids; links to the new, then to those already listed."""
    payload = {
        "created": [{"uuid": listing.id} for listing in created],
        "links": [link(items_url, listing.id) for listing in (*created, *existing)],
        "total": len(created) + len(existing),
    }
    return Reply(payload, 201)
