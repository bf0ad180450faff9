"""Neutral errors raised by the core; each provider renders them in its own shape and status."""
from __future__ import annotations


class CoreError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArgument(CoreError):
    """A request value is malformed or out of range; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CoreError):
    """The tenant has no such resource (or may not see it: isolation looks like absence)."""

    def __init__(self, resource_type: str, resource_name: str, message: str = "") -> None:
        super().__init__(message or f"{resource_type} {resource_name} not found")
        self.resource_type = resource_type
        self.resource_name = resource_name


class NotAvailable(NotFound):
    """The number is not in the inventory, or someone else owns it (or it is ageing after release)."""

    def __init__(self, number: str) -> None:
        super().__init__("AvailableNumber", number, f"Number {number} is not available")


class NoneAvailable(NotFound):
    """No available number matches the criteria of a take-any request."""

    def __init__(self, criteria: str) -> None:
        super().__init__("AvailableNumber", criteria, f"No available number matches {criteria}")


class FailedPrecondition(CoreError):
    """The request is well formed but the resource's state forbids it."""


class AlreadyExists(CoreError):
    """The tenant already has a resource with this key (a number listed twice)."""

    def __init__(self, resource_type: str, key: dict[str, str]) -> None:
        super().__init__(f"{resource_type} already exists ({', '.join(f'{k}={v}' for k, v in key.items())})")
        self.resource_type = resource_type
        self.key = key


class IllegalTransition(FailedPrecondition):
    """A lifecycle move its state machine forbids (cancelling a purchase that is already processing)."""

    def __init__(self, resource_type: str, resource_id: str, from_status: str, to_status: str, message: str = "") -> None:
        super().__init__(message or f"{resource_type} {resource_id} is {from_status}: it cannot become {to_status}")
        self.resource_type = resource_type
        self.resource_id = resource_id
        self.from_status = from_status
        self.to_status = to_status


class Conflict(FailedPrecondition):
    """The request is well formed but clashes with the state of another field or resource;
    ``field`` names the request field that cannot be honoured."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
