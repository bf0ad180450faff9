"""A Faker provider for phone-number test data: E.164 numbers valid per phonenumbers for a region and
type, provider ids in each provider's own format, friendly names.

    from faker import Faker
    from contracts.faker_provider import NumbersProvider

    fake = Faker()
    fake.add_provider(NumbersProvider)
    Faker.seed(7)
    fake.e164("GB", "MOBILE")           # '+447...' valid for GB, typed MOBILE by phonenumbers
    fake.twilio_phone_number_sid()      # 'PN' + 32 hex digits

Numbers come from the same sampler as ``numbers-emulator fixtures generate`` (valid by construction,
never filtered at random), driven by Faker's own random, so ``Faker.seed`` makes them repeatable.
Faker's ``phone_number()`` is valid only about half the time: use ``e164``.
"""
from __future__ import annotations

from faker.providers import BaseProvider

from emulator.generation.sampler import offered_kinds, sampler

_KINDS = offered_kinds()
_NAME_NOUNS = ("Support", "Sales", "Billing", "Main line", "Front desk", "Helpdesk", "Reception", "Alerts",
               "Bookings", "Operations", "Dispatch", "Hotline")


class NumbersProvider(BaseProvider):
    """Phone numbers and telephony providers' ids."""

    # -- numbers ---------------------------------------------------------------------------------------
    def e164(self, region: str = "US", number_type: str = "LOCAL") -> str:
        """A number valid for ``region`` and typed ``number_type`` (LOCAL, MOBILE, TOLL_FREE) by phonenumbers."""
        return sampler(region, number_type).draw(self.generator.random.getrandbits(64))

    def any_e164(self) -> str:
        """A valid number of any region and type the numbering plan sells."""
        region, number_type = self.random_element(_KINDS)
        return self.e164(region, number_type)

    # -- ids -------------------------------------------------------------------------------------------
    def _hex(self, digits: int) -> str:
        return f"{self.generator.random.getrandbits(4 * digits):0{digits}x}"

    def _uuid4(self) -> str:
        h = self._hex(32)
        variant = "89ab"[int(h[16], 16) % 4]
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"

    def twilio_sid(self, prefix: str) -> str:
        """A Twilio sid: a two-letter prefix and 32 hex digits."""
        return prefix + self._hex(32)

    def twilio_account_sid(self) -> str:
        return self.twilio_sid("AC")

    def twilio_phone_number_sid(self) -> str:
        return self.twilio_sid("PN")

    def signalwire_project_id(self) -> str:
        return self._uuid4()

    def signalwire_phone_number_id(self) -> str:
        return self._uuid4()

    def sinch_project_id(self) -> str:
        return self._uuid4()

    def sinch_service_plan_id(self) -> str:
        return self._hex(32)

    def enfonica_project(self) -> str:
        """A project id: lower-case letters, digits and hyphens, starting with a letter."""
        words = [w.lower() for w in self.generator.words(2) if w.isascii() and w.isalpha()] or ["project"]
        return "-".join(words) + "-" + str(self.random_int(100, 999))

    def enfonica_instance_name(self, project: str | None = None, number: str | None = None) -> str:
        """``projects/<project>/phoneNumberInstances/<E.164>``."""
        return f"projects/{project or self.enfonica_project()}/phoneNumberInstances/{number or self.e164()}"

    def wazo_uuid(self) -> str:
        return self._uuid4()

    def wazo_tenant_uuid(self) -> str:
        return self._uuid4()

    # -- names -----------------------------------------------------------------------------------------
    def friendly_name(self) -> str:
        """A name a team gives a number (at most 64 characters, Twilio's limit)."""
        return f"{self.generator.company()} {self.random_element(_NAME_NOUNS)}"[:64]
