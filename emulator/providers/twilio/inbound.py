"""Inbound webhooks in the Twilio 2010 dialect (Twilio, and SignalWire's compatibility API with its
own sids, header and signing key): what an incoming message or call sends to the number's SmsUrl /
VoiceUrl with their methods, SmsFallbackUrl / VoiceFallbackUrl when the primary fails, and the
StatusCallback once a call ends. Parameters as Twilio documents them for TwiML requests
(twilio.com/docs/messaging/guides/webhook-request, twilio.com/docs/voice/twiml#request-parameters);
the signature as twilio.com/docs/usage/security computes it. A fallback request also carries
``ErrorCode`` (11200, "HTTP retrieval failure", whatever the primary's failure was: our simplification)
and ``ErrorUrl`` (the primary URL), as Twilio's fallback requests do. Twilio does not retry."""
from __future__ import annotations

from typing import Any, Callable
from urllib.parse import urlencode

import phonenumbers

from ...core.ids import IdGenerator
from ...core.world import OwnedNumber
from ...inbound import CALL, MESSAGE, NoHandler, Plan, Target
from ...inbound.delivery import HttpRequest
from ...inbound.signing import twilio_signature
from .dialect import Dialect
from .shapes import API_VERSION, DEFAULT_SETTINGS, rfc2822

WEBHOOK_KIND = "laml_webhooks"
FALLBACK_ERROR = "11200"  # HTTP retrieval failure
GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
           "¿abcdefghijklmnopqrstuvwxyzäöñüà")
MEDIA_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
               "mp4": "video/mp4", "mp3": "audio/mpeg", "pdf": "application/pdf", "vcf": "text/vcard"}


def segments(body: str) -> int:
    """SMS segments: 160 GSM-7 characters (153 when split), else 70 UCS-2 (67 when split)."""
    single, part = (160, 153) if set(body) <= GSM7 else (70, 67)
    return 1 if len(body) <= single else -(-len(body) // part)


def country(number: str) -> str:
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(number)) or ""
    except phonenumbers.NumberParseException:
        return ""


def media_type(url: str) -> str:
    return MEDIA_TYPES.get(url.rsplit("?", 1)[0].rsplit(".", 1)[-1].lower(), "application/octet-stream")


class DialectInbound:
    """One configuration of the dialect; ``signing_key(account)`` is what signs its webhooks (Twilio:
    the account's auth token; SignalWire: the project's signing key)."""

    def __init__(self, dialect: Dialect, signing_key: Callable[[str], str]) -> None:
        self.dialect = dialect
        self.signing_key = signing_key

    def message(self, record: OwnedNumber, sender: str, to: str, body: str, media: list[str],
                ids: IdGenerator, now: float) -> Plan:
        settings = self._settings(record, MESSAGE)
        targets = self._targets(settings, "sms", "SmsUrl")
        sid = self.dialect.new_message_sid(ids)
        account = record.tenant.split("/", 1)[1]
        params = [
            ("ToCountry", country(to)), ("SmsMessageSid", sid), ("NumMedia", str(len(media))), ("SmsSid", sid),
            ("SmsStatus", "received"), ("Body", body), ("FromCountry", country(sender)), ("To", to),
            ("NumSegments", str(segments(body))), ("MessageSid", sid), ("AccountSid", account), ("From", sender),
            ("ApiVersion", API_VERSION),
        ]
        for i, url in enumerate(media):
            params += [(f"MediaContentType{i}", media_type(url)), (f"MediaUrl{i}", url)]
        return Plan(MESSAGE, self.dialect.name, record.tenant, to, sender, sid, targets,
                    self._render(account, params, targets[0].url))

    def call(self, record: OwnedNumber, sender: str, to: str, ids: IdGenerator, now: float) -> Plan:
        settings = self._settings(record, CALL)
        targets = self._targets(settings, "voice", "VoiceUrl")
        sid = self.dialect.new_call_sid(ids)
        account = record.tenant.split("/", 1)[1]
        params = [
            ("AccountSid", account), ("ApiVersion", API_VERSION), ("CallSid", sid), ("CallStatus", "ringing"),
            ("Called", to), ("CalledCountry", country(to)), ("Caller", sender), ("CallerCountry", country(sender)),
            ("Direction", "inbound"), ("From", sender), ("FromCountry", country(sender)), ("To", to),
            ("ToCountry", country(to)),
        ]
        plan = Plan(CALL, self.dialect.name, record.tenant, to, sender, sid, targets,
                    self._render(account, params, targets[0].url))
        if settings["status_callback"]:
            plan.after_answer = [Target(settings["status_callback"], _method(settings["status_callback_method"]),
                                        "statusCallback")]
            ended = [(k, "completed" if k == "CallStatus" else v) for k, v in params]
            ended += [("CallDuration", "0"), ("Duration", "0"), ("Timestamp", rfc2822(now))]
            plan.render_after = self._render(account, ended, "")
        return plan

    def _settings(self, record: OwnedNumber, kind: str) -> dict[str, Any]:
        settings = {**DEFAULT_SETTINGS, **(record.settings or {})}
        if self.dialect.handler_kind_keys:
            key = self.dialect.handler_kind_keys[0 if kind == MESSAGE else 1]
            handler = settings.get(key) or WEBHOOK_KIND
            if handler != WEBHOOK_KIND:
                raise NoHandler(f"{record.number}'s {key} is {handler}: only {WEBHOOK_KIND} sends webhooks")
        application = settings.get("sms_application_sid" if kind == MESSAGE else "voice_application_sid")
        if application:
            raise NoHandler(f"{record.number} hands its {kind}s to application {application}, which the emulator "
                            "does not model")
        return settings

    def _targets(self, settings: dict[str, Any], prefix: str, field: str) -> list[Target]:
        url, fallback = settings[f"{prefix}_url"], settings[f"{prefix}_fallback_url"]
        if not url:
            raise NoHandler(f"no {field} is configured for this number")
        targets = [Target(url, _method(settings[f"{prefix}_method"]), "primary")]
        if fallback:
            targets.append(Target(fallback, _method(settings[f"{prefix}_fallback_method"]), "fallback"))
        return targets

    def _render(self, account: str, base: list[tuple[str, str]], primary: str) -> Callable[[Target], HttpRequest]:
        def render(target: Target) -> HttpRequest:
            key = self.signing_key(account)
            params = base + ([("ErrorCode", FALLBACK_ERROR), ("ErrorUrl", primary)] if target.role == "fallback" else [])
            if target.method == "GET":
                url = target.url + ("&" if "?" in target.url else "?") + urlencode(params)
                signature, body, headers = twilio_signature(url, (), key), b"", {}
            else:
                url, body = target.url, urlencode(params).encode()
                signature = twilio_signature(url, params, key)
                headers = {"Content-Type": "application/x-www-form-urlencoded"}
            headers.update({name: signature for name in self.dialect.signature_headers})
            return HttpRequest(url, target.method, headers, body)

        return render


def _method(value: Any) -> str:
    return "GET" if str(value or "POST").upper() == "GET" else "POST"
