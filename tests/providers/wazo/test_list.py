"""GET /phone-numbers: search, exact filters, order, direction, limit and offset, their errors, and
sub-tenants (Wazo-Tenant, recurse)."""
from __future__ import annotations

import pytest

from emulator.config import WAZO_TENANT_1, WAZO_TENANT_2, Config, Credential
from tests.conftest import basic

from .helpers import (
    NUMBERS,
    UNKNOWN,
    USER_1,
    USER_2,
    assert_errors,
    confd,
    create_ok,
    delete,
    get,
    list_ok,
    listing,
    numbers_of,
    set_main,
    token,
    update,
)


@pytest.fixture
def numbers(client, h) -> dict[str, dict]:
    """Four numbers of tenant 1, by role."""
    made = {
        "main": create_ok(client, h, "+18001235555", caller_id_name="search", shared=True),
        "hidden": create_ok(client, h, "+15551112222", caller_id_name="hidden"),
        "accented": create_ok(client, h, "5555550100", caller_id_name="Élodie Café"),
        "nameless": create_ok(client, h, "1111"),
    }
    set_main(client, h, made["main"]["uuid"])
    made["main"] = get(client, h, made["main"]["uuid"]).get_json()
    return made


def test_the_list_is_total_then_items_by_number(client, h, numbers):
    response = listing(client, h)
    assert response.data.startswith(b'{"total":4,"items":[')
    body = response.get_json()
    assert numbers_of(body) == ["+15551112222", "+18001235555", "1111", "5555550100"]
    assert body["items"][1] == numbers["main"]


def test_an_empty_tenant_lists_nothing(client, h):
    assert list_ok(client, h) == {"total": 0, "items": []}


@pytest.mark.parametrize("term, expected", [
    ("+1800123", ["+18001235555"]),
    ("SEARCH", ["+18001235555"]),
    ("hidd", ["+15551112222"]),
    ("elodie cafe", ["5555550100"]),  # accents and case don't matter
    ("true", ["+18001235555"]),  # shared / main as text
    ("false", ["+15551112222", "1111", "5555550100"]),  # all but the main number, which is shared too
    ("5_5", ["+15551112222", "+18001235555", "5555550100"]),  # LIKE's one-character wildcard
    ("1%2", ["+15551112222", "+18001235555"]),  # and its any-run wildcard
    ("", ["+15551112222", "+18001235555", "1111", "5555550100"]),
    ("nothing", []),
])
def test_search_is_a_case_and_accent_insensitive_substring_of_every_column(client, h, numbers, term, expected):
    body = list_ok(client, h, search=term)
    assert numbers_of(body) == expected and body["total"] == len(expected)


@pytest.mark.parametrize("params, expected", [
    ({"number": "1111"}, ["1111"]),
    ({"number": "111"}, []),  # exact
    ({"number": ""}, []),
    ({"caller_id_name": "hidden"}, ["+15551112222"]),
    ({"caller_id_name": "HIDDEN"}, []),
    ({"shared": "true"}, ["+18001235555"]),
    ({"shared": "false"}, ["+15551112222", "1111", "5555550100"]),
    ({"main": "True"}, ["+18001235555"]),
    ({"main": "false", "shared": "false", "search": "555"}, ["+15551112222", "5555550100"]),
])
def test_exact_filters(client, h, numbers, params, expected):
    assert numbers_of(list_ok(client, h, **params)) == expected


@pytest.mark.parametrize("params, expected", [
    ({"direction": "desc"}, ["5555550100", "1111", "+18001235555", "+15551112222"]),
    ({"order": "caller_id_name"}, ["+15551112222", "+18001235555", "5555550100", "1111"]),  # text order; null last
    ({"order": "caller_id_name", "direction": "desc"}, ["1111", "5555550100", "+18001235555", "+15551112222"]),
    ({"order": ""}, ["+15551112222", "+18001235555", "1111", "5555550100"]),  # empty: the default
])
def test_order_and_direction(client, h, numbers, params, expected):
    assert numbers_of(list_ok(client, h, **params)) == expected


@pytest.mark.parametrize("order", ["main", "shared"])
def test_boolean_columns_sort_false_first_and_ties_by_uuid(client, h, numbers, order):
    others = sorted((n for role, n in numbers.items() if role != "main"), key=lambda n: n["uuid"])
    ascending = [n["uuid"] for n in others] + [numbers["main"]["uuid"]]
    assert [i["uuid"] for i in list_ok(client, h, order=order)["items"]] == ascending
    descending = [numbers["main"]["uuid"]] + [n["uuid"] for n in others]
    assert [i["uuid"] for i in list_ok(client, h, order=order, direction="desc")["items"]] == descending


def test_limit_and_offset_cut_the_page_not_the_total(client, h, numbers):
    everything = numbers_of(list_ok(client, h))
    for offset in range(5):
        for limit in (1, 2, 3, 10):
            body = list_ok(client, h, limit=limit, offset=offset)
            assert body["total"] == 4
            assert numbers_of(body) == everything[offset:offset + limit]
    assert list_ok(client, h, offset=10) == {"total": 4, "items": []}
    assert numbers_of(list_ok(client, h, search="555", limit=1, direction="desc")) == ["5555550100"]


def test_ties_are_broken_by_uuid(client, h):
    made = [create_ok(client, h, str(n), caller_id_name="same") for n in range(6)]
    expected = sorted(m["uuid"] for m in made)
    for direction in ("asc", "desc"):
        assert [i["uuid"] for i in list_ok(client, h, order="caller_id_name", direction=direction)["items"]] == expected


def dict_error(field: str, message: str, constraint_id: str, constraint) -> str:
    """xivo.mallow's wording: wazo-confd's list parameters use its fields."""
    if constraint_id == "type":
        value = {"message": message, "constraint_id": constraint_id, "constraint": constraint}
    else:
        value = {"constraint_id": constraint_id, "constraint": constraint, "message": message}
    return f"Input Error - {field}: {[value]}"


@pytest.mark.parametrize("query, messages", [
    ("limit=0", ["Input Error - field 'limit': wrong type. Should be a positive number"]),
    ("limit=-1", [dict_error("limit", "Must be greater than or equal to 0.", "range", {"min": 0})]),
    ("limit=ten", [dict_error("limit", "Not a valid integer.", "type", "integer")]),
    ("limit=", [dict_error("limit", "Not a valid integer.", "type", "integer")]),
    ("offset=-5&limit=x", [dict_error("limit", "Not a valid integer.", "type", "integer"),
                           dict_error("offset", "Must be greater than or equal to 0.", "range", {"min": 0})]),
    ("recurse=maybe", [dict_error("recurse", "Not a valid boolean.", "type", "boolean")]),
    ("direction=up", ["Input Error - direction: must be 'asc' or 'desc'"]),
    ("direction=", ["Input Error - direction: must be 'asc' or 'desc'"]),
    ("order=uuid", ["Input Error - order: column 'uuid' was not found"]),
    ("shared=yes", ["Input Error - shared: ['Not a valid boolean.']"]),
    ("main=", ["Input Error - main: ['Not a valid boolean.']"]),
    ("limit=0&direction=up&order=x", ["Input Error - field 'limit': wrong type. Should be a positive number"]),
    ("direction=up&order=x", ["Input Error - direction: must be 'asc' or 'desc'"]),
])
def test_bad_parameters_are_400_in_wazos_words(client, h, query, messages):
    assert_errors(client.get(f"{NUMBERS}?{query}", headers=h), 400, *messages)


def test_unknown_parameters_are_ignored(client, h, numbers):
    assert list_ok(client, h, uuid=UNKNOWN, color="red")["total"] == 4


# -- sub-tenants ------------------------------------------------------------------------------------
PARENT, CHILD, GRANDCHILD = WAZO_TENANT_1, "00000000-0000-4000-8000-0000000000c1", "00000000-0000-4000-8000-0000000000c2"
CHILD_USER = Credential("child", "test", CHILD)
CHILD_AUTH = basic("child", "test")


@pytest.fixture
def config() -> Config:
    """Tenant 1 has a sub-tenant with its own user, which has a sub-tenant; tenant 2 stands alone."""
    return Config(frozen_clock=True, validation="strict", wazo_tenant_parents=((CHILD, PARENT), (GRANDCHILD, CHILD)),
                  wazo_users=(*Config().wazo_users, CHILD_USER))


@pytest.fixture
def family(client) -> dict[str, dict]:
    """One number in each of the parent, child, grandchild and tenant 2, made through the parent's token."""
    parent, other = token(client, USER_1), token(client, USER_2)
    made = {tenant: create_ok(client, confd(parent, tenant), number)
            for tenant, number in ((PARENT, "100"), (CHILD, "200"), (GRANDCHILD, "300"))}
    made[WAZO_TENANT_2] = create_ok(client, confd(other), "400")
    return made


def test_wazo_tenant_acts_on_a_sub_tenant(client, family):
    assert {t: n["tenant_uuid"] for t, n in family.items()} == {t: t for t in family}
    parent = confd(token(client, USER_1))
    assert numbers_of(list_ok(client, parent)) == ["100"]
    assert numbers_of(list_ok(client, {**parent, "Wazo-Tenant": CHILD})) == ["200"]
    assert numbers_of(list_ok(client, {**parent, "Wazo-Tenant": GRANDCHILD})) == ["300"]


def test_recurse_lists_the_tenant_and_its_sub_tenants(client, family):
    parent = confd(token(client, USER_1))
    assert numbers_of(list_ok(client, parent, recurse="true")) == ["100", "200", "300"]
    assert numbers_of(list_ok(client, {**parent, "Wazo-Tenant": CHILD}, recurse="true")) == ["200", "300"]
    assert numbers_of(list_ok(client, parent, recurse="false")) == ["100"]


def test_a_sub_tenant_cannot_act_on_its_parent(client, family):
    child = token(client, CHILD_AUTH)
    assert numbers_of(list_ok(client, confd(child), recurse="true")) == ["200", "300"]
    assert_errors(client.get(NUMBERS, headers=confd(child, PARENT)), 401,
                  str((child, "confd.phone-numbers.read", PARENT)))
    assert_errors(get(client, confd(child), family[PARENT]["uuid"]), 404)


def test_items_are_found_in_sub_tenants_but_main_only_in_the_tenant(client, family):
    parent = confd(token(client, USER_1))
    grandchild_number = family[GRANDCHILD]["uuid"]
    assert get(client, parent, grandchild_number).get_json() == family[GRANDCHILD]
    assert update(client, parent, grandchild_number, {"caller_id_name": "deep"}).status_code == 204
    assert_errors(set_main(client, parent, grandchild_number), 404)  # /main: the exact tenant only
    assert set_main(client, {**parent, "Wazo-Tenant": GRANDCHILD}, grandchild_number).status_code == 204
    assert_errors(client.get(f"{NUMBERS}/main", headers=parent), 404)
    assert delete(client, parent, grandchild_number).status_code == 204
    assert_errors(get(client, parent, family[WAZO_TENANT_2]["uuid"]), 404)  # not in the family


def test_a_number_may_be_listed_in_a_tenant_and_its_sub_tenant(client, family):
    parent = confd(token(client, USER_1))
    assert create_ok(client, parent, "200")["tenant_uuid"] == PARENT
    assert numbers_of(list_ok(client, parent, recurse="true", number="200")) == ["200", "200"]
