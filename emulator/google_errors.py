"""The error body of Google-style JSON APIs (AIP-193), which Sinch and Enfonica both answer with:
``{"error": {"code", "message", "status", "details"}}``. Each provider shapes its own details."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from werkzeug.exceptions import HTTPException

from .core.errors import AlreadyExists, CoreError, InvalidArgument, NotFound
from .surface import AuthError
from .validation import ValidationFailure

# HTTP status -> canonical status word (google.rpc.Code).
STATUS_WORDS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "UNIMPLEMENTED",
    409: "ALREADY_EXISTS",
    413: "INVALID_ARGUMENT",
    415: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
}


def error_body(status: int, message: str, details: list[dict[str, Any]] | None = None, word: str | None = None) -> dict:
    return {
        "error": {
            "code": status,
            "message": message,
            "status": word or STATUS_WORDS.get(status, "UNKNOWN"),
            "details": details or [],
        }
    }


def render(
    error: Exception,
    bad_request: Callable[[str, str], dict],
    resource_info: Callable[[str, str], dict],
    internal_message: str = "internal error",
) -> tuple[dict, int, Mapping[str, str]]:
    """Any failure -> (body, HTTP status, headers), the way Google-style APIs map them; a provider
    passes its own shape of BadRequest and ResourceInfo details and handles its special cases first."""
    if isinstance(error, ValidationFailure):
        if error.status == 400:
            return bad_request(error.field, error.message), 400, {}
        return error_body(error.status, error.message), error.status, {}
    if isinstance(error, AuthError):
        headers = {"WWW-Authenticate": error.challenge} if error.status == 401 and error.challenge else {}
        return error_body(error.status, error.message), error.status, headers
    if isinstance(error, InvalidArgument):
        return bad_request(error.field, error.message), 400, {}
    if isinstance(error, AlreadyExists):
        return error_body(409, error.message), 409, {}
    if isinstance(error, NotFound):
        return error_body(404, error.message, [resource_info(error.resource_type, error.resource_name)]), 404, {}
    if isinstance(error, HTTPException):
        status = error.code or 500
        return error_body(status, error.description or error.name), status, {}
    if isinstance(error, CoreError):  # FailedPrecondition and any other refusal of a state
        return error_body(400, error.message, word="FAILED_PRECONDITION"), 400, {}
    return error_body(500, internal_message), 500, {}
