"""``openapi/signalwire-compat.yaml`` is derived from ``openapi/twilio.yaml``: SignalWire's
Twilio-compatible API is the Twilio dialect in another configuration, so its contract is Twilio's
with SignalWire's differences applied, here, in one place:

- served at ``/api/laml/2010-04-01`` (also ``/2010-04-01``, and without ``.json``: routing aliases);
- project ids and number sids are UUIDs (no ``AC``/``PN`` SIDs), ``uri`` fields follow;
- numbers listed: Local and TollFree (SignalWire documents no other type); no Pricing v1;
- available numbers' capabilities are ``{voice, SMS, MMS}`` (SignalWire's casing, no fax);
- IncomingPhoneNumber also carries ``account_id`` (the project id), and no ``subresource_uris``;
  ``origin`` is ``signalwire``; its ``friendly_name`` may be as long as the REST API's ``name`` (255):
  both name the same number, and a name set there is answered here (FriendlyName sent here stays 64);
- errors link to SignalWire's error-code page.

``python -m emulator.providers.signalwire.compat_spec`` rewrites the file; a test checks it is current.
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

from ...specs import load_spec, spec_dir

ROOT = "/api/laml/2010-04-01"
UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
KEPT_TYPES = ("Local", "TollFree")
DROPPED_INCOMING = ("Mobile",)
HEADER = """\
# GENERATED from openapi/twilio.yaml by emulator/providers/signalwire/compat_spec.py -- do not edit.
# SignalWire's Twilio-compatible ("LaML" / cXML) phone-number API, as the emulator serves it under
# /signalwire. The differences from Twilio are listed in that module's docstring.
"""


def _rewrite_strings(node: Any) -> Any:
    """Ids and URI patterns: AC/PN SIDs become UUIDs, the root becomes /api/laml/2010-04-01."""
    if isinstance(node, dict):
        out = {k: _rewrite_strings(v) for k, v in node.items()}
        pattern = out.get("pattern")
        if isinstance(pattern, str) and pattern in ("^AC[0-9a-fA-F]{32}$", "^PN[0-9a-fA-F]{32}$"):
            out["pattern"] = f"^{UUID}$"
            for bound in ("minLength", "maxLength"):
                if bound in out:
                    out[bound] = 36
        return out
    if isinstance(node, list):
        return [_rewrite_strings(v) for v in node]
    if isinstance(node, str) and "2010-04-01" in node and node.startswith("^/2010-04-01"):
        text = node.replace("^/2010-04-01", "^" + ROOT)
        for sid in ("AC[0-9a-fA-F]{32}", "AC[0-9a-f]{32}", "PN[0-9a-fA-F]{32}", "PN[0-9a-f]{32}"):
            text = text.replace(sid, UUID)
        return text.replace("(Local|TollFree|Mobile|National|Voip|SharedCost|MachineToMachine)", "(Local|TollFree)") \
                   .replace("(/Local|/Mobile|/TollFree)", "(/Local|/TollFree)")
    return node


def compat_spec(twilio: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(twilio)
    spec["info"] = {
        **spec.get("info", {}),
        "title": "SignalWire Compatibility API: phone numbers (numbers-emulator)",
        "description": "SignalWire's Twilio-compatible API for available and incoming phone numbers, "
                       "derived from the emulator's Twilio contract (see compat_spec.py).",
    }
    spec["servers"] = [{"url": "http://127.0.0.1:6862/signalwire"}, {"url": "https://{space}.signalwire.com",
                                                                      "variables": {"space": {"default": "example"}}}]
    paths = {}
    for path, item in spec["paths"].items():
        if path.startswith("/v1/"):
            continue  # no Pricing v1
        if "/AvailablePhoneNumbers/{CountryCode}/" in path and not path.endswith(tuple(f"/{t}.json" for t in KEPT_TYPES)):
            continue
        if path.endswith(tuple(f"/IncomingPhoneNumbers/{t}.json" for t in DROPPED_INCOMING)):
            continue
        paths[ROOT + path[len("/2010-04-01"):]] = item
    spec["paths"] = paths
    _drop_dangling_links(spec)
    schemas = spec["components"]["schemas"]
    schemas["AvailablePhoneNumber"]["properties"]["capabilities"] = {"$ref": "#/components/schemas/SignalWireCapabilities"}
    schemas["SignalWireCapabilities"] = {
        "type": "object", "additionalProperties": False, "required": ["voice", "SMS", "MMS"],
        "description": "SignalWire's casing for an available number's capabilities (no fax).",
        "properties": {"voice": {"type": "boolean"}, "SMS": {"type": "boolean"}, "MMS": {"type": "boolean"}},
    }
    incoming = schemas["IncomingPhoneNumber"]
    incoming["properties"]["origin"] = {"type": ["string", "null"], "enum": ["signalwire", "hosted", None]}
    incoming["properties"]["account_id"] = {"type": "string", "pattern": f"^{UUID}$",
                                            "description": "The project id (SignalWire sends it next to account_sid)."}
    incoming["required"] = [*incoming["required"], "account_id"]
    incoming["properties"]["type"] = {"type": ["string", "null"], "enum": ["local", "toll-free", "mobile", None]}
    incoming["properties"]["friendly_name"] = {**incoming["properties"]["friendly_name"], "maxLength": 255}
    del incoming["properties"]["subresource_uris"]  # SignalWire sends none
    incoming["required"] = [name for name in incoming["required"] if name != "subresource_uris"]
    return _rewrite_strings(spec)


def _drop_dangling_links(spec: dict[str, Any]) -> None:
    """Links to operations this configuration doesn't serve."""
    kept = {op["operationId"] for item in spec["paths"].values() for op in item.values()
            if isinstance(op, dict) and "operationId" in op}
    for item in spec["paths"].values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for response in op.get("responses", {}).values():
                links = response.get("links") if isinstance(response, dict) else None
                if links:
                    for name in [n for n, link in links.items() if link.get("operationId") not in kept]:
                        del links[name]


def render() -> str:
    return HEADER + yaml.safe_dump(compat_spec(load_spec("twilio")), sort_keys=False, allow_unicode=True, width=100)


def main() -> None:
    target = Path(spec_dir()) / "signalwire-compat.yaml"
    target.write_text(render())
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
