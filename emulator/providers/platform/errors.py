"""The platform's errors: ``{"error": {"status", "code", "message", "field"?}}``, the field named
whenever one is at fault (see decision 3 of ``openapi/platform.yaml``)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from werkzeug.exceptions import HTTPException

from ...core.errors import AlreadyExists, Conflict, CoreError, IllegalTransition, InvalidArgument, NotFound
from ...surface import AuthError, ProviderError
from ...validation import ValidationFailure

HTTP_CODES = {400: "VALIDATION_ERROR", 401: "UNAUTHENTICATED", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED",
              409: "CONFLICT", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 422: "UNPROCESSABLE"}


class Unprocessable(ProviderError):
    """Well formed, but the provider cannot do it (a number it does not sell or that is taken, a
    number the account does not hold); ``field`` names the request field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def body(status: int, message: str, field: str | None = None, code: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "code": code or HTTP_CODES.get(status, "INTERNAL"), "message": message}
    if field:
        error["field"] = field
    return {"error": error}


def render_error(error: Exception) -> tuple[dict[str, Any], int, Mapping[str, str]]:
    """Any failure -> (platform error body, HTTP status, headers)."""
    if isinstance(error, ValidationFailure):
        return body(error.status, error.message, error.field), error.status, {}
    if isinstance(error, AuthError):
        headers = {"WWW-Authenticate": error.challenge} if error.challenge else {}
        return body(error.status, error.message), error.status, headers
    if isinstance(error, Unprocessable):
        return body(422, error.message, error.field), 422, {}
    if isinstance(error, InvalidArgument):
        return body(400, error.message, error.field), 400, {}
    if isinstance(error, IllegalTransition):
        return body(409, error.message, "status", "INVALID_STATE_TRANSITION"), 409, {}
    if isinstance(error, Conflict):
        return body(409, error.message, error.field), 409, {}
    if isinstance(error, AlreadyExists):
        return body(409, error.message, next(iter(error.key), None)), 409, {}
    if isinstance(error, NotFound):
        return body(404, error.message), 404, {}
    if isinstance(error, CoreError):
        return body(409, error.message), 409, {}
    if isinstance(error, HTTPException):
        status = error.code or 500
        return body(status, error.description or error.name), status, {}
    return body(500, "Internal error"), 500, {}
