"""HTTP Basic with a SignalWire project ID and API token: the relay REST API's only way in.

A project sees only its own numbers; the tenant of a project is ``"signalwire/<project id>"``,
shared with the compatibility (LaML) API so both show the same numbers.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask import request

from ...auth import CredentialBook, basic_credentials
from ...config import Credential
from ...surface import AuthError
from .relay_errors import CHALLENGE

NAME = "signalwire"


def tenant(project: str) -> str:
    return f"{NAME}/{project}"


class ProjectAuth:
    def __init__(self, credentials: tuple[Credential, ...]) -> None:
        self.book = CredentialBook(credentials)

    def __call__(self, operation_id: str, path_params: Mapping[str, str]) -> Credential:
        credential = self.book.check(basic_credentials(request.environ.get("HTTP_AUTHORIZATION")))
        if credential is None:
            raise AuthError(401, "Unauthorized", CHALLENGE)
        return credential
