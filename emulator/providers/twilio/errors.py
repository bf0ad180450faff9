"""Twilio's JSON errors: ``{"code", "message", "more_info", "status"}``, with Twilio's codes.

Codes: 20003 authentication (401, with ``detail``), 20404 not found (the message names the path, as
Twilio's does), 20004 method not allowed, 21421 invalid PhoneNumber, 21422 number not available,
21451 invalid AreaCode, 21452 no numbers found, 20002 invalid FriendlyName, 21402 invalid URL.
A parameter with no dedicated code gets 20001 with "Invalid parameter: <name>" (Twilio documents no
generic code for the 2010 API; this one is our choice, noted in the README).
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import has_request_context, request
from werkzeug.exceptions import HTTPException

from ...core.errors import CoreError, FailedPrecondition, InvalidArgument, NoneAvailable, NotAvailable, NotFound
from ...surface import AuthError, ProviderError
from ...validation import ValidationFailure
from .dialect import Dialect

NOT_FOUND = 20404
AUTHENTICATION = 20003
METHOD_NOT_ALLOWED = 20004
INVALID_PARAMETER = 20001
INVALID_FRIENDLY_NAME = 20002
INVALID_URL = 21402
INVALID_PHONE_NUMBER = 21421
NOT_AVAILABLE = 21422
INVALID_AREA_CODE = 21451
NO_NUMBERS_FOUND = 21452
AREA_CODE_NOT_SUPPORTED = 21457

# Parameters whose errors have a code of their own.
FIELD_CODES = {
    "PhoneNumber": INVALID_PHONE_NUMBER,
    "AreaCode": INVALID_AREA_CODE,
    "FriendlyName": INVALID_FRIENDLY_NAME,
}
URL_FIELDS = frozenset({"VoiceUrl", "VoiceFallbackUrl", "SmsUrl", "SmsFallbackUrl", "StatusCallback"})


class TwilioFailure(ProviderError):
    """A failure with a Twilio code chosen by the view."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def field_code(name: str) -> int:
    if name in URL_FIELDS:
        return INVALID_URL
    return FIELD_CODES.get(name, INVALID_PARAMETER)


class ErrorRenderer:
    """Any failure -> (Twilio body, HTTP status, headers), links per dialect."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    def body(self, status: int, code: int, message: str, **extra: Any) -> dict[str, Any]:
        return {"code": code, "message": message, "more_info": f"{self.dialect.error_docs}{code}", "status": status, **extra}

    def not_found(self) -> tuple[dict, int, Mapping[str, str]]:
        path = request.path if has_request_context() else ""
        return self.body(404, NOT_FOUND, f"The requested resource {self._public(path)} was not found"), 404, {}

    def _public(self, path: str) -> str:
        """The path as the client addressed the provider (without the emulator's prefix)."""
        for root in self.dialect.api_roots + ("/v1",):
            at = path.find(root + "/")
            if at >= 0:
                return path[at:]
        return path

    def __call__(self, error: Exception) -> tuple[dict, int, Mapping[str, str]]:
        if isinstance(error, TwilioFailure):
            return self.body(error.status, error.code, error.message), error.status, {}
        if isinstance(error, ValidationFailure):
            if error.status != 400:
                return self.body(error.status, error.status, error.message), error.status, {}
            return self.body(400, field_code(error.field), f"Invalid parameter: {error.field}. {error.message}"), 400, {}
        if isinstance(error, AuthError):
            body = self.body(401, AUTHENTICATION, error.message, detail="Your AccountSid or AuthToken was incorrect.")
            return body, 401, {"WWW-Authenticate": self.dialect.realm}
        if isinstance(error, NotAvailable):  # (before NotFound: both are kinds of it)
            return self.body(400, NOT_AVAILABLE, "PhoneNumber requested is not available"), 400, {}
        if isinstance(error, NoneAvailable):
            return self.body(400, NO_NUMBERS_FOUND, "No phone numbers found"), 400, {}
        if isinstance(error, NotFound):
            return self.not_found()
        if isinstance(error, InvalidArgument):
            code = field_code(error.field)
            return self.body(400, code, f"Invalid parameter: {error.field}. {error.message}"), 400, {}
        if isinstance(error, (FailedPrecondition, CoreError)):
            return self.body(400, INVALID_PARAMETER, str(error)), 400, {}
        if isinstance(error, HTTPException):
            status = error.code or 500
            if status == 404:
                return self.not_found()
            code = getattr(error, "provider_code", None) or (METHOD_NOT_ALLOWED if status == 405 else status)
            return self.body(status, code, error.description or error.name), status, {}
        return self.body(500, 500, "Internal error"), 500, {}
