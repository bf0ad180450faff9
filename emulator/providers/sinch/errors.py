"""Sinch's JSON error shape: ``{"error": {"code", "message", "status", "details"}}``."""
from __future__ import annotations

from typing import Mapping

from flask import g, has_request_context

from ...google_errors import error_body, render
from ...surface import AuthError
from ...validation import ValidationFailure


def bad_request(field: str, message: str) -> dict:
    return error_body(400, message, [{"type": "BadRequest", "fieldViolations": [{"field": field, "description": message}]}])


def resource_info(resource_type: str, resource_name: str) -> dict[str, str]:
    return {"type": "ResourceInfo", "resourceType": resource_type, "resourceName": resource_name, "owner": "", "description": ""}


TOKEN_OPERATION = "Auth_CreateToken"


def oauth_error(error: Exception) -> tuple[dict, int, Mapping[str, str]]:
    """The token endpoint answers as OAuth2 servers do (RFC 6749 section 5.2)."""
    if isinstance(error, AuthError):
        body = {"error": "invalid_client", "error_description": error.message}
        return body, 401, {"WWW-Authenticate": error.challenge}
    if isinstance(error, ValidationFailure) and error.field == "grant_type":
        return {"error": "unsupported_grant_type", "error_description": error.message}, 400, {}
    message = getattr(error, "message", None) or getattr(error, "description", None) or "invalid request"
    return {"error": "invalid_request", "error_description": str(message)}, 400, {}


def render_error(error: Exception) -> tuple[dict, int, Mapping[str, str]]:
    """Any failure -> (Sinch body, HTTP status, headers)."""
    if has_request_context() and g.get("operation_id") == TOKEN_OPERATION:
        return oauth_error(error)
    return render(error, bad_request, resource_info)
