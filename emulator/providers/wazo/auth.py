"""wazo-auth's tokens and how wazo-confd checks them.

A token (a UUID) is issued by POST /api/auth/0.1/token to a user of ``config.wazo_users`` (username,
password, tenant) and kept in the world's token store with the :class:`Session` it stands for, so
it expires on the world's clock. wazo-confd wants it in ``X-Auth-Token``; the tenant it acts on is
the token's, or the one ``Wazo-Tenant`` names if that is the token's or one of its sub-tenants
(``config.wazo_tenant_parents``). Refused, xivo's exception answers 401 with the repr of its
arguments: ``["('<token>', 'confd.phone-numbers.read')"]``.

A tenant's numbers are kept in the world's directory under ``"wazo/<tenant uuid>"``.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from flask import request

from ...auth import CredentialBook, basic_credentials
from ...config import Credential
from ...core import World
from ...core.codec import persisted_types
from ...core.tokens import EXPIRED, VALID
from ...surface import AuthError

NAME = "wazo"
NAMESPACE = uuid.UUID("6f0c5cf0-7b4e-4b1a-9a57-0e6a1f1d2a11")  # names the emulator's derived uuids
XIVO_UUID = str(uuid.uuid5(NAMESPACE, "xivo"))  # the emulated stack's own uuid
#: What every token grants: all of wazo-confd's phone-number operations.
ACL = ("confd.phone-numbers.#",)
DEFAULT_BACKEND = "wazo_user"
#: The ACL wazo-confd requires for each operation ({phone_number_uuid} from the path).
REQUIRED_ACL = {
    "list_phone_numbers": "confd.phone-numbers.read",
    "create_phone_number": "confd.phone-numbers.create",
    "create_phone_numbers_range": "confd.phone-numbers.create",
    "get_phone_number_main": "confd.phone-numbers.main.read",
    "set_phone_number_main": "confd.phone-numbers.main.update",
    "get_phone_number": "confd.phone-numbers.{phone_number_uuid}.read",
    "update_phone_numbers": "confd.phone-numbers.{phone_number_uuid}.update",
    "delete_phone_number": "confd.phone-numbers.{phone_number_uuid}.delete",
}


def tenant_key(tenant_uuid: str) -> str:
    """The directory's name for a Wazo tenant."""
    return f"{NAME}/{tenant_uuid}"


def tenant_of(key: str) -> str:
    return key.removeprefix(f"{NAME}/")


def user_uuid(user: Credential) -> str:
    """A user's uuid, derived from its tenant and name: the same on every start."""
    return str(uuid.uuid5(NAMESPACE, f"user/{user.account}/{user.user}"))


@dataclass(frozen=True)
class Session:
    """What a wazo-auth token stands for."""

    user: Credential
    session_uuid: str
    issued_at: float
    expires_at: float
    remote_addr: str | None
    user_agent: str
    refresh_token: str | None = None

    @property
    def user_uuid(self) -> str:
        return user_uuid(self.user)

    @property
    def tenant(self) -> str:
        return self.user.account


@dataclass(frozen=True)
class RefreshGrant:
    """What a refresh token stands for: a user, for one client_id."""

    user: Credential
    client_id: str


persisted_types(Credential, Session, RefreshGrant)  # what wazo-auth tokens stand for, kept in snapshots


def grants(acl: Iterable[str], required: str, auth_id: str, session_uuid: str) -> bool:
    """xivo's AccessCheck: does an ACL (``*`` one word, ``#`` anything, ``!`` denies, ``me`` the
    user, ``my_session`` the session) grant ``required``?"""
    allowed, denied = [], []
    for access in acl:
        (denied if access.startswith("!") else allowed).append(_access_regex(access.lstrip("!"), auth_id, session_uuid))
    return not any(r.match(required) for r in denied) and any(r.match(required) for r in allowed)


@lru_cache(maxsize=256)
def _access_regex(access: str, auth_id: str, session_uuid: str) -> re.Pattern[str]:
    pattern = re.escape(access).replace("\\*", "[^.#]*?").replace("\\#", ".*?")
    words = {"me": f"(me|{re.escape(auth_id)})", "my_session": f"(my_session|{re.escape(session_uuid)})",
             "edit": "(edit|update)"}
    return re.compile("^" + "\\.".join(words.get(w, w) for w in pattern.split("\\.")) + "$")


class TenantTree:
    """Which tenants a tenant sees: itself and its sub-tenants, transitively."""

    def __init__(self, parents: Iterable[tuple[str, str]]) -> None:
        self._children: dict[str, list[str]] = {}
        for child, parent in parents:
            self._children.setdefault(parent, []).append(child)
        self._families: dict[str, tuple[str, ...]] = {}

    def family(self, tenant: str) -> tuple[str, ...]:
        found = self._families.get(tenant)
        if found is None:
            found, queue = [tenant], [tenant]
            while queue:
                for child in self._children.get(queue.pop(0), ()):
                    if child not in found:  # a cycle in the configuration stops here
                        found.append(child)
                        queue.append(child)
            found = self._families[tenant] = tuple(found)
        return found


@dataclass(frozen=True)
class Access:
    """A wazo-confd caller: its token, the tenant it acts on, and that tenant's family."""

    token: str
    session: Session
    tenant: str
    family: tuple[str, ...]

    @property
    def key(self) -> str:
        return tenant_key(self.tenant)

    @property
    def family_keys(self) -> frozenset[str]:
        return frozenset(tenant_key(t) for t in self.family)


class Sessions:
    """Issuing and finding wazo-auth tokens in the world's token store."""

    def __init__(self, world: World, users: Iterable[Credential], tree: TenantTree) -> None:
        self.world = world
        self.book = CredentialBook(users)
        self.tree = tree

    def authenticate(self, body: Mapping[str, object]) -> Credential | None:
        """The user a token request proves: a refresh token and its client_id first (as wazo-auth
        tries), else HTTP Basic with the wazo_user backend."""
        refresh_token = body.get("refresh_token")
        if isinstance(refresh_token, str) and refresh_token:
            state, grant = self.world.tokens.resolve(refresh_token.lower())
            if state == VALID and isinstance(grant, RefreshGrant) and grant.client_id == body.get("client_id"):
                return grant.user
            return None
        if body.get("backend", DEFAULT_BACKEND) != DEFAULT_BACKEND:
            return None
        return self.book.check(basic_credentials(request.environ.get("HTTP_AUTHORIZATION")))

    def open(self, user: Credential, expiration: int, client_id: str | None) -> tuple[str, Session]:
        """A new token for ``user``; with a client_id (access_type offline), also the refresh token
        of that user and client (one per pair, as wazo-auth keeps it)."""
        tokens, now = self.world.tokens, self.world.now()
        refresh_token = None
        if client_id is not None:
            refresh_token = str(uuid.uuid5(NAMESPACE, f"refresh/{user_uuid(user)}/{client_id}"))
            tokens.issue(RefreshGrant(user, client_id), 10 * 365 * 86400, lambda: refresh_token)
        session = Session(user, self.world.ids.uuid4(), now, now + expiration, request.remote_addr,
                          request.headers.get("User-Agent", ""), refresh_token)
        return tokens.issue(session, expiration, self.world.ids.uuid4), session

    def find(self, token: str) -> Session | None:
        state, session = self.world.tokens.resolve(token)
        return session if state == VALID and isinstance(session, Session) else None

    def revoke(self, token: str) -> None:
        """Revoke a token; another kind of grant (a refresh token) is left alone, as wazo-auth's
        DELETE /token only deletes tokens."""
        state, principal = self.world.tokens.resolve(token)
        if state == EXPIRED or isinstance(principal, Session):
            self.world.tokens.revoke(token)

    def may_act_on(self, session: Session, tenant: str) -> bool:
        return tenant in self.tree.family(session.tenant)


class ConfdAuth:
    """wazo-confd's check of X-Auth-Token and Wazo-Tenant (xivo's AuthVerifier and Tenant.autodetect)."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    def __call__(self, operation_id: str, path_params: Mapping[str, str]) -> Access:
        token = request.headers.get("X-Auth-Token", "")
        required = REQUIRED_ACL[operation_id].format(**{k: v.lower().replace(".", "_") for k, v in path_params.items()})
        named = request.headers.get("Wazo-Tenant", "") or None
        session = self.sessions.find(token.lower())  # wazo-auth reads it as a uuid: any case
        if session is None:
            raise AuthError(401, str((token, required)))  # InvalidTokenAPIException's arguments
        tenant = named or session.tenant
        if not grants(ACL, required, session.user_uuid, session.session_uuid) or not self.sessions.may_act_on(session, tenant):
            raise AuthError(401, str((token, required, named)))  # MissingPermissionsTokenAPIException's
        return Access(token, session, tenant, self.sessions.tree.family(tenant))
