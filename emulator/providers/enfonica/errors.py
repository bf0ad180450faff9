"""Enfonica's errors: Google's ``{"error": {code, message, status, details}}`` with google.rpc details
(``@type`` type.googleapis.com/google.rpc.BadRequest, ResourceInfo, ErrorInfo)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from werkzeug.exceptions import HTTPException

from ...core.errors import AlreadyExists, CoreError, FailedPrecondition, InvalidArgument, NotFound
from ...google_errors import error_body
from ...surface import AuthError
from ...validation import ValidationFailure

RPC = "type.googleapis.com/google.rpc."
DOMAIN = "numbering.api.enfonica.com"
CHALLENGE = 'Bearer realm="https://api.enfonica.com/"'
MISSING = (
    "Request is missing required authentication credential. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential."
)
INVALID = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential."
)


class PermissionDenied(AuthError):
    """The token may not use ``permission`` on ``resource`` (a project)."""

    def __init__(self, permission: str, resource: str) -> None:
        super().__init__(403, f"Permission '{permission}' denied on resource '{resource}' (or it may not exist).")
        self.permission = permission
        self.resource = resource


def bad_request(field: str, message: str) -> dict:
    return error_body(400, message, [{"@type": RPC + "BadRequest", "fieldViolations": [{"field": field, "description": message}]}])


def render_error(error: Exception) -> tuple[dict, int, Mapping[str, str]]:
    """Any failure -> (Google error body, HTTP status, headers)."""
    if isinstance(error, ValidationFailure):
        if error.status == 400:
            return bad_request(error.field, error.message), 400, {}
        return error_body(error.status, error.message), error.status, {}
    if isinstance(error, PermissionDenied):
        info: dict[str, Any] = {
            "@type": RPC + "ErrorInfo",
            "reason": "IAM_PERMISSION_DENIED",
            "domain": DOMAIN,
            "metadata": {"permission": error.permission, "resource": error.resource},
        }
        return error_body(403, error.message, [info]), 403, {}
    if isinstance(error, AuthError):
        headers = {"WWW-Authenticate": error.challenge or CHALLENGE} if error.status == 401 else {}
        return error_body(error.status, error.message), error.status, headers
    if isinstance(error, InvalidArgument):
        return bad_request(error.field, error.message), 400, {}
    if isinstance(error, AlreadyExists):
        return error_body(409, error.message), 409, {}
    if isinstance(error, NotFound):
        info = {"@type": RPC + "ResourceInfo", "resourceType": error.resource_type, "resourceName": error.resource_name}
        return error_body(404, error.message, [info]), 404, {}
    if isinstance(error, FailedPrecondition):
        return error_body(400, error.message, word="FAILED_PRECONDITION"), 400, {}
    if isinstance(error, HTTPException):
        status = error.code or 500
        return error_body(status, error.description or error.name), status, {}
    if isinstance(error, CoreError):
        return error_body(400, error.message, word="FAILED_PRECONDITION"), 400, {}
    return error_body(500, "Internal error encountered."), 500, {}
