"""The mutable fields of a PhoneNumberInstance: their limits beyond the spec's, the update mask, and
how a request's values land in a core record's settings."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...core.errors import InvalidArgument
from ...core.world import OwnedNumber
from ...urls import is_http_url
from . import shapes

DISPLAY_NAME = "displayName"
MUTABLE = (DISPLAY_NAME, shapes.LABELS, shapes.MESSAGE_URIS, shapes.CALL_URIS, shapes.RECORDING)
OUTPUT_ONLY = ("name", "createTime", "deleteTime", "activateTime", "lifecycleState", "range", "compliant", shapes.LISTING)
SET_ON_CREATE_ONLY = ("phoneNumber",)
DEFAULTS: dict[str, Any] = {DISPLAY_NAME: "", shapes.LABELS: {}, shapes.MESSAGE_URIS: [], shapes.CALL_URIS: [],
                            shapes.RECORDING: shapes.DEFAULT_RECORDING}

_SIP = re.compile(r"^sip:[!-9;-?A-~]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:([0-9]{1,5}))?$")
_TEL = re.compile(r"^tel:\+[0-9]{1,15}$")
_LISTING = re.compile(r"^projects/([^/]+)/regulatoryListings/[^/]+$")


def _camel(path: str) -> str:
    head, *rest = path.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def check_uris(field: str, uris: list[str], *, calls: bool) -> None:
    """Message handlers: http(s) URLs with a host. Call handlers also sip:user@domain[:port], tel:+number."""
    for i, uri in enumerate(uris):
        if is_http_url(uri):
            continue
        if calls:
            sip = _SIP.match(uri)
            if (sip and (sip.group(3) is None or 0 < int(sip.group(3)) < 65536)) or _TEL.match(uri):
                continue
            allowed = "an http(s) URL, sip:user@domain[:port] or tel:+number"
        else:
            allowed = "an http(s) URL"
        raise InvalidArgument(f"{field}.{i}", f"{field}.{i} must be {allowed}")


def check_listing(value: str, project: str, field: str = shapes.LISTING) -> str:
    match = _LISTING.match(value)
    if not match or match.group(1) != project:
        raise InvalidArgument(field, f"{field} must be a regulatory listing of projects/{project}")
    return value


def validated(body: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The values of ``fields`` in ``body``, checked beyond what the spec can say."""
    values = {f: body.get(f, DEFAULTS[f]) for f in fields}
    for field, calls in ((shapes.MESSAGE_URIS, False), (shapes.CALL_URIS, True)):
        if field in values:
            check_uris(field, values[field], calls=calls)
    if values.get(shapes.RECORDING) == "RECORDING_TRIGGER_UNSPECIFIED":
        values[shapes.RECORDING] = shapes.DEFAULT_RECORDING
    return values


def mask_fields(body: Mapping[str, Any], mask: str | None, record: OwnedNumber) -> tuple[str, ...]:
    """The fields an update changes: the mask's paths (``*``: all mutable fields), or without a mask
    the mutable fields the body sets (AIP-134). Output-only paths and ``phoneNumber`` are refused."""
    if mask is None or not mask.strip():
        sent = body.get("phoneNumber")
        if sent and (sent.get("phoneNumber", record.number) != record.number):
            raise InvalidArgument("phoneNumber", "phoneNumber can only be set on creation")
        return tuple(f for f in MUTABLE if f in body)
    chosen: list[str] = []
    for raw in mask.split(","):
        path = _camel(raw.strip())
        if path == "*":
            return MUTABLE
        if path in SET_ON_CREATE_ONLY or path.startswith("phoneNumber."):
            raise InvalidArgument("updateMask", "phoneNumber can only be set on creation")
        if path in OUTPUT_ONLY:
            raise InvalidArgument("updateMask", f"{raw.strip()} is output only")
        top = path.split(".", 1)[0]
        if top not in MUTABLE or (path != top and top != shapes.LABELS):
            raise InvalidArgument("updateMask", f"{raw.strip()} is not a field of PhoneNumberInstance")
        if top not in chosen:
            chosen.append(top)
    return tuple(chosen)


def apply(record: OwnedNumber, values: Mapping[str, Any]) -> OwnedNumber:
    """Write checked values onto a record copy (the world's update/configure callback)."""
    settings = dict(record.settings or {})
    for field, value in values.items():
        if field == DISPLAY_NAME:
            record.display_name = value
        else:
            settings[field] = value
    record.settings = settings
    return record
