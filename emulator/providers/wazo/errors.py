"""Wazo's two error shapes, and every failure rendered in the one its API uses.

- wazo-confd (``/api/confd/1.1``) answers a JSON list of messages in xivo-dao's words:
  ``["Resource Not Found - PhoneNumber was not found ('main': True)"]``; its 401 is the repr of
  xivo's exception arguments (see :mod:`.auth`).
- wazo-auth (``/api/auth/0.1``) answers ``{"reason": [message], "timestamp": [epoch],
  "status_code": code}``.

Validation failures found by the spec are re-worded as Wazo's marshmallow schemas word them
(:mod:`.schemas`). See decisions 4, 5 and 12 of ``openapi/wazo.yaml``.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from flask import g, request
from werkzeug.exceptions import HTTPException

from ...core.errors import (
    AlreadyExists,
    CoreError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from ...surface import AuthError, ProviderError
from ...validation import ValidationFailure
from . import schemas

TOO_LARGE = "The data value transmitted exceeds the capacity limit."
NOT_SHARED = "Operation not permitted. The main phone number must stay shared"
AUTH_OPERATIONS = frozenset({"createToken", "getToken", "revokeToken"})
AUTH_PATH = "/api/auth/"
#: Operations whose route hands xivo-dao the uuid as a uuid.UUID (its repr shows in "not found").
ITEM_OPERATIONS = frozenset({"get_phone_number", "update_phone_numbers", "delete_phone_number"})


class ConfdError(ProviderError):
    """A wazo-confd refusal: its status and its list of messages."""

    def __init__(self, status: int, *messages: str) -> None:
        super().__init__(messages[0] if messages else "")
        self.status = status
        self.messages = list(messages)


class AuthApiError(ProviderError):
    """A wazo-auth refusal: its status and reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def xivo_message(category: str, error: str, metadata: Mapping[str, Any] | None = None) -> str:
    """xivo-dao's ``format_error``: ``"<category> - <error> (<metadata as a dict's repr>)"``."""
    text = f"{category} - {error}"
    return f"{text} ({str(dict(metadata)).strip('{}')})" if metadata else text


def input_error(field: str, messages: list[Any]) -> str:
    """wazo-confd's line for one field marshmallow refused."""
    return f"Input Error - {field}: {messages}"


def not_found(**criteria: Any) -> str:
    return xivo_message("Resource Not Found", "PhoneNumber was not found", criteria)


def _not_found_criteria(operation_id: str | None, error: NotFound) -> dict[str, Any]:
    if error.resource_name == "main" and operation_id == "get_phone_number_main":
        return {"main": True}
    if operation_id in ITEM_OPERATIONS:
        return {"uuid": uuid.UUID(error.resource_name)}  # the route hands xivo-dao a uuid.UUID
    return {"uuid": error.resource_name}


class ErrorRenderer:
    """Any failure -> (body, status, headers) in the shape of the API it happened on."""

    def __init__(self, now: Callable[[], float], tenant_of: Callable[[str], str]) -> None:
        self.now = now  # the world's clock: wazo-auth stamps its errors
        self.tenant_of = tenant_of  # directory tenant key -> Wazo tenant uuid

    def __call__(self, error: Exception) -> tuple[Any, int, Mapping[str, str]]:
        operation_id = g.get("operation_id")
        on_auth = operation_id in AUTH_OPERATIONS if operation_id else AUTH_PATH in request.path
        status, messages = self._confd(error, operation_id) if not on_auth else self._auth(error)
        if on_auth:
            return {"reason": [messages[0]], "timestamp": [self.now()], "status_code": status}, status, {}
        return messages, status, {}

    def _auth(self, error: Exception) -> tuple[int, list[str]]:
        if isinstance(error, AuthApiError):
            return error.status, [error.reason]
        if isinstance(error, ValidationFailure):
            if error.status == 413:
                return 413, [TOO_LARGE]
            explained = schemas.explain_token_body(request.get_data(cache=True))
            return 400, [explained or str({error.field or "_schema": [error.message]})]
        return self._common(error)

    def _confd(self, error: Exception, operation_id: str | None) -> tuple[int, list[str]]:
        if isinstance(error, ConfdError):
            return error.status, error.messages
        if isinstance(error, AuthError):
            return error.status, [error.message]
        if isinstance(error, ValidationFailure):
            if error.status == 413:
                return 413, [TOO_LARGE]
            explained = schemas.explain_confd(operation_id, request.args, request.get_data(cache=True))
            return 400, explained or [input_error(error.field or "_schema", [error.message])]
        if isinstance(error, NotFound):
            return 404, [not_found(**_not_found_criteria(operation_id, error))]
        if isinstance(error, AlreadyExists):
            key = {**error.key, "tenant_uuid": self.tenant_of(error.key.get("tenant_uuid", ""))}
            return 400, [xivo_message("Resource Error", f"{error.resource_type} already exists", key)]
        if isinstance(error, FailedPrecondition):
            return 400, [xivo_message("Resource Error", NOT_SHARED)]
        if isinstance(error, InvalidArgument):
            return 400, [input_error(error.field, [error.message])]
        return self._common(error)

    @staticmethod
    def _common(error: Exception) -> tuple[int, list[str]]:
        if isinstance(error, HTTPException):
            return error.code or 500, [error.description or error.name]
        if isinstance(error, CoreError):
            return 400, [error.message]
        return 500, [f"Unexpected error: {error}"]
