"""The provider-neutral core: numbering plan, inventory, owned numbers, ranges, tenants' number lists,
clock. No Flask here."""
from .directory import Directory, Listing
from .errors import (
    AlreadyExists,
    CoreError,
    FailedPrecondition,
    InvalidArgument,
    NoneAvailable,
    NotAvailable,
    NotFound,
)
from .inventory import CONTAINS, END, START, NumberQuery, Offer
from .numbering import LOCAL, MOBILE, NUMBER_TYPES, TOLL_FREE
from .ranges import NumberRange
from .world import OwnedNumber, Page, World, WorldConfig

__all__ = [
    "CONTAINS", "END", "START", "LOCAL", "MOBILE", "TOLL_FREE", "NUMBER_TYPES",
    "AlreadyExists", "CoreError", "FailedPrecondition", "InvalidArgument", "NoneAvailable", "NotAvailable", "NotFound",
    "Directory", "Listing", "NumberQuery", "NumberRange", "Offer", "OwnedNumber", "Page", "World", "WorldConfig",
]
