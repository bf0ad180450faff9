"""``phoneNumbers:search``: the inventory's single numbers, or its blocks (``rangeSize=100``), for a
country, number type, prefix and capabilities, in pages of an offset behind an opaque token."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import phonenumbers

from ... import page_tokens
from ...core import LOCAL, MOBILE, TOLL_FREE, NumberQuery, World
from . import shapes

TYPES = (LOCAL, MOBILE, TOLL_FREE)  # what the core sells; NATIONAL and SHARED_RATE find nothing
CAPABILITY_PARAMS = {"supportsVoice": "VOICE", "supportsSms": "SMS", "supportsMms": "MMS"}
MAX_OFFSET = 1000  # deeper pages are empty, as a real search stops somewhere
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 10, 100


def page_size(params: Mapping[str, Any]) -> int:
    """AIP-158: 0 or absent is the default; above the maximum is coerced down."""
    return min(params.get("pageSize") or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _queries(params: Mapping[str, Any]) -> list[NumberQuery]:
    region = params["countryCode"].upper()
    country_code = phonenumbers.country_code_for_region(region)
    if not country_code:
        return []
    requested = params.get("numberType") or "PHONE_NUMBER_TYPE_UNSPECIFIED"
    types = TYPES if requested == "PHONE_NUMBER_TYPE_UNSPECIFIED" else tuple(t for t in TYPES if t == requested)
    prefix = params.get("prefix") or ""
    if prefix.startswith("0"):
        prefix = prefix[1:]
    capabilities = frozenset(c for param, c in CAPABILITY_PARAMS.items() if params.get(param))
    return [NumberQuery(region, t, f"+{country_code}{prefix}", capabilities=capabilities) for t in types]


def search(params: Mapping[str, Any], world: World) -> dict[str, Any]:
    size = page_size(params)
    blocks = params.get("rangeSize", 1) > 1
    kind = "search|" + "|".join(str(params.get(k, "")) for k in
                                ("countryCode", "numberType", "prefix", *CAPABILITY_PARAMS, "rangeSize"))
    offset = page_tokens.decode_position(params["pageToken"], kind) if params.get("pageToken") else 0
    wanted = min(offset + size + 1, MAX_OFFSET + 1)
    found: list[dict[str, Any]] = []
    for query in _queries(params):
        if len(found) >= wanted:
            break
        if blocks:
            found += [shapes.phone_number(o, span) for span, o in world.search_ranges(query, wanted - len(found))]
        else:
            found += [shapes.phone_number(o) for o in world.search(query, wanted - len(found))]
    page = found[offset : offset + size]
    body: dict[str, Any] = {"phoneNumbers": page} if page else {}
    if len(found) > offset + size:
        body["nextPageToken"] = page_tokens.encode(kind, str(offset + size))
    return body
