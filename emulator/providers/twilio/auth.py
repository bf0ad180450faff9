"""HTTP Basic with an account SID and auth token, or an API key SID and secret.

Either acts for one account. A path naming another account answers 404 20404, as if it did not
exist: an account sees only its own numbers.
"""
from __future__ import annotations

from typing import Mapping

from flask import request

from ...auth import CredentialBook, basic_credentials
from ...config import Credential
from ...core.errors import NotFound
from ...surface import AuthError


class AccountAuth:
    def __init__(self, credentials: tuple[Credential, ...]) -> None:
        self.book = CredentialBook(credentials)

    def __call__(self, operation_id: str, path_params: Mapping[str, str]) -> Credential:
        given = basic_credentials(request.environ.get("HTTP_AUTHORIZATION"))
        if given is None:
            raise AuthError(401, "Authentication Error - No credentials provided")
        credential = self.book.check(given)
        if credential is None:
            raise AuthError(401, "Authentication Error - invalid username")
        account = path_params.get("AccountSid")
        if account is not None and account != credential.account:
            raise NotFound("Account", account)
        return credential
