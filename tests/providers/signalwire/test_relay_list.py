"""Relay REST: listing the project's numbers (newest first), its filters and its cursor paging."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .relay_helpers import (
    AUTH2,
    all_pages,
    assert_invalid,
    buy_ok,
    follow,
    free_numbers,
    list_numbers,
    list_ok,
    release,
    update,
)


def buy_over_time(client, world, count: int, same_instant: int = 1) -> list[dict]:
    """Buy ``count`` numbers, ``same_instant`` at a time between clock ticks; newest first."""
    bought = []
    for i, number in enumerate(free_numbers(client, count)):
        if i % same_instant == 0:
            world.clock.advance(1)
        bought.append(buy_ok(client, number))
    return sorted(bought, key=lambda n: (n["created_at"], n["number"]), reverse=True)


def query(link: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link).query)


def test_an_empty_project_lists_nothing(client):
    body = list_ok(client)
    assert body == {"data": [], "links": {"self": "/api/relay/rest/phone_numbers?page_number=0&page_size=50",
                                          "first": "/api/relay/rest/phone_numbers?page_size=50"}}


def test_numbers_are_listed_newest_first(client, world):
    bought = buy_over_time(client, world, 5)
    assert [n["id"] for n in list_ok(client)["data"]] == [n["id"] for n in bought]
    assert bought[0]["created_at"] > bought[-1]["created_at"]


@pytest.mark.parametrize("same_instant", [1, 3, 7])
@pytest.mark.parametrize("page_size", [1, 2, 3, 7, 8])
def test_paging_returns_every_number_exactly_once(client, world, page_size, same_instant):
    bought = buy_over_time(client, world, 7, same_instant)
    pages = all_pages(client, page_size=page_size)
    listed = [n["id"] for page in pages for n in page["data"]]
    assert listed == [n["id"] for n in bought]
    assert len(pages) == max(1, -(-7 // page_size))
    for number, page in enumerate(pages):
        assert query(page["links"]["self"])["page_number"] == [str(number)]
        assert ("prev" in page["links"]) == (number > 0)
        assert page["links"]["first"] == f"/api/relay/rest/phone_numbers?page_size={page_size}"


def test_following_prev_walks_back_to_the_same_pages(client, world):
    buy_over_time(client, world, 7, 2)
    pages = all_pages(client, page_size=2)
    for later, earlier in zip(pages[::-1], pages[-2::-1]):
        assert follow(client, later["links"]["prev"])["data"] == earlier["data"]


def test_paging_survives_numbers_coming_and_going(client, world):
    bought = buy_over_time(client, world, 6)
    first = list_ok(client, page_size=2)
    release(client, bought[3]["id"])  # on a later page
    newer = buy_over_time(client, world, 1)  # newest: before the cursor, so not seen again
    rest = [n["id"] for n in _rest(client, first)]
    seen = [n["id"] for n in first["data"]] + rest
    assert seen == [n["id"] for n in bought if n is not bought[3]]
    assert newer[0]["id"] not in seen


def _rest(client, page: dict) -> list[dict]:
    found = []
    while "next" in page["links"]:
        page = follow(client, page["links"]["next"])
        found.extend(page["data"])
    return found


def test_filters_and_links_keep_them(client, world):
    bought = buy_over_time(client, world, 4)
    update(client, bought[0]["id"], {"name": "Sales desk"})
    update(client, bought[2]["id"], {"name": "SALES backup"})
    named = list_ok(client, filter_name="sales", page_size=1)
    assert [n["id"] for n in named["data"]] == [bought[0]["id"]]
    assert query(named["links"]["next"])["filter_name"] == ["sales"]
    assert [n["id"] for n in follow(client, named["links"]["next"])["data"]] == [bought[2]["id"]]
    digits = bought[1]["number"][-6:]
    assert [n["id"] for n in list_ok(client, filter_number=digits)["data"]] == [bought[1]["id"]]
    assert [n["id"] for n in list_ok(client, filter_number=bought[3]["number"])["data"]] == [bought[3]["id"]]
    assert list_ok(client, filter_number="+44")["data"] == []


def test_other_projects_numbers_are_not_listed(client, world):
    buy_over_time(client, world, 2)
    assert list_ok(client, AUTH2)["data"] == []


@pytest.mark.parametrize("params, field", [
    ({"page_size": 0}, "page_size"),
    ({"page_size": 1001}, "page_size"),
    ({"page_size": "ten"}, "page_size"),
    ({"page_number": -1}, "page_number"),
    ({"page_number": 1}, "page_token"),
    ({"page_token": "PAnot-ours"}, "page_token"),
    ({"page_token": "XY123"}, "page_token"),
    ({"filter_name": ""}, "filter_name"),
])
def test_bad_paging_is_422(client, params, field):
    assert_invalid(list_numbers(client, **params), field)


def test_page_size_up_to_1000(client, world):
    bought = buy_over_time(client, world, 3)
    body = list_ok(client, page_size=1000)
    assert len(body["data"]) == 3 and "next" not in body["links"]
    assert len(bought) == 3
