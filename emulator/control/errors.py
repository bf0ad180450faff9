"""The control API's errors: ``{"error": {"status", "message", "field"}}``."""
from __future__ import annotations

from collections.abc import Mapping

from werkzeug.exceptions import HTTPException

from ..core.errors import CoreError, InvalidArgument, NotFound
from ..validation import ValidationFailure


class ControlFailure(CoreError):
    """A refusal with a status of its own (404 an unowned number, 409 no handler), naming the field."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.field = status, field


def body(status: int, message: str, field: str | None = None) -> dict:
    return {"error": {"status": status, "message": message, "field": field}}


def render_error(error: Exception) -> tuple[dict, int, Mapping[str, str]]:
    if isinstance(error, ControlFailure):
        return body(error.status, error.message, error.field), error.status, {}
    if isinstance(error, ValidationFailure):
        return body(error.status, error.message, error.field or None), error.status, {}
    if isinstance(error, InvalidArgument):
        return body(400, error.message, error.field), 400, {}
    if isinstance(error, NotFound):
        return body(404, error.message), 404, {}
    if isinstance(error, HTTPException):
        status = error.code or 500
        return body(status, error.description or error.name), status, {}
    if isinstance(error, CoreError):
        return body(400, error.message), 400, {}
    return body(500, "internal error"), 500, {}
