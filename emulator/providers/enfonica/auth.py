"""Enfonica's REST auth: ``Authorization: Bearer <token>``, each token allowed on some projects.

Every instance method names its project in the path; the token must be allowed there (403
otherwise, in IAM's words). Search needs only a valid token. ``move`` also needs the destination
project (checked by its view, which knows the destination)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask import request

from ...auth import bearer_token, same_secret
from ...config import BearerGrant
from ...surface import AuthError
from .errors import CHALLENGE, INVALID, MISSING, PermissionDenied

PERMISSIONS = {
    "CreatePhoneNumberInstance": "numbering.phoneNumberInstances.create",
    "GetPhoneNumberInstance": "numbering.phoneNumberInstances.get",
    "ListPhoneNumberInstances": "numbering.phoneNumberInstances.list",
    "UpdatePhoneNumberInstance": "numbering.phoneNumberInstances.update",
    "DeletePhoneNumberInstance": "numbering.phoneNumberInstances.delete",
    "MovePhoneNumberInstance": "numbering.phoneNumberInstances.move",
    "SplitRangePhoneNumberInstance": "numbering.phoneNumberInstances.splitRange",
}


class ProjectTokens:
    def __init__(self, grants: Iterable[BearerGrant]) -> None:
        self.grants = tuple(grants)

    def grant_for(self, token: str) -> BearerGrant | None:
        return next((g for g in self.grants if same_secret(token, g.token)), None)

    def __call__(self, operation_id: str, path_params: Mapping[str, str]) -> BearerGrant:
        token = bearer_token(request.headers.get("Authorization"))
        if token is None:
            raise AuthError(401, MISSING, CHALLENGE)
        grant = self.grant_for(token)
        if grant is None:
            raise AuthError(401, INVALID, f'{CHALLENGE}, error="invalid_token"')
        project = path_params.get("project")
        if project is not None:
            require(grant, operation_id, project)
        return grant


def require(grant: BearerGrant, operation_id: str, project: str) -> None:
    """Raise PermissionDenied unless ``grant`` may run ``operation_id`` on ``project``."""
    if project not in grant.projects:
        raise PermissionDenied(PERMISSIONS[operation_id], f"projects/{project}")
