"""Calls and assertions shared by the Enfonica behaviour tests (``/enfonica/v1beta1``)."""
from __future__ import annotations

import dataclasses
from typing import Any

BASE = "/enfonica/v1beta1"
PROJECT, PROJECT_2 = "test-project", "test-project-2"
AUTH = {"Authorization": "Bearer test"}  # may use both projects
AUTH_2 = {"Authorization": "Bearer test-2"}  # may use test-project-2 only
SEED_RANGE = "phoneNumbers/+61255501100-99"  # the seed's example block, always offered


def instances(project: str = PROJECT) -> str:
    return f"{BASE}/projects/{project}/phoneNumberInstances"


def instance(number: str, project: str = PROJECT) -> str:
    return f"{instances(project)}/{number}"


def search(client, auth=AUTH, **params: Any):
    return client.get(f"{BASE}/phoneNumbers:search", headers=auth, query_string=params)


def search_ok(client, auth=AUTH, **params: Any) -> dict:
    response = search(client, auth, **params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def free_numbers(client, count: int, **params: Any) -> list[str]:
    params = {"countryCode": "AU", "numberType": "LOCAL", "pageSize": count, **params}
    found = [n["phoneNumber"] for n in search_ok(client, **params).get("phoneNumbers", [])]
    assert len(found) == count, f"only {len(found)} free numbers for {params}"
    return found


def create(client, body: dict, project: str = PROJECT, auth=AUTH):
    return client.post(instances(project), headers=auth, json=body)


def create_ok(client, body: dict, project: str = PROJECT, auth=AUTH) -> dict:
    response = create(client, body, project, auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def provision(client, number: str, project: str = PROJECT, auth=AUTH, **fields: Any) -> dict:
    return create_ok(client, {"phoneNumber": {"phoneNumber": number}, **fields}, project, auth)


def get(client, number: str, project: str = PROJECT, auth=AUTH):
    return client.get(instance(number, project), headers=auth)


def patch(client, number: str, body: dict, mask: str | None = None, project: str = PROJECT, auth=AUTH):
    query = {"updateMask": mask} if mask is not None else {}
    return client.patch(instance(number, project), headers=auth, json=body, query_string=query)


def list_all(client, project: str = PROJECT, auth=AUTH, page_size: int = 3, **params: Any) -> list[dict]:
    """Every instance, by following nextPageToken."""
    found, token = [], None
    while True:
        query = {"pageSize": page_size, **params, **({"pageToken": token} if token else {})}
        response = client.get(instances(project), headers=auth, query_string=query)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        found += body.get("phoneNumberInstances", [])
        token = body.get("nextPageToken")
        if not token:
            return found


def assert_error(response, status: int, word: str, field: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.get_json())
    error = response.get_json()["error"]
    assert (error["code"], error["status"]) == (status, word)
    if field is not None:
        violations = [v for d in error["details"] if d["@type"].endswith("BadRequest") for v in d["fieldViolations"]]
        assert [v["field"] for v in violations] == [field], error
    return error


def snapshot(world) -> dict:
    """Everything a request could change, to prove a refused one changed nothing."""
    return {
        "owned": {n: dataclasses.asdict(r) for n, r in world.owned.items()},
        "released": {s: dataclasses.asdict(r) for s, r in world.released.items()},
        "sequence": world.sequence,
    }
