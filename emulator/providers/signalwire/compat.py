"""SignalWire's Twilio-compatible ("LaML") API: the Twilio dialect in SignalWire's configuration.

Served at ``/signalwire/api/laml/2010-04-01/...`` and at ``/signalwire/2010-04-01/...`` (the path
the ``signalwire`` Python SDK calls), with or without ``.json``. The tenant is the project, shared
with SignalWire's own REST API, so a number bought through either is seen by both.
"""
from __future__ import annotations

from ...config import Config
from ...core import World
from ...specs import load_spec
from ...surface import Surface
from ..twilio.dialect import KIND_BY_PATH, Dialect, uuid_sid
from ..twilio.routes import build_dialect_surface

SIGNALWIRE = Dialect(
    name="signalwire",
    api_roots=("/api/laml/2010-04-01", "/2010-04-01"),
    uri_root="/api/laml/2010-04-01",
    json_suffix_required=False,
    new_sid=uuid_sid,
    sid_pattern=r"[0-9a-fA-F-]{36}",
    origin="signalwire",
    error_docs="https://developer.signalwire.com/compatibility-api/reference/error-codes#",
    realm='Basic realm="SignalWire"',
    kinds=(KIND_BY_PATH["Local"], KIND_BY_PATH["TollFree"]),
    available_capability_keys=(("VOICE", "voice"), ("SMS", "SMS"), ("MMS", "MMS")),
    regions=frozenset({"US", "CA"}),
    pricing=False,
    spec_name="signalwire-compat",
    extra_fields=("account_id",),
    number_subresources=False,
    new_message_sid=uuid_sid,
    new_call_sid=uuid_sid,
    signature_headers=("X-SignalWire-Signature", "X-Twilio-Signature"),
    handler_kind_keys=("message_handler", "call_handler"),
)


def build_compat_surface(world: World, config: Config) -> Surface:
    return build_dialect_surface(world, config.signalwire_credentials, SIGNALWIRE, load_spec("signalwire-compat"),
                                 config, prefix="/signalwire")
