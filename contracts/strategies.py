"""Hypothesis strategies for test authors: phone numbers drawn from the numbering plan.

``numbers_in("US", "LOCAL")`` draws digit strings over the plan's blocks for that type: every draw has
the shape of the type (and, except where phonenumbers gives a range to another region or type, is
valid for it); ``valid_numbers`` keeps only the ones phonenumbers accepts for the region and type.
"""
from __future__ import annotations

from hypothesis import strategies as st

from emulator.core.numbering import NumberingPlan, classify

_PLAN = NumberingPlan()


def offered_kinds() -> list[tuple[str, str]]:
    """Every (region, number type) the numbering plan sells."""
    return [(region, t) for region in _PLAN.regions() for t in _PLAN.offered_types(region)]


@st.composite
def numbers_in(draw, region: str, number_type: str) -> str:
    plan = _PLAN.plan(region, number_type)
    if plan is None:
        raise ValueError(f"no {number_type} numbers in {region}")
    block = draw(st.sampled_from(plan.blocks))
    return "+" + "".join(draw(st.sampled_from(choices)) for choices in block)


def valid_numbers(region: str, number_type: str) -> st.SearchStrategy[str]:
    return numbers_in(region, number_type).filter(lambda e164: classify(e164) == (region, number_type))


def any_valid_number() -> st.SearchStrategy[str]:
    return st.sampled_from(offered_kinds()).flatmap(lambda kind: valid_numbers(*kind))
