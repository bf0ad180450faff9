"""A hypothesis rule-based state machine for phone configurations (``emulator.core.configurations``).

Invariants: every status change follows the transition table; a refused move changes nothing; a
number has at most one unreleased configuration per tenant, and ``live`` indexes exactly those; a
US configuration linked to an SMS channel has the US SMS permission.
"""
from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from emulator.core import AlreadyExists, World, WorldConfig
from emulator.core.configurations import (
    INACTIVE,
    REACTIVATE_FROM,
    RELEASED,
    SUSPEND_FROM,
    TRANSITIONS,
    PhoneConfiguration,
)
from emulator.core.errors import Conflict, IllegalTransition, InvalidArgument

NUMBERS = ("+12025550100", "+12025550101", "+14165550100")  # two US, one CA
ACTIONS = {"suspend": ("SUSPENDED", SUSPEND_FROM), "reactivate": ("ACTIVE", REACTIVATE_FROM), "release": (RELEASED, None)}


class ConfigurationMachine(RuleBasedStateMachine):
    configurations = Bundle("configurations")
    channels = Bundle("channels")

    def __init__(self) -> None:
        super().__init__()
        self.world = World(WorldConfig(seed=2, frozen_clock_at=1_800_000_000.0))
        self.store = self.world.configurations
        self.seen: dict[str, str] = {}

    @rule(target=configurations, number=st.sampled_from(NUMBERS))
    def add(self, number):
        now = self.world.now()
        record = PhoneConfiguration(id=self.world.ids.hex(8), tenant="t", phone_number=number, provider_phone_number_id="p",
                                    phone_request_id="r", friendly_name=None, provider_type="P", provider_tenant="p/1",
                                    country_code="CA" if number.startswith("+1416") else "US", created_at=now, updated_at=now)
        live_before = self.store.live_for("t", number)
        try:
            made = self.store.add(record)
        except AlreadyExists:
            assert live_before is not None
            return "missing"
        assert live_before is None and made.status == INACTIVE
        self.seen[made.id] = made.status
        return made.id

    @rule(target=channels, kind=st.sampled_from(["VOICE", "SMS"]))
    def channel(self, kind):
        return self.world.channels.create("t", "c", kind, lambda: self.world.ids.hex(8)).id

    @rule(config_id=configurations, action=st.sampled_from(sorted(ACTIONS)))
    def act(self, config_id, action):
        if config_id == "missing":
            return
        to_status, allowed_from = ACTIONS[action]
        before = self.store.by_id[config_id]
        try:
            after = self.store.transition("t", config_id, to_status, from_statuses=allowed_from)
        except IllegalTransition:
            assert to_status not in TRANSITIONS[before.status] or before.status not in (allowed_from or (before.status,))
            assert self.store.by_id[config_id] == before
            return
        assert to_status in TRANSITIONS[before.status] and after.status == to_status
        self.seen[config_id] = to_status

    @rule(config_id=configurations, permitted=st.booleans())
    def permission(self, config_id, permitted):
        if config_id == "missing":
            return
        before = self.store.by_id[config_id]
        try:
            self.store.set_us_sms_permission("t", config_id, permitted)
        except (Conflict, IllegalTransition):
            assert self.store.by_id[config_id] == before

    @rule(config_id=configurations, channel_id=channels, kind=st.sampled_from(["voice", "sms"]), unlink=st.booleans())
    def link(self, config_id, channel_id, kind, unlink):
        if config_id == "missing":
            return
        before = self.store.by_id[config_id]
        try:
            self.store.link_channels("t", config_id, {kind: None if unlink else channel_id}, self.world.channels)
        except (Conflict, IllegalTransition, InvalidArgument):
            assert self.store.by_id[config_id] == before

    @invariant()
    def consistent(self):
        live = {}
        for record in self.store.by_id.values():
            assert record.status == self.seen[record.id]
            if record.status != RELEASED:
                assert (record.tenant, record.phone_number) not in live, "two live configurations of one number"
                live[(record.tenant, record.phone_number)] = record.id
            if record.sms_channel_id and record.country_code == "US":
                assert record.is_us_sms_permitted
        assert live == self.store.live


ConfigurationMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestConfigurations = ConfigurationMachine.TestCase
