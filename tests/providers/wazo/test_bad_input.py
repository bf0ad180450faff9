"""Whatever JSON a client sends to a Wazo body, the answer is never a 500, and a refusal changes nothing."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator.app import create_app
from emulator.config import Config

from .helpers import MAIN, NUMBERS, RANGES, TOKEN_URL, USER_1, confd, snapshot

FIELDS = ("number", "caller_id_name", "shared", "main", "uuid", "start_number", "end_number", "phone_number_uuid",
          "expiration", "access_type", "client_id", "backend", "refresh_token")
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) \
    | st.sampled_from(["", "+", "1", "+18001234567", "0", "9999", "+1", "true", "offline", "wazo_user", "my-app",
                       "00000000-0000-4000-8000-000000000001"])
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                         max_size=3), max_leaves=8)
BODIES = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=4) | JSON


def _world_app():
    app = create_app(Config(frozen_clock=True, validation="strict"))
    client = app.test_client()
    login = client.post(TOKEN_URL, headers=USER_1, json={})
    headers = confd(login.get_json()["data"]["token"])
    existing = client.post(NUMBERS, headers=headers, json={"number": "+18001234567"}).get_json()["uuid"]
    client.post(NUMBERS, headers=headers, json={"number": "+18001234568"})
    return app, client, headers, existing


APP, CLIENT, HEADERS, EXISTING = _world_app()
TARGETS = [("post", NUMBERS), ("put", f"{NUMBERS}/{EXISTING}"), ("post", RANGES), ("put", MAIN), ("post", TOKEN_URL)]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=BODIES, target=st.sampled_from(TARGETS))
def test_any_json_body_is_answered_without_a_500_and_a_refusal_changes_nothing(body, target):
    method, path = target
    before = snapshot(APP.world)
    headers = {**HEADERS, **(USER_1 if path == TOKEN_URL else {})}
    response = getattr(CLIENT, method)(path, headers=headers, data=json.dumps(body), content_type="application/json")
    assert response.status_code < 500, (response.status_code, response.data[:300])
    if response.status_code >= 400:
        assert snapshot(APP.world) == before
        assert response.get_json(), response.data[:300]  # an error body in Wazo's shape


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(max_size=40), target=st.sampled_from(TARGETS))
def test_any_bytes_are_answered_without_a_500(raw, target):
    method, path = target
    before = snapshot(APP.world)
    response = getattr(CLIENT, method)(path, headers={**HEADERS, **USER_1}, data=raw, content_type="text/plain")
    assert response.status_code < 500, (response.status_code, response.data[:300])
    if response.status_code >= 400:
        assert snapshot(APP.world) == before
