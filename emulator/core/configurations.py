"""Phone configurations: a tenant's own record of a number it holds at a provider.

Lifecycle (``TRANSITIONS``): a configuration starts PENDING (a port-in the clock has not completed),
ACTIVE (a completed purchase) or INACTIVE (an import); suspend and reactivate move it between
ACTIVE / INACTIVE and SUSPENDED; release ends it (RELEASED, final). ``marked_for_release`` is a flag
on a live configuration. Channel links and the US SMS permission are checked here: a US number
without the permission cannot be linked to an SMS channel, nor lose the permission while linked.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping

from .channels import SMS, VOICE, Channels
from .errors import AlreadyExists, Conflict, IllegalTransition, InvalidArgument, NotFound

PENDING, ACTIVE, INACTIVE, SUSPENDED, RELEASED = "PENDING", "ACTIVE", "INACTIVE", "SUSPENDED", "RELEASED"
STATUSES = (PENDING, ACTIVE, INACTIVE, SUSPENDED, RELEASED)
TRANSITIONS: Mapping[str, tuple[str, ...]] = {
    PENDING: (ACTIVE, RELEASED),
    ACTIVE: (SUSPENDED, RELEASED),
    INACTIVE: (ACTIVE, SUSPENDED, RELEASED),
    SUSPENDED: (ACTIVE, RELEASED),
    RELEASED: (),
}
SUSPEND_FROM = (ACTIVE, INACTIVE)  # what suspend accepts
REACTIVATE_FROM = (SUSPENDED, INACTIVE)  # what reactivate accepts (PENDING becomes ACTIVE only by its port)
US = "US"


@dataclass(frozen=True, slots=True)
class PhoneConfiguration:
    id: str
    tenant: str
    phone_number: str
    provider_phone_number_id: str
    phone_request_id: str
    friendly_name: str | None
    provider_type: str
    provider_tenant: str  # the provider account that holds the number (to release it there)
    country_code: str
    created_at: float
    updated_at: float
    sequence: int = 0
    region_id: str | None = None
    monthly_price: float | None = None
    region_or_country_name: str | None = None
    status: str = INACTIVE
    is_imported: bool = False
    is_ported: bool = False
    marked_for_release: bool = False
    metadata: Mapping[str, Any] | None = None
    voice_channel_id: str | None = None
    sms_channel_id: str | None = None
    is_us_sms_permitted: bool = False


class Configurations:
    #: What a snapshot keeps (everything ``clear`` declares): attribute -> its type.
    STATE: Mapping[str, Any] = {"by_id": dict[str, PhoneConfiguration], "live": dict[tuple[str, str], str],
                                "sequence": int}

    def __init__(self, lock: threading.RLock, tick: Callable[[], float]) -> None:
        self._lock = lock
        self._tick = tick
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.by_id: dict[str, PhoneConfiguration] = {}  # id -> current record (released ones kept)
            self.live: dict[tuple[str, str], str] = {}  # (tenant, number) -> id of its unreleased configuration
            self.sequence = 0  # configurations created so far

    def forget(self, matches: Callable[[str], bool]) -> int:
        """Remove the configurations of the tenants ``matches`` selects."""
        with self._lock:
            gone = [r for r in self.by_id.values() if matches(r.tenant)]
            for record in gone:
                del self.by_id[record.id]
                if self.live.get((record.tenant, record.phone_number)) == record.id:
                    del self.live[(record.tenant, record.phone_number)]
            return len(gone)

    def add(self, record: PhoneConfiguration) -> PhoneConfiguration:
        """Store a new configuration (``sequence`` set here). One live configuration per number."""
        with self._lock:
            key = (record.tenant, record.phone_number)
            if key in self.live:
                raise AlreadyExists("PhoneConfiguration", {"phoneNumber": record.phone_number})
            self.sequence += 1
            record = replace(record, sequence=self.sequence)
            self.by_id[record.id] = record
            self.live[key] = record.id
            return record

    def get(self, tenant: str, config_id: str) -> PhoneConfiguration:
        with self._lock:
            self._tick()
            record = self.by_id.get(config_id)
            if record is None or record.tenant != tenant:
                raise NotFound("PhoneConfiguration", config_id)
            return record

    def live_for(self, tenant: str, number: str) -> PhoneConfiguration | None:
        with self._lock:
            config_id = self.live.get((tenant, number))
            return self.by_id[config_id] if config_id else None

    def list(
        self, tenant: str, *, where: Callable[[PhoneConfiguration], bool] | None = None, after: int = 0, limit: int = 20
    ) -> tuple[list[PhoneConfiguration], int | None]:
        """Creation order; ``after`` is the previous page's last sequence."""
        with self._lock:
            self._tick()
            found = sorted((r for r in self.by_id.values() if r.tenant == tenant and r.sequence > after
                            and (where is None or where(r))), key=lambda r: r.sequence)
            page = found[:limit]
            return page, (page[-1].sequence if len(found) > limit else None)

    def _store(self, record: PhoneConfiguration, now: float) -> PhoneConfiguration:
        record = replace(record, updated_at=now)
        self.by_id[record.id] = record
        if record.status == RELEASED:
            self.live.pop((record.tenant, record.phone_number), None)
        return record

    def transition(
        self,
        tenant: str,
        config_id: str,
        to_status: str,
        side_effect: Callable[[PhoneConfiguration, float], None] | None = None,
        from_statuses: tuple[str, ...] | None = None,
    ) -> PhoneConfiguration:
        """Move to ``to_status`` if the table allows it (and the status is one of ``from_statuses``,
        when given); ``side_effect`` (releasing the number at the provider) runs first and may
        raise: then nothing has changed."""
        with self._lock:
            now = self._tick()
            record = self.get(tenant, config_id)
            allowed = to_status in TRANSITIONS[record.status]
            if not allowed or (from_statuses is not None and record.status not in from_statuses):
                raise IllegalTransition("PhoneConfiguration", config_id, record.status, to_status)
            if side_effect is not None:
                side_effect(record, now)
            return self._store(replace(record, status=to_status), now)

    def activate(self, config_id: str, due: float) -> None:
        """A scheduled step: PENDING -> ACTIVE (a completed port-in); anything else is left alone."""
        with self._lock:
            record = self.by_id.get(config_id)
            if record is not None and record.status == PENDING:
                self._store(replace(record, status=ACTIVE), due)

    def mark_for_release(self, tenant: str, config_id: str) -> PhoneConfiguration:
        with self._lock:
            now = self._tick()
            record = self._live(tenant, config_id, "marked for release")
            return self._store(replace(record, marked_for_release=True), now)

    def rename(self, tenant: str, config_id: str, friendly_name: str | None) -> PhoneConfiguration:
        with self._lock:
            now = self._tick()
            record = self._live(tenant, config_id, "updated")
            return self._store(replace(record, friendly_name=friendly_name), now)

    def set_us_sms_permission(self, tenant: str, config_id: str, permitted: bool) -> PhoneConfiguration:
        with self._lock:
            now = self._tick()
            record = self._live(tenant, config_id, "changed")
            if not permitted and record.country_code == US and record.sms_channel_id:
                raise Conflict("isUSSMSPermitted", f"PhoneConfiguration {config_id} is a US number linked to SMS "
                                                   f"channel {record.sms_channel_id}: unlink it before revoking US SMS permission")
            return self._store(replace(record, is_us_sms_permitted=permitted), now)

    def link_channels(self, tenant: str, config_id: str, links: Mapping[str, str | None], channels: Channels) -> PhoneConfiguration:
        """``links``: ``voice`` and/or ``sms`` -> a channel id, or None to unlink. Each channel must
        be the tenant's and of the matching type; an SMS link on a US number needs the permission."""
        with self._lock:
            now = self._tick()
            record = self._live(tenant, config_id, "linked")
            changes: dict[str, str | None] = {}
            for kind, field, channel_type in (("voice", "voiceChannelId", VOICE), ("sms", "smsChannelId", SMS)):
                if kind not in links:
                    continue
                channel_id = links[kind]
                if channel_id is not None:
                    channel = channels.find(tenant, channel_id)
                    if channel is None:
                        raise InvalidArgument(field, f"{field}: deployment channel {channel_id} does not exist")
                    if channel.channel_type != channel_type:
                        raise InvalidArgument(field, f"{field}: deployment channel {channel_id} is a "
                                                     f"{channel.channel_type} channel, not {channel_type}")
                changes[f"{kind}_channel_id"] = channel_id
            if changes.get("sms_channel_id") and record.country_code == US and not record.is_us_sms_permitted:
                raise Conflict("smsChannelId", f"{record.phone_number} is a US number without US SMS permission "
                                               "(isUSSMSPermitted): it cannot be linked to an SMS channel")
            return self._store(replace(record, **changes), now)

    def linked_to(self, channel_id: str) -> list[str]:
        """Ids of the unreleased configurations that link to ``channel_id``."""
        with self._lock:
            return [r.id for r in self.by_id.values() if r.status != RELEASED
                    and channel_id in (r.voice_channel_id, r.sms_channel_id)]

    def _live(self, tenant: str, config_id: str, verb: str) -> PhoneConfiguration:
        record = self.get(tenant, config_id)
        if record.status == RELEASED:
            raise IllegalTransition("PhoneConfiguration", config_id, RELEASED, RELEASED,
                                    f"PhoneConfiguration {config_id} is RELEASED: it cannot be {verb}")
        return record
