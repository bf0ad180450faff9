"""The platform's auth: ``Authorization: Bearer <API key>``; each key acts for one platform tenant."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask import request

from ...auth import bearer_token, same_secret
from ...config import PlatformKey
from ...surface import AuthError

CHALLENGE = 'Bearer realm="platform"'


class ApiKeys:
    def __init__(self, keys: Iterable[PlatformKey]) -> None:
        self.keys = tuple(keys)

    def __call__(self, operation_id: str, path_params: Mapping[str, str]) -> PlatformKey:
        given = bearer_token(request.headers.get("Authorization"))
        if given is None:
            raise AuthError(401, "An API key is required: Authorization: Bearer <API key>", CHALLENGE)
        key = next((k for k in self.keys if same_secret(given, k.key)), None)
        if key is None:
            raise AuthError(401, "The API key is not valid", f'{CHALLENGE}, error="invalid_token"')
        return key
