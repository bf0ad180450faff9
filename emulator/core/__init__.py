"""The provider-neutral core: numbering plan, inventory, owned numbers, clock. No Flask here."""
from .errors import CoreError, FailedPrecondition, InvalidArgument, NoneAvailable, NotAvailable, NotFound
from .inventory import CONTAINS, END, START, NumberQuery, Offer
from .numbering import LOCAL, MOBILE, NUMBER_TYPES, TOLL_FREE
from .world import OwnedNumber, Page, World, WorldConfig

__all__ = [
    "CONTAINS", "END", "START", "LOCAL", "MOBILE", "TOLL_FREE", "NUMBER_TYPES",
    "CoreError", "FailedPrecondition", "InvalidArgument", "NoneAvailable", "NotAvailable", "NotFound",
    "NumberQuery", "Offer", "OwnedNumber", "Page", "World", "WorldConfig",
]
