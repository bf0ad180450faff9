"""A tenant's own list of numbers, kept apart from the carrier inventory: what a PBX (Wazo) records
as the numbers it may present or route, whoever the carrier is. Any digit string may be listed, and
each tenant's list is its own (two tenants may list the same number; one tenant may not list it
twice). One listed number per tenant may be its *main* number, which is always shared.

Ranges add many numbers at once with the same arithmetic as carrier ranges
(:class:`~emulator.core.ranges.NumberRange`), skipping the numbers already listed.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Callable, Collection, Mapping

from .errors import AlreadyExists, FailedPrecondition, NotFound
from .ranges import NumberRange


@dataclass(frozen=True, slots=True)
class Listing:
    """One listed number. Records are replaced, never mutated (safe to render outside the lock)."""

    id: str
    tenant: str
    number: str
    name: str | None = None  # the caller-id name shown with it
    shared: bool = False  # every user of the tenant may present it
    main: bool = False  # the tenant's canonical number (at most one; implies shared)
    created_at: float = 0.0


class Directory:
    #: What a snapshot keeps (everything ``clear`` declares): attribute -> its type.
    STATE = {"by_id": dict[str, Listing], "by_number": dict[tuple[str, str], str],
             "by_tenant": dict[str, dict[str, None]], "mains": dict[str, str]}

    def __init__(self, lock: threading.RLock, now: Callable[[], float]) -> None:
        self._lock = lock
        self._now = now
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.by_id: dict[str, Listing] = {}  # id -> listing
            self.by_number: dict[tuple[str, str], str] = {}  # (tenant, number) -> id
            self.by_tenant: dict[str, dict[str, None]] = {}  # tenant -> ids, in creation order
            self.mains: dict[str, str] = {}  # tenant -> id of its main number

    def forget(self, matches: Callable[[str], bool]) -> int:
        """Drop every listing of the tenants ``matches`` selects; returns how many."""
        with self._lock:
            gone = [listing for listing in self.by_id.values() if matches(listing.tenant)]
            for listing in gone:
                del self.by_id[listing.id]
                del self.by_number[(listing.tenant, listing.number)]
            for tenant in [t for t in self.by_tenant if matches(t)]:
                del self.by_tenant[tenant]
                self.mains.pop(tenant, None)
            return len(gone)

    def __len__(self) -> int:
        return len(self.by_id)

    def _store(self, listing: Listing) -> None:
        self.by_id[listing.id] = listing
        self.by_number[(listing.tenant, listing.number)] = listing.id
        self.by_tenant.setdefault(listing.tenant, {})[listing.id] = None

    def add(self, tenant: str, number: str, new_id: Callable[[], str], *, name: str | None = None, shared: bool = False) -> Listing:
        with self._lock:
            if (tenant, number) in self.by_number:
                raise AlreadyExists("PhoneNumber", {"number": number, "tenant_uuid": tenant})
            listing = Listing(new_id(), tenant, number, name, shared, False, self._now())
            self._store(listing)
            return listing

    def add_range(self, tenant: str, span: NumberRange, new_id: Callable[[], str]) -> tuple[list[Listing], list[Listing]]:
        """List every number of ``span`` the tenant has not listed yet: (created, already listed)."""
        with self._lock:
            now = self._now()
            created, existing = [], []
            for number in span:
                known = self.by_number.get((tenant, number))
                if known is not None:
                    existing.append(self.by_id[known])
                    continue
                listing = Listing(new_id(), tenant, number, None, False, False, now)
                self._store(listing)
                created.append(listing)
            return created, existing

    def get(self, tenants: Collection[str], listing_id: str) -> Listing:
        """The listing with that id if it belongs to one of ``tenants`` (others' look absent)."""
        with self._lock:
            listing = self.by_id.get(listing_id)
            if listing is None or listing.tenant not in tenants:
                raise NotFound("PhoneNumber", listing_id)
            return listing

    def update(self, tenants: Collection[str], listing_id: str, changes: Mapping[str, object]) -> Listing:
        """Change ``number``, ``name`` and/or ``shared``; checks first, so a refusal changes nothing."""
        with self._lock:
            listing = self.get(tenants, listing_id)
            number = changes.get("number", listing.number)
            assert isinstance(number, str)
            other = self.by_number.get((listing.tenant, number))
            if other is not None and other != listing.id:
                raise AlreadyExists("PhoneNumber", {"number": number, "tenant_uuid": listing.tenant})
            if listing.main and changes.get("shared", True) is False:
                raise FailedPrecondition("the main phone number is always shared")
            updated = replace(listing, **{k: v for k, v in changes.items() if k in ("number", "name", "shared")})
            del self.by_number[(listing.tenant, listing.number)]
            self._store(updated)
            return updated

    def remove(self, tenants: Collection[str], listing_id: str) -> Listing:
        with self._lock:
            listing = self.get(tenants, listing_id)
            del self.by_id[listing.id]
            del self.by_number[(listing.tenant, listing.number)]
            del self.by_tenant[listing.tenant][listing.id]
            if self.mains.get(listing.tenant) == listing.id:
                del self.mains[listing.tenant]  # the tenant has no main number until one is set
            return listing

    def set_main(self, tenant: str, listing_id: str) -> Listing:
        """Make the listing the tenant's main number (and shared); the previous main stays shared."""
        with self._lock:
            listing = self.get((tenant,), listing_id)
            previous = self.mains.get(tenant)
            if previous is not None and previous != listing_id:
                self._store(replace(self.by_id[previous], main=False))
            main = replace(listing, main=True, shared=True)
            self._store(main)
            self.mains[tenant] = listing_id
            return main

    def main(self, tenant: str) -> Listing:
        with self._lock:
            listing_id = self.mains.get(tenant)
            if listing_id is None:
                raise NotFound("PhoneNumber", "main")
            return self.by_id[listing_id]

    def listings(self, tenants: Collection[str]) -> list[Listing]:
        """Every listing of ``tenants``, in creation order (a snapshot: callers sort and slice it)."""
        with self._lock:
            by_id = self.by_id
            return [by_id[i] for tenant in tenants for i in self.by_tenant.get(tenant, ())]

    def tenants_listing(self, number: str) -> list[str]:
        """The tenants whose lists hold ``number`` (inbound traffic asks who knows a number)."""
        with self._lock:
            return sorted(tenant for tenant, listed in self.by_number if listed == number)
