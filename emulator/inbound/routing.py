"""Who receives an inbound message or call to a number: the surface and tenant that own it (alone or
inside a range), and that surface's inbound dialect. Wazo's numbers are a PBX's own lists and the
platform's are held through Twilio or SignalWire: neither carries handlers of its own."""
from __future__ import annotations

from typing import Any, Mapping

from ..core import NotFound, World
from ..core.world import OwnedNumber
from .plans import NoHandler


class NotOwned(NotFound):
    """No tenant of any surface owns the number."""

    def __init__(self, number: str) -> None:
        super().__init__("PhoneNumber", number, f"{number} is not owned by any tenant of any surface")


def owner(world: World, number: str, dialects: Mapping[str, Any]) -> tuple[OwnedNumber, Any]:
    """The record holding ``number`` and the inbound dialect of its surface."""
    record = world.holder(number)
    if record is None:
        listed = world.directory.tenants_listing(number)
        if listed:
            raise NoHandler(f"{number} is only listed by Wazo tenant {listed[0].split('/', 1)[-1]}: Wazo phone "
                            "numbers carry no message or call handlers")
        raise NotOwned(number)
    surface = record.tenant.split("/", 1)[0]
    dialect = dialects.get(surface)
    if dialect is None:
        raise NoHandler(f"{number} belongs to {surface}, whose numbers carry no inbound handlers")
    return record, dialect
