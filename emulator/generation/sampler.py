"""Valid numbers of one region and type, drawn from the numbering plan by a 64-bit key.

The plan's blocks (``emulator.core.numbering``) span every digit string of a type's national
pattern; a key picks one of them (uniformly over the digit strings), and ``classify`` keeps the
ones phonenumbers gives to that region and type. ``draw`` is valid by construction (it steps to
the next key until a candidate is valid), so the fixture generator, the Faker provider and the
hypothesis strategies all share one mechanism and never filter at random.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import accumulate, product

from ..core.hashing import mix64, seeded
from ..core.numbering import NUMBER_TYPES, Block, NumberingPlan, block_size, classify

_MASK = (1 << 64) - 1
#: Below this many digit strings per wanted number, the generator enumerates instead of sampling.
EXHAUSTIVE_RATIO = 20
#: The most digit strings an exhaustive enumeration walks.
MAX_ENUMERATION = 5_000_000
#: How many consecutive keys ``draw`` tries before it walks the plan in order.
DRAW_TRIES = 256


class GenerationError(ValueError):
    """A request the generator cannot meet (no such region or type, not enough numbers)."""


_PLAN = NumberingPlan()


def number_type_of(text: str) -> str:
    """``local`` / ``toll-free`` / ``TOLL_FREE`` -> the core's type name."""
    normalised = text.strip().upper().replace("-", "_").replace(" ", "_")
    if normalised == "TOLLFREE":
        normalised = "TOLL_FREE"
    if normalised not in NUMBER_TYPES:
        raise GenerationError(f"unknown number type {text!r} (one of {', '.join(NUMBER_TYPES)})")
    return normalised


class NumberSampler:
    """Candidates of one (region, type) by index over its plan's blocks, and valid draws."""

    def __init__(self, region: str, number_type: str) -> None:
        plan = _PLAN.plan(region, number_type)
        if plan is None:
            raise GenerationError(f"the numbering plan has no {number_type} numbers in {region!r}")
        self.region = region
        self.number_type = number_type
        self.kind = (region, number_type)
        self.blocks: tuple[Block, ...] = plan.blocks
        self.bounds = list(accumulate(block_size(b) for b in self.blocks))
        self.size = self.bounds[-1]
        # per block: (fixed digits as a list, [(position, choices)] of free positions, last first)
        self._layouts = [
            ([d[0] for d in block], [(i, d) for i, d in reversed(list(enumerate(block))) if len(d) > 1])
            for block in self.blocks
        ]

    def candidate(self, key: int) -> str:
        """The digit string at ``key`` (mod the plan's size): valid for the type's pattern, not
        necessarily for phonenumbers (shared country codes, types that take precedence)."""
        index = key % self.size
        b = bisect_right(self.bounds, index)
        if b:
            index -= self.bounds[b - 1]
        fixed, free = self._layouts[b]
        digits = fixed.copy()
        for position, choices in free:
            index, r = divmod(index, len(choices))
            digits[position] = choices[r]
        return "+" + "".join(digits)

    def valid(self, e164: str) -> bool:
        return classify(e164) == self.kind

    def draw(self, key: int) -> str:
        """A valid number for ``key``: the candidate at ``key``, else at the keys after it."""
        for step in range(DRAW_TRIES):
            e164 = self.candidate(mix64((key + step) & _MASK) if step else key)
            if classify(e164) == self.kind:
                return e164
        for e164 in self.every_valid():  # a plan whose patterns are almost all someone else's
            return e164
        raise GenerationError(f"no valid {self.number_type} number in {self.region}")

    def every_valid(self) -> Iterator[str]:
        """Every valid number of the plan, in block order (for small plans only)."""
        seen: set[str] = set()
        for block in self.blocks:
            for digits in product(*block):
                e164 = "+" + "".join(digits)
                if e164 not in seen and classify(e164) == self.kind:
                    seen.add(e164)
                    yield e164

    def unique(self, seed: int, count: int) -> list[str]:
        """``count`` distinct valid numbers, the same for the same seed. Raises GenerationError when
        the plan does not hold that many."""
        if count <= 0:
            return []
        base = seeded(seed, "generate", self.region, self.number_type)
        if self.size >= EXHAUSTIVE_RATIO * count:
            found = self._sampled(base, count)
            if found is not None:
                return found
        if self.size > MAX_ENUMERATION:
            raise GenerationError(f"could not find {count} distinct {self.number_type} numbers in {self.region}")
        every = sorted(self.every_valid(), key=lambda e164: mix64(base ^ int(e164[1:])))
        if len(every) < count:
            raise GenerationError(
                f"{self.region} has only {len(every)} valid {self.number_type} numbers, not {count}")
        return every[:count]

    def _sampled(self, base: int, count: int) -> list[str] | None:
        """Rejection sampling over keys ``mix64(base + i)``; None when it stalls (a sparse plan)."""
        found: list[str] = []
        seen: set[str] = set()
        candidate, kind, limit = self.candidate, self.kind, 50 * count + 1000
        i = 0
        while len(found) < count:
            if i >= limit:
                return None
            e164 = candidate(mix64((base + i) & _MASK))
            i += 1
            if e164 not in seen and classify(e164) == kind:
                seen.add(e164)
                found.append(e164)
        return found


@cache
def sampler(region: str, number_type: str) -> NumberSampler:
    """The (cached) sampler of ``region`` and ``number_type``."""
    return NumberSampler(region.upper(), number_type_of(number_type))


def offered_kinds() -> list[tuple[str, str]]:
    """Every (region, number type) the numbering plan sells."""
    return [(region, t) for region in _PLAN.regions() for t in _PLAN.offered_types(region)]
