"""What a dialect adapter is: how one provider searches, acquires, lists, reads, updates and
releases a number, and what its errors look like, in the neutral words the scenarios use.

An adapter never decides whether the provider behaved: it translates, and raises
:class:`ContractBroken` when an answer cannot even be read as the operation's answer (a 500 to a
valid call, a missing field). The scenarios judge the behaviour."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..http import Exchange, Http, Reply, short
from ..targets import Tenant


class ContractBroken(AssertionError):
    """The target broke the contract at ``operation`` (the provider's operationId)."""

    def __init__(self, operation: str, message: str, exchange: Exchange | None = None) -> None:
        super().__init__(f"{operation}: {message}")
        self.operation, self.message, self.exchange = operation, message, exchange


class TakenMeanwhile(Exception):
    """The number went to someone else between the search and the acquisition (a purchase that
    completes later can lose it): not a broken contract; the scenario tries another number."""


@dataclass
class Number:
    """An owned number as the scenarios see it: ``handle`` is what the provider reads it by (a sid,
    a uuid, the number itself); ``owned`` is false for a record that is readable but released
    (Enfonica's soft delete)."""

    number: str
    handle: str
    label: str | None
    owned: bool = True


@dataclass
class ErrorCase:
    """A request the provider must refuse, with the status and error code it refuses it with."""

    label: str
    call: Callable[[], Reply]
    status: int
    code: str


class Dialect(ABC):
    """One provider's adapter, acting as one tenant through ``http``."""

    charging = True  # acquiring a number spends money on the real provider
    bearer = False  # the tenant's secret is a bearer token (else user and secret are HTTP Basic)
    exclusive = True  # a number held by one account can't be acquired by another
    #: scenario name -> why it does not apply to this provider
    not_applicable: dict[str, str] = {}
    #: the filter every search result must satisfy: an E.164 prefix
    search_prefix = ""
    #: neutral step -> the provider's operationId (named in failures and cassettes)
    operations: dict[str, str] = {}
    #: statuses of a successful acquisition
    acquired: tuple[int, ...] = (200,)
    #: how a number is given back: HTTP method, what follows the item's path, the status answered
    release_call: tuple[str, str, int] = ("DELETE", "", 204)
    #: statuses that say "this account holds no such number" when reading one
    unreadable: tuple[int, ...] = (403, 404)
    #: a well-formed handle no account holds, and the error code reading it answers (with 404)
    unknown_handle = ""
    not_found_code = ""
    #: the emulator's control API (``.../_emulator``) when the target is the emulator, else None:
    #: an adapter may move the emulator's virtual clock instead of waiting (the platform's purchases)
    control_url: str | None = None

    def __init__(self, http: Http, tenant: Tenant) -> None:
        self.http, self.tenant = http, tenant

    @classmethod
    def connect(cls, base_url: str, tenant: Tenant, journal: list[Exchange]) -> Dialect:
        """An adapter acting as ``tenant`` (authenticating first where the API wants a token): HTTP
        Basic by default, the secret as a bearer token where :attr:`bearer` says so."""
        if cls.bearer:
            return cls(Http(base_url, journal, headers={"Authorization": f"Bearer {tenant.secret}"}), tenant)
        return cls(Http(base_url, journal, auth=(tenant.user, tenant.secret)), tenant)

    # -- the neutral operations ----------------------------------------------------------------
    @abstractmethod
    def search(self, limit: int) -> list[str]:
        """Available numbers matching :attr:`search_prefix` (and the dialect's other filters)."""

    def acquire(self, number: str) -> Number:
        """Buy, rent or declare ``number``; raise ContractBroken unless it is now held."""
        operation = self.operations["acquire"]
        return self.parse(self.expect(self.try_acquire(number), operation, *self.acquired), operation)

    @abstractmethod
    def try_acquire(self, number: str) -> Reply:
        """The raw acquisition request (for refusals the scenarios expect)."""

    @abstractmethod
    def parse(self, body: dict, operation: str) -> Number:
        """An owned number from the provider's record of it."""

    @abstractmethod
    def item_path(self, handle: str) -> str:
        """Where the owned number ``handle`` is read (its resource's path under the base URL)."""

    def read(self, handle: str) -> Number | None:
        """The owned number, or None when the provider says it holds no such number."""
        operation = self.operations["read"]
        reply = self.http.call(operation, "GET", self.item_path(handle))
        if reply.status in self.unreadable:
            return None
        return self.parse(self.expect(reply, operation, 200), operation)

    @abstractmethod
    def list_page(self, page_size: int, cursor: str | None) -> tuple[list[Number], str | None]:
        """One page of owned numbers and the cursor of the next (None on the last page)."""

    @abstractmethod
    def update_label(self, handle: str, label: str) -> Number:
        """Set the number's human label (friendly / display / caller-id name)."""

    def release(self, handle: str) -> None:
        """Give the number back."""
        method, suffix, status = self.release_call
        operation = self.operations["release"]
        self.expect(self.http.call(operation, method, self.item_path(handle) + suffix), operation, status)

    def error_cases(self) -> list[ErrorCase]:
        """Requests the provider refuses, each with its documented status and code: reading a
        number the account does not hold, and the dialect's :meth:`bad_input`."""
        read = self.operations["read"]
        missing = ErrorCase(f"{read} of an id the account does not hold",
                            lambda: self.http.call(read, "GET", self.item_path(self.unknown_handle)),
                            404, self.not_found_code)
        return [missing, self.bad_input()]

    @abstractmethod
    def bad_input(self) -> ErrorCase:
        """A request with bad input, refused with the provider's status and code."""

    @staticmethod
    @abstractmethod
    def error_problems(reply: Reply) -> list[str]:
        """What is wrong with the error's shape (empty: the provider's shape)."""

    @staticmethod
    @abstractmethod
    def error_code(body: Any) -> str | None:
        """The provider's error code in an error answer's body."""

    #: code of a refused second acquisition, by the same tenant and by another one
    double_acquire: tuple[int, str] = (0, "")

    def candidates(self, count: int) -> list[str]:
        """Numbers to acquire: by default the first available ones of the search."""
        return self.search(count)

    # -- helpers for adapters ------------------------------------------------------------------
    def list_all(self, page_size: int, max_pages: int = 1000) -> list[Number]:
        """Every owned number, following the pages."""
        found: list[Number] = []
        cursor: str | None = None
        for _ in range(max_pages):
            page, cursor = self.list_page(page_size, cursor)
            found += page
            if not cursor:
                return found
        raise ContractBroken(self.operations["list"], f"paging did not end after {max_pages} pages")

    @staticmethod
    def expect(reply: Reply, operation: str, *statuses: int) -> Any:
        """The body of a successful answer; anything else breaks the contract at ``operation``."""
        if reply.status not in statuses:
            raise ContractBroken(operation, f"answered {reply.status} to a valid request: {short(reply.body)}",
                                 reply.exchange)
        return reply.body

    @staticmethod
    def field(body: Any, operation: str, *path: str, kind: type | tuple[type, ...] = str) -> Any:
        """``body[path...]``, which must exist and be of ``kind``."""
        value = body
        for key in path:
            if not isinstance(value, dict) or key not in value:
                raise ContractBroken(operation, f"the answer has no '{'.'.join(path)}'")
            value = value[key]
        if not isinstance(value, kind):
            raise ContractBroken(operation, f"'{'.'.join(path)}' is {type(value).__name__}, not {_kind_name(kind)}")
        return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)

