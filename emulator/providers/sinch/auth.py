"""Sinch's two ways in: HTTP Basic with an access key, or an OAuth2 bearer token issued for one.

A key belongs to one project; a caller acting on another project's path gets 403, never its data.
"""
from __future__ import annotations

from typing import Mapping

from flask import request

from ...auth import basic_credentials, bearer_token, same_secret
from ...config import SinchKey
from ...core.tokens import EXPIRED, VALID, TokenStore
from ...surface import AuthError

CHALLENGE = 'Basic realm="Sinch", Bearer realm="Sinch"'
EXPIRED_CHALLENGE = 'Bearer error="invalid_token", error_description="Jwt expired"'
INVALID_CHALLENGE = 'Bearer error="invalid_token", error_description="Invalid token"'


class SinchAuth:
    def __init__(self, keys: tuple[SinchKey, ...], tokens: TokenStore[SinchKey]) -> None:
        self.keys = {k.key_id: k for k in keys}
        self.tokens = tokens

    def key_for_basic(self, header: str | None) -> SinchKey:
        """The access key named by Basic credentials (the token endpoint and /v1 calls)."""
        credentials = basic_credentials(header)
        if credentials is None:
            raise AuthError(401, "Missing or malformed credentials", CHALLENGE)
        key = self.keys.get(credentials[0])
        if key is None or not same_secret(credentials[1], key.secret):
            raise AuthError(401, "Invalid key ID or key secret", CHALLENGE)
        return key

    def __call__(self, operation_id: str, path_params: Mapping[str, str]) -> SinchKey:
        header = request.headers.get("Authorization")
        token = bearer_token(header)
        if token is not None:
            state, key = self.tokens.resolve(token)
            if state == EXPIRED:
                raise AuthError(401, "The access token has expired", EXPIRED_CHALLENGE)
            if state != VALID or key is None:
                raise AuthError(401, "Invalid access token", INVALID_CHALLENGE)
        else:
            key = self.key_for_basic(header)
        project = path_params.get("projectId")
        if project is not None and project != key.project_id:
            raise AuthError(403, f"Permission denied on project {project}")
        return key
