"""The relay REST API's error shapes.

``/api/relay/rest`` answers JSON:API-style ``{"errors": [{detail, status, title, code}]}`` for
invalid requests (422) and a bare ``{"error": "..."}`` for 401 and 404; see ``openapi/signalwire.yaml``.
Every validation failure, rule violation and unavailable number is 422, its detail naming the field.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from werkzeug.exceptions import HTTPException

from ...core.errors import CoreError, InvalidArgument, NotAvailable, NotFound
from ...surface import AuthError, ProviderError
from ...validation import ValidationFailure

CHALLENGE = 'Basic realm="SignalWire"'
TITLE = "Invalid Attribute"
TOO_LARGE = "Payload Too Large"


class RelayInvalid(ProviderError):
    """A request breaking one of the API's rules; ``field`` names the offending field(s)."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field
        self.detail = detail


def invalid(detail: str) -> dict[str, Any]:
    return {"errors": [{"detail": detail, "status": "422", "title": TITLE, "code": "422"}]}


def _detail(field: str, message: str) -> str:
    """A detail that names the field, without saying it twice."""
    return message if field and field in message else f"{field}: {message}" if field else message


def render_error(error: Exception) -> tuple[dict[str, Any], int, Mapping[str, str]]:
    """Any failure -> (relay body, HTTP status, headers)."""
    if isinstance(error, AuthError):
        return {"error": "Unauthorized"}, 401, {"WWW-Authenticate": CHALLENGE}
    if isinstance(error, ValidationFailure):
        if error.status == 413:
            return {"error": TOO_LARGE}, 413, {}
        return invalid(_detail(error.field, error.message)), 422, {}
    if isinstance(error, RelayInvalid):
        return invalid(_detail(error.field, error.detail)), 422, {}
    if isinstance(error, NotAvailable):
        return invalid(f"number {error.resource_name} is not available for purchase"), 422, {}
    if isinstance(error, NotFound):
        return {"error": "Not Found"}, 404, {}
    if isinstance(error, InvalidArgument):
        return invalid(_detail(error.field, error.message)), 422, {}
    if isinstance(error, CoreError):
        return invalid(error.message), 422, {}
    if isinstance(error, HTTPException):
        status = error.code or 500
        if status == 413:
            return {"error": TOO_LARGE}, 413, {}
        return {"error": error.name}, status, {}
    return {"error": "Internal Server Error"}, 500, {}
