"""Racing renters: exactly one wins a number, and concurrent rentAny calls get distinct numbers."""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from emulator.core import NotAvailable
from tests.conftest import basic

from .helpers import (
    PROJECT,
    PROJECT_2,
    base,
    free_numbers,
    http_call,
    list_page,
    serving,
)

THREADS = 32
KEYS = {PROJECT: ("test-key", "test"), PROJECT_2: ("test-key-2", "test")}


@pytest.fixture
def server(app):
    with serving(app) as address:
        yield address


def http_post(server, project: str, path: str, body=None) -> tuple[int, dict]:
    """One POST over its own connection, authenticated as ``project``'s key."""
    headers = basic(*KEYS[project])
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    status, data = http_call(server, "POST", base(project) + path, headers, payload)
    return status, json.loads(data)


def race(count: int, action):
    """Run ``action(i)`` in ``count`` threads released together; results in thread order."""
    barrier = threading.Barrier(count)

    def run(i):
        barrier.wait(timeout=30)
        return action(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_32_threads_renting_one_number_over_http(server, client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1)[0]
    # both projects race, so the winner may be either of them
    results = race(THREADS, lambda i: http_post(server, (PROJECT, PROJECT_2)[i % 2], f"/availableNumbers/{number}:rent"))
    statuses = [status for status, _ in results]
    assert statuses.count(200) == 1, statuses
    assert statuses.count(404) == THREADS - 1, statuses
    winner = next(body for status, body in results if status == 200)
    assert winner["phoneNumber"] == number
    for status, body in results:
        if status == 404:
            assert body["error"]["status"] == "NOT_FOUND"
            assert body["error"]["details"][0]["resourceName"] == number
    assert list(world.owned) == [number]
    assert world.owned[number].tenant == f"sinch/{winner['projectId']}"
    # exactly one project lists it
    totals = {p: list_page(client, basic(*KEYS[p]), project=p)["totalSize"] for p in (PROJECT, PROJECT_2)}
    assert totals == {PROJECT: int(winner["projectId"] == PROJECT), PROJECT_2: int(winner["projectId"] == PROJECT_2)}


def test_32_threads_acquiring_one_number_in_the_world(client, auth, world):
    number = free_numbers(client, auth, "GB", "MOBILE", 1)[0]

    def acquire(i):
        try:
            return world.acquire(f"sinch/tenant-{i}", number).tenant
        except NotAvailable:
            return None

    winners = [t for t in race(THREADS, acquire) if t is not None]
    assert len(winners) == 1
    assert list(world.owned) == [number]
    assert world.owned[number].tenant == winners[0]
    assert sum(world.count(f"sinch/tenant-{i}") for i in range(THREADS)) == 1


def test_8_threads_renting_any_get_distinct_numbers(server, world):
    criteria = {"regionCode": "US", "type": "LOCAL", "capabilities": ["SMS"],
                "numberPattern": {"pattern": "206", "searchPattern": "START"}}
    results = race(8, lambda i: http_post(server, (PROJECT, PROJECT_2)[i % 2], "/availableNumbers:rentAny", criteria))
    assert [status for status, _ in results] == [200] * 8, results
    numbers = [body["phoneNumber"] for _, body in results]
    assert len(set(numbers)) == 8
    assert all(n.startswith("+1206") and "SMS" in body["capability"] for n, (_, body) in zip(numbers, results))
    assert set(world.owned) == set(numbers)
    for i, (_, body) in enumerate(results):
        assert world.owned[body["phoneNumber"]].tenant == f"sinch/{(PROJECT, PROJECT_2)[i % 2]}"
