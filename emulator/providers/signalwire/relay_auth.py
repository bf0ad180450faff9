"""HTTP Basic with a SignalWire project ID and API token: the relay REST API's only way in.

A project sees only its own numbers; the tenant of a project is ``"signalwire/<project id>"``,
shared with the compatibility (LaML) API so both show the same numbers.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask import request

from ...auth import basic_credentials, same_secret
from ...config import Credential
from ...surface import AuthError
from .relay_errors import CHALLENGE

NAME = "signalwire"


def tenant(project: str) -> str:
    return f"{NAME}/{project}"


class ProjectAuth:
    def __init__(self, credentials: tuple[Credential, ...]) -> None:
        self.by_user = {c.user: c for c in credentials}

    def __call__(self, operation_id: str, path_params: Mapping[str, str]) -> Credential:
        given = basic_credentials(request.environ.get("HTTP_AUTHORIZATION"))
        credential = self.by_user.get(given[0]) if given else None
        if given is None or credential is None or not same_secret(given[1], credential.secret):
            raise AuthError(401, "Unauthorized", CHALLENGE)
        return credential
