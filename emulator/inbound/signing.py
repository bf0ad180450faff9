"""The signatures providers put on the webhooks they send, each computed as the provider documents it
(and as its SDK's validator checks it: tests verify with those validators, not with this module).

- Twilio (and SignalWire's compatibility API, with the project's signing key): base64 of
  HMAC-SHA1(key, URL + every POST parameter's name and value, sorted by name); a GET's parameters
  are in the URL. ``twilio.request_validator.RequestValidator`` checks it.
- Sinch number events: lowercase hex of HMAC-SHA1(callback secret, raw body) in ``X-Sinch-Signature``
  (``sinch.domains.numbers.sinch_events.v1.SinchEvents.validate_authentication_header``).
- Enfonica: base64 of HMAC-SHA256(signing key, URL + value of ``X-Enfonica-Event`` + raw body) in
  ``X-Enfonica-Signature`` (enfonica.com/docs/cloud-sms/webhooks, "Security").
"""
from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable


def twilio_signature(url: str, params: Iterable[tuple[str, str]], key: str) -> str:
    data = url + "".join(name + value for name, value in sorted(params, key=lambda pair: pair[0]))
    return base64.b64encode(hmac.new(key.encode(), data.encode(), hashlib.sha1).digest()).decode()


def sinch_signature(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def enfonica_signature(url: str, event: str, body: bytes, key: str) -> str:
    data = url.encode() + event.encode() + body
    return base64.b64encode(hmac.new(key.encode(), data, hashlib.sha256).digest()).decode()
