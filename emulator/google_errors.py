"""The error body of Google-style JSON APIs (AIP-193), which Sinch and Enfonica both answer with:
``{"error": {"code", "message", "status", "details"}}``. Each provider shapes its own details."""
from __future__ import annotations

from typing import Any

# HTTP status -> canonical status word (google.rpc.Code).
STATUS_WORDS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "UNIMPLEMENTED",
    409: "ALREADY_EXISTS",
    413: "INVALID_ARGUMENT",
    415: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
}


def error_body(status: int, message: str, details: list[dict[str, Any]] | None = None, word: str | None = None) -> dict:
    return {
        "error": {
            "code": status,
            "message": message,
            "status": word or STATUS_WORDS.get(status, "UNKNOWN"),
            "details": details or [],
        }
    }
