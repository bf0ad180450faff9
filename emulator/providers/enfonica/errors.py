"""Enfonica's errors: Google's ``{"error": {code, message, status, details}}`` with google.rpc details
(``@type`` type.googleapis.com/google.rpc.BadRequest, ResourceInfo, ErrorInfo)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any


from ...google_errors import error_body, render
from ...surface import AuthError

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


def resource_info(resource_type: str, resource_name: str) -> dict:
    return {"@type": RPC + "ResourceInfo", "resourceType": resource_type, "resourceName": resource_name}


def render_error(error: Exception) -> tuple[dict, int, Mapping[str, str]]:
    """Any failure -> (Google error body, HTTP status, headers)."""
    if isinstance(error, PermissionDenied):
        info: dict[str, Any] = {
            "@type": RPC + "ErrorInfo",
            "reason": "IAM_PERMISSION_DENIED",
            "domain": DOMAIN,
            "metadata": {"permission": error.permission, "resource": error.resource},
        }
        return error_body(403, error.message, [info]), 403, {}
    return render(error, bad_request, resource_info, "Internal error encountered.")
