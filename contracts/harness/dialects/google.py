"""Google-style errors (AIP-193), which Sinch and Enfonica both answer:
``{"error": {"code": <HTTP status>, "message", "status": <canonical word>, "details": [...]}}``."""
from __future__ import annotations

from typing import Any

from ..http import Reply, short


class GoogleErrors:
    """error_problems / error_code of a Google-style API; the code is the canonical status word."""

    @staticmethod
    def error_problems(reply: Reply) -> list[str]:
        error = reply.body.get("error") if isinstance(reply.body, dict) else None
        if not isinstance(error, dict):
            return [f"the body is not {{\"error\": {{...}}}}: {short(reply.body)}"]
        problems = []
        for key, kind in (("code", int), ("message", str), ("status", str)):
            if not isinstance(error.get(key), kind) or isinstance(error.get(key), bool):
                problems.append(f"error.{key} is missing or not {kind.__name__}")
        if isinstance(error.get("code"), int) and error["code"] != reply.status:
            problems.append(f"error.code {error['code']} is not the HTTP status {reply.status}")
        if "details" in error and not isinstance(error["details"], list):
            problems.append("error.details is not a list")
        return problems

    @staticmethod
    def error_code(body: Any) -> str | None:
        error = body.get("error") if isinstance(body, dict) else None
        return error.get("status") if isinstance(error, dict) else None
